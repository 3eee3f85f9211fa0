package io.tuneflow.cli.bench;

import java.util.List;

/**
 * The five-dimensional Michalewicz function (steepness m = 10) on [0, pi]^5: flat almost everywhere, with one narrow
 * valley per coordinate; minimum -4.687658 at about (2.2029, 1.5708, 1.2850, 1.9231, 1.7205). A model sees little but
 * plateau until a trial lands in a valley, the hard case for a Gaussian process fitted to few trials. It was added after
 * the strategies were tuned, as a held-out problem.
 *
 * <pre>
 * f(x) = - sum over i of sin(x_i) sin^20(i x_i^2 / pi)
 * </pre>
 */
final class Michalewicz5 implements ObjectiveFunction {

    private static final List<String> PARAMETERS = List.of("x1", "x2", "x3", "x4", "x5");
    private static final int STEEPNESS = 10;

    @Override
    public String name() {
        return "michalewicz5";
    }

    @Override
    public List<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double sum = 0;
        for (int i = 0; i < PARAMETERS.size(); i++) {
            double x = hyperParameters.number(PARAMETERS.get(i));
            sum += Math.sin(x) * Math.pow(Math.sin((i + 1) * x * x / Math.PI), 2 * STEEPNESS);
        }
        return -sum;
    }
}
