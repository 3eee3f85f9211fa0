package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** log EI of a posterior: the closed form at its prediction, and a gradient that matches finite differences. */
class LogExpectedImprovementTest {

    private static final boolean[] KINDS = {false, true, false};
    private static final KernelHyperparameters HYPERPARAMETERS =
            new KernelHyperparameters(new double[] {0.3, 1.0, 0.7}, 1.1, 1e-4);
    private static final double[][] INPUTS = {{0.1, 0, 0.2}, {0.5, 1, 0.9}, {0.9, 0, 0.4}, {0.3, 2, 0.6}};
    private static final double[] TARGETS = {0.5, -1, 0.2, 1.5};

    private static GaussianProcess model() {
        return GaussianProcess.condition(INPUTS, TARGETS, HYPERPARAMETERS, KINDS);
    }

    @Test
    void isTheLogOfTheClosedFormAtThePrediction() {
        LogExpectedImprovement acquisition = new LogExpectedImprovement(model(), -1);
        double[] x = {0.42, 1, 0.33};
        GaussianProcess.Prediction p = model().predict(x);
        double expected = ExpectedImprovement.value(p.mean(), Math.sqrt(p.variance()), -1);
        assertThat(Math.exp(acquisition.value(x))).isCloseTo(expected, within(1e-12 + 1e-9 * expected));
        assertThat(acquisition.modelSize()).isEqualTo(4);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        LogExpectedImprovement acquisition = new LogExpectedImprovement(model().believing(new double[] {0.7, 1, 0.1}), -1);
        double[] x = {0.42, 1, 0.33};
        double[] gradient = new double[3];
        assertThat(acquisition.value(x, gradient)).isEqualTo(acquisition.value(x));
        assertThat(gradient[1]).isZero();
        for (int j : new int[] {0, 2}) {
            double slope = FiniteDifferences.slope(acquisition::value, x, j);
            assertThat(gradient[j]).as("input %d", j).isCloseTo(slope, within(1e-5 * Math.max(1, Math.abs(slope))));
        }
    }
}
