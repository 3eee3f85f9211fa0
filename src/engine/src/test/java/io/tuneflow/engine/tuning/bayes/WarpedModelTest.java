package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class WarpedModelTest {

    private static final boolean[] CONTINUOUS = {false, false};

    private static WarpedModel fittedTo(ToDoubleFunction<double[]> objective, int n) {
        double[][] inputs = new ShiftedSobolSequence(2, 5).points(0, n);
        double[] values = Arrays.stream(inputs).mapToDouble(objective).toArray();
        RefitSchedule schedule = new RefitSchedule(CONTINUOUS, 5);
        return WarpedModel.fitted(WarpedModel.WARPS, schedule, inputs, m -> Arrays.copyOf(values, m), values, CONTINUOUS);
    }

    @Test
    void aLossOverSixOrdersOfMagnitudeIsModelledOnTheLogScale() {
        // exp of a quadratic bowl: 1 at (0.3, 0.6), about 10^6 in the far corner
        WarpedModel model = fittedTo(x -> Math.exp(12 * (sq(x[0] - 0.3) + sq(x[1] - 0.6))), 24);
        assertThat(model.warp()).isEqualTo(WarpedModel.WARPS.get(1));
    }

    @Test
    void aPlaneKeepsTheIdentity() {
        // A log would bend the plane; the identity explains it exactly.
        WarpedModel model = fittedTo(x -> 2 + 3 * x[0] - x[1], 24);
        assertThat(model.warp()).isEqualTo(OutputWarp.IDENTITY);
    }

    @Test
    void theChosenModelHoldsTheWarpedStandardisedValues() {
        ToDoubleFunction<double[]> objective = x -> Math.exp(12 * (sq(x[0] - 0.3) + sq(x[1] - 0.6)));
        WarpedModel model = fittedTo(objective, 24);
        double[][] inputs = new ShiftedSobolSequence(2, 5).points(0, 24);
        double[] values = Arrays.stream(inputs).mapToDouble(objective).toArray();
        double[] expected = RefitSchedule.standardised(model.warp().apply(values), values.length);
        assertThat(model.targets()).containsExactly(expected, within(1e-15));
        // the process interpolates them (noise is small)
        assertThat(model.process().predict(inputs[3]).mean()).isCloseTo(expected[3], within(0.05));
    }

    @Test
    void equalValuesAreNotWarped() {
        WarpedModel model = fittedTo(x -> 4.0, 10);
        assertThat(model.warp()).isEqualTo(OutputWarp.IDENTITY);
    }

    private static double sq(double x) {
        return x * x;
    }
}
