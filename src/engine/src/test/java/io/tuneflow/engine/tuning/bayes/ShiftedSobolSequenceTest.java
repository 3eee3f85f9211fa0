package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShiftedSobolSequenceTest {

    @Test
    void everyPrefixOfTwoToTheKPointsHasOnePointPerStratumInEachCoordinate() {
        double[][] points = new ShiftedSobolSequence(5, 42).points(0, 64);
        for (int j = 0; j < 5; j++) {
            boolean[] seen = new boolean[64];
            for (double[] p : points) {
                assertThat(p[j]).isBetween(0.0, 1.0).isLessThan(1.0);
                seen[(int) (p[j] * 64)] = true;
            }
            for (boolean s : seen) {
                assertThat(s).isTrue();
            }
        }
    }

    @Test
    void dependsOnTheSeedOnlyAndResumesAtAnyIndex() {
        double[][] all = new ShiftedSobolSequence(3, 7).points(0, 10);
        assertThat(new ShiftedSobolSequence(3, 7).points(6, 4)).isDeepEqualTo(java.util.Arrays.copyOfRange(all, 6, 10));
        assertThat(new ShiftedSobolSequence(3, 8).points(0, 10)[0]).isNotEqualTo(all[0]);
        assertThat(all[0]).isNotEqualTo(new double[] {0, 0, 0}); // the unshifted sequence starts at a corner
    }
}
