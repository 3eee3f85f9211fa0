package io.tuneflow.cli.bench;

import java.util.List;

/**
 * The Goldstein-Price function on [-2, 2]^2: minimum 3 at (0, -1), three local minima beside it, and values up to
 * about 10^6 at the corners — six orders of magnitude between the best and the worst trial, as between a diverged and a
 * well-tuned training loss. It was added after the strategies were tuned, as a held-out problem.
 *
 * <pre>
 * f(x) = [1 + (x1 + x2 + 1)^2 (19 - 14 x1 + 3 x1^2 - 14 x2 + 6 x1 x2 + 3 x2^2)]
 *      · [30 + (2 x1 - 3 x2)^2 (18 - 32 x1 + 12 x1^2 + 48 x2 - 36 x1 x2 + 27 x2^2)]
 * </pre>
 */
final class GoldsteinPrice implements ObjectiveFunction {

    private static final List<String> PARAMETERS = List.of("x1", "x2");

    @Override
    public String name() {
        return "goldstein-price";
    }

    @Override
    public List<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double x1 = hyperParameters.number("x1");
        double x2 = hyperParameters.number("x2");
        double a = x1 + x2 + 1;
        double b = 2 * x1 - 3 * x2;
        double first = 1 + a * a * (19 - 14 * x1 + 3 * x1 * x1 - 14 * x2 + 6 * x1 * x2 + 3 * x2 * x2);
        double second = 30 + b * b * (18 - 32 * x1 + 12 * x1 * x1 + 48 * x2 - 36 * x1 * x2 + 27 * x2 * x2);
        return first * second;
    }
}
