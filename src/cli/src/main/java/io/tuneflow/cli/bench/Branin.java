package io.tuneflow.cli.bench;

import java.util.List;

/**
 * Branin-Hoo on x1 in [-5, 10], x2 in [0, 15]: three global minima of 0.397887, at (-pi, 12.275), (pi, 2.275) and
 * (9.42478, 2.475).
 */
final class Branin implements ObjectiveFunction {

    private static final double B = 5.1 / (4 * Math.PI * Math.PI);
    private static final double C = 5 / Math.PI;
    private static final double T = 1 / (8 * Math.PI);

    @Override
    public String name() {
        return "branin";
    }

    @Override
    public List<String> parameters() {
        return List.of("x1", "x2");
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double x1 = hyperParameters.number("x1");
        double x2 = hyperParameters.number("x2");
        double bowl = x2 - B * x1 * x1 + C * x1 - 6;
        return bowl * bowl + 10 * (1 - T) * Math.cos(x1) + 10;
    }
}
