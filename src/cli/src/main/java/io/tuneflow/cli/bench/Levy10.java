package io.tuneflow.cli.bench;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The ten-dimensional Levy function on [-10, 10]^10: minimum 0 at x_i = 1, among ripples in every coordinate (a local
 * minimum near every integer). Ten dimensions are more than the other problems tune and about as many as a user's
 * largest search spaces; it was added after the strategies were tuned, as a held-out problem.
 *
 * <pre>
 * w_i  = 1 + (x_i - 1) / 4
 * f(x) = sin^2(pi w_1) + sum over i < 10 of (w_i - 1)^2 (1 + 10 sin^2(pi w_i + 1)) + (w_10 - 1)^2 (1 + sin^2(2 pi w_10))
 * </pre>
 */
final class Levy10 implements ObjectiveFunction {

    private static final List<String> PARAMETERS = IntStream.rangeClosed(1, 10).mapToObj(j -> "x" + j).toList();

    @Override
    public String name() {
        return "levy10";
    }

    @Override
    public List<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double[] w = PARAMETERS.stream().mapToDouble(name -> 1 + (hyperParameters.number(name) - 1) / 4).toArray();
        int last = w.length - 1;
        double sum = square(Math.sin(Math.PI * w[0]));
        for (int i = 0; i < last; i++) {
            sum += square(w[i] - 1) * (1 + 10 * square(Math.sin(Math.PI * w[i] + 1)));
        }
        return sum + square(w[last] - 1) * (1 + square(Math.sin(2 * Math.PI * w[last])));
    }

    private static double square(double x) {
        return x * x;
    }
}
