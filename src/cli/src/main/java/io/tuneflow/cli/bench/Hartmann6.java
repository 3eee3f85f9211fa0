package io.tuneflow.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The six-dimensional Hartmann function on [0, 1]^6: minimum -3.32237 at (0.20169, 0.150011, 0.476874, 0.275332,
 * 0.311652, 0.6573). Four narrow basins of different depths, so a strategy has to find the deepest one.
 *
 * <p>{@link #withInertParameters(int)} reads x1..x6 the same way and tunes further parameters that change nothing, as
 * most of a real search space's hyperparameters matter little: a model that does not learn which inputs matter
 * spreads its trials over all of them.
 */
final class Hartmann6 implements ObjectiveFunction {

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
            {10, 3, 17, 3.5, 1.7, 8},
            {0.05, 10, 17, 0.1, 8, 14},
            {3, 3.5, 1.7, 10, 17, 8},
            {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
            {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
            {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
            {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
            {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
    private static final List<String> PARAMETERS = List.of("x1", "x2", "x3", "x4", "x5", "x6");

    private final String name;
    private final List<String> parameters;

    Hartmann6() {
        this("hartmann6", PARAMETERS);
    }

    private Hartmann6(String name, List<String> parameters) {
        this.name = name;
        this.parameters = parameters;
    }

    /** Hartmann6 of x1..x6, tuned together with x7..x(6 + count), which it ignores. */
    static Hartmann6 withInertParameters(int count) {
        List<String> parameters = new ArrayList<>(PARAMETERS);
        for (int j = 1; j <= count; j++) {
            parameters.add("x" + (PARAMETERS.size() + j));
        }
        return new Hartmann6("hartmann6-inert" + count, List.copyOf(parameters));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> parameters() {
        return parameters;
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double[] x = PARAMETERS.stream().mapToDouble(hyperParameters::number).toArray();
        double sum = 0;
        for (int i = 0; i < ALPHA.length; i++) {
            double exponent = 0;
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - P[i][j];
                exponent += A[i][j] * d * d;
            }
            sum += ALPHA[i] * Math.exp(-exponent);
        }
        return -sum;
    }
}
