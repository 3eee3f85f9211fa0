package io.tuneflow.cli.bench;

import java.util.List;

/**
 * The six-dimensional Ackley function on [-5, 10]^6, the domain Bayesian-optimization papers use so that the minimum
 * (0 at the origin) is not the centre of the space: a funnel covered with ripples of period 1 in every coordinate,
 * thousands of local minima within it. It was added after the strategies were tuned, as a held-out problem.
 *
 * <pre>
 * f(x) = -20 exp(-0.2 sqrt(mean of x_i^2)) - exp(mean of cos(2 pi x_i)) + 20 + e
 * </pre>
 */
final class Ackley6 implements ObjectiveFunction {

    private static final List<String> PARAMETERS = List.of("x1", "x2", "x3", "x4", "x5", "x6");

    @Override
    public String name() {
        return "ackley6";
    }

    @Override
    public List<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double squares = 0;
        double cosines = 0;
        for (String name : PARAMETERS) {
            double x = hyperParameters.number(name);
            squares += x * x;
            cosines += Math.cos(2 * Math.PI * x);
        }
        int d = PARAMETERS.size();
        return -20 * Math.exp(-0.2 * Math.sqrt(squares / d)) - Math.exp(cosines / d) + 20 + Math.E;
    }
}
