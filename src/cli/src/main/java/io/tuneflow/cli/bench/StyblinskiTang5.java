package io.tuneflow.cli.bench;

import java.util.List;

/**
 * The five-dimensional Styblinski-Tang function on [-5, 5]^5: 2^5 = 32 local minima, one per corner of a grid of
 * basins, the global one at x_i = -2.903534 (value -39.16617 per coordinate, -195.83083 in all); the next best basins
 * are 14.14 per coordinate worse. It was added after the strategies were tuned, to check that they generalise beyond
 * the problems they were measured on.
 *
 * <pre>
 * f(x) = 1/2 · sum over i of (x_i^4 - 16 x_i^2 + 5 x_i)
 * </pre>
 */
final class StyblinskiTang5 implements ObjectiveFunction {

    private static final List<String> PARAMETERS = List.of("x1", "x2", "x3", "x4", "x5");

    @Override
    public String name() {
        return "styblinski-tang5";
    }

    @Override
    public List<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double sum = 0;
        for (String name : PARAMETERS) {
            double x = hyperParameters.number(name);
            double square = x * x;
            sum += square * square - 16 * square + 5 * x;
        }
        return sum / 2;
    }
}
