package io.tuneflow.cli.bench;

import java.util.List;

/**
 * The four-dimensional Rosenbrock function on [-5, 10]^4, as in Surjanovic and Bingham's library of test functions:
 * minimum 0 at (1, 1, 1, 1), at the end of a long curved valley, and values up to about 2.7e6 at the corners. The
 * range of values is what it tests: six orders of magnitude between the valley and the corners, where a model
 * fitted to the raw values spends its variance on the walls.
 *
 * <pre>
 * f(x) = sum over i = 1..3 of 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2
 * </pre>
 */
final class Rosenbrock4 implements ObjectiveFunction {

    private static final List<String> PARAMETERS = List.of("x1", "x2", "x3", "x4");

    @Override
    public String name() {
        return "rosenbrock4";
    }

    @Override
    public List<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double[] x = PARAMETERS.stream().mapToDouble(hyperParameters::number).toArray();
        double sum = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double valley = x[i + 1] - x[i] * x[i];
            double offset = 1 - x[i];
            sum += 100 * valley * valley + offset * offset;
        }
        return sum;
    }
}
