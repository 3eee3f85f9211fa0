package io.tuneflow.engine.tuning.bayes;

import java.util.function.ToDoubleFunction;

/** Central finite differences, the yardstick for the analytic gradients of the GP pieces. */
final class FiniteDifferences {

    private static final double STEP = 1e-6;

    private FiniteDifferences() {
    }

    /** ∂f/∂x_j at x, as (f(x + h e_j) − f(x − h e_j)) / 2h with h = 1e-6. */
    static double slope(ToDoubleFunction<double[]> f, double[] x, int j) {
        double[] up = x.clone();
        double[] down = x.clone();
        up[j] += STEP;
        down[j] -= STEP;
        return (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * STEP);
    }
}
