package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tuneflow.engine.tuning.bayes.KernelHyperparameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustRegionTest {

    private static final CubeEncoding PLANE = new CubeEncoding(new SearchSpace(List.of(
            new Dimension.Continuous("x", 0, 1, Scaling.LINEAR), new Dimension.Continuous("y", 0, 1, Scaling.LINEAR))));

    /** Values after a 6-point design (best 1.0), then the given ones. */
    private static TrustRegion after(double... later) {
        double[] values = new double[6 + later.length];
        java.util.Arrays.fill(values, 0, 6, 2.0);
        values[3] = 1.0;
        System.arraycopy(later, 0, values, 6, later.length);
        return TrustRegion.replayed(values, 6, 2);
    }

    @Test
    void startsAtTheInitialSideRightAfterTheDesign() {
        TrustRegion region = after();
        assertThat(region.side()).isEqualTo(0.8);
        assertThat(region.improving()).isTrue(); // the design's best (trial 4 of 6) is 2 observations old, patience is 4
    }

    @Test
    void doublesAfterThreeSignificantImprovementsInARowAndStopsAtTheMaximum() {
        assertThat(after(0.9, 0.8, 0.7).side()).isEqualTo(1.6);
        assertThat(after(0.9, 0.8, 0.7, 0.6, 0.5, 0.4).side()).isEqualTo(1.6);
        // An improvement below 0.1 % of the best is not a success, and breaks the run.
        assertThat(after(0.9, 0.8, 0.8 - 1e-5, 0.7).side()).isEqualTo(0.8);
    }

    @Test
    void halvesAfterMaxOfFourAndTheDimensionFailuresInARowAndStopsAtTheMinimum() {
        assertThat(after(3, 3, 3).side()).isEqualTo(0.8);
        assertThat(after(3, 3, 3, 3).side()).isEqualTo(0.4);
        assertThat(after(3, 3, 3, 3, 3, 3, 3, 3).side()).isEqualTo(0.2);
        double[] flat = new double[6 + 4 * 20];
        java.util.Arrays.fill(flat, 1.0);
        assertThat(TrustRegion.replayed(flat, 6, 2).side()).isEqualTo(1.0 / 128);
        // In 6 dimensions patience is 6.
        double[] sixDimensions = new double[10 + 6];
        java.util.Arrays.fill(sixDimensions, 0, 10, 1.0);
        java.util.Arrays.fill(sixDimensions, 10, 16, 2.0);
        assertThat(TrustRegion.replayed(java.util.Arrays.copyOf(sixDimensions, 15), 10, 6).side()).isEqualTo(0.8);
        assertThat(TrustRegion.replayed(sixDimensions, 10, 6).side()).isEqualTo(0.4);
    }

    @Test
    void isImprovingWhileTheBestIsRecent() {
        assertThat(after(3, 3, 0.5, 3, 3, 3).improving()).isTrue(); // best 3 observations ago
        assertThat(after(3, 3, 0.5, 3, 3, 3, 3).improving()).isFalse(); // 4 ago: patience is max(4, d) = 4
        assertThat(after(3, 3, 3, 3, 3).improving()).isFalse(); // the design's best, 6 observations ago
    }

    @Test
    void theBoxIsLongerWhereTheLengthScaleIsLongerAndClippedToTheCube() {
        // Length scales 0.1 and 0.4: geometric mean 0.2, so at side 0.8 the box is 0.4 wide in x and 1.6 in y.
        KernelHyperparameters scales = new KernelHyperparameters(new double[] {0.1, 0.4}, 1, 1e-6);
        SearchBox box = after().around(new double[] {0.5, 0.3}, scales, PLANE);
        assertThat(box.lower()[0]).isCloseTo(0.3, within(1e-12));
        assertThat(box.upper()[0]).isCloseTo(0.7, within(1e-12));
        assertThat(box.lower()[1]).isEqualTo(0);
        assertThat(box.upper()[1]).isEqualTo(1);
    }

    @Test
    void integerAndCategoricalCoordinatesAreNotNarrowed() {
        CubeEncoding mixed = new CubeEncoding(new SearchSpace(List.of(
                new Dimension.Integer("layers", 1, 8, Scaling.LINEAR),
                new Dimension.Continuous("learning_rate", 1e-5, 1, Scaling.LOGARITHMIC),
                new Dimension.Categorical("optimizer", List.of("sgd", "adam")))));
        KernelHyperparameters scales = new KernelHyperparameters(new double[] {0.3, 0.05, 1}, 1, 1e-6);
        SearchBox box = TrustRegion.replayed(new double[] {1, 2, 3, 4, 5, 6, 7}, 7, 3).around(new double[] {0.5, 0.5, 0.25}, scales, mixed);
        // The one continuous coordinate is its own geometric mean: side 0.8 wide whatever its length scale.
        assertThat(box.lower()).containsExactly(new double[] {0, 0.1, 0}, within(1e-12));
        assertThat(box.upper()).containsExactly(new double[] {1, 0.9, 1}, within(1e-12));
    }

    @Test
    void aBoxOutsideTheCubeIsRejected() {
        assertThatThrownBy(() -> new SearchBox(new double[] {-0.1}, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bound 0");
        assertThatThrownBy(() -> new SearchBox(new double[] {0.6}, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
