package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RefitScheduleTest {

    @Test
    void refitsForEveryObservationAtFirstThenWhenTheDataGrowsByATenth() {
        assertThat(RefitSchedule.anchor(5)).isEqualTo(5);
        assertThat(RefitSchedule.anchor(64)).isEqualTo(64);
        assertThat(RefitSchedule.anchor(69)).isEqualTo(64);
        assertThat(RefitSchedule.anchor(70)).isEqualTo(70);
        assertThat(RefitSchedule.anchor(200)).isEqualTo(194); // 64, 70, 77, 84, ..., 177, 194
        assertThat(RefitSchedule.warmStartFor(8)).isZero();
        assertThat(RefitSchedule.warmStartFor(9)).isEqualTo(8);
        assertThat(RefitSchedule.warmStartFor(194)).isEqualTo(128);
    }

    @Test
    void theResultDoesNotDependOnWhatWasAskedBefore() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 90;
        double[][] inputs = new double[n][];
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = new double[] {random.nextDouble(), random.nextDouble()};
            targets[i] = Math.pow(inputs[i][0] - 0.3, 2) + Math.sin(5 * inputs[i][1]);
        }
        boolean[] kinds = {false, false};
        RefitSchedule incremental = new RefitSchedule(kinds, 11);
        for (int m = 2; m < n; m++) {
            incremental.hyperparameters(Arrays.copyOf(inputs, m), Arrays.copyOf(targets, m));
        }
        KernelHyperparameters stepByStep = incremental.hyperparameters(inputs, targets);
        RefitSchedule fresh = new RefitSchedule(kinds, 11);
        KernelHyperparameters atOnce = fresh.hyperparameters(inputs, targets);
        assertThat(atOnce.toLogVector()).isEqualTo(stepByStep.toLogVector());
        assertThat(fresh.fits()).isLessThanOrEqualTo(5); // 84 (the anchor) and its warm-start chain 64, 32, 16, 8
    }
}
