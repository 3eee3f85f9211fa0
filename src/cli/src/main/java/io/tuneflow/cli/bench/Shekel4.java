package io.tuneflow.cli.bench;

import java.util.List;

/**
 * The Shekel function with ten basins (often called Shekel-10) on [0, 10]^4: narrow wells of different depths on a
 * plateau near 0; minimum -10.536443 at about (4.000747, 3.999509, 4.000747, 3.999509), the next wells -10.40 and
 * lower. It was added after the strategies were tuned, as a held-out problem.
 *
 * <pre>
 * f(x) = - sum over i of 1 / (sum over j of (x_j - C_ji)^2 + beta_i)
 * </pre>
 */
final class Shekel4 implements ObjectiveFunction {

    private static final List<String> PARAMETERS = List.of("x1", "x2", "x3", "x4");
    private static final double[] BETA = {0.1, 0.2, 0.2, 0.4, 0.4, 0.6, 0.3, 0.7, 0.5, 0.5};
    /** The wells' centres, one row per input: C_ji is row j, column i. */
    private static final double[][] CENTRES = {
            {4, 1, 8, 6, 3, 2, 5, 8, 6, 7},
            {4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6},
            {4, 1, 8, 6, 3, 2, 5, 8, 6, 7},
            {4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6}};

    @Override
    public String name() {
        return "shekel4";
    }

    @Override
    public List<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double[] x = PARAMETERS.stream().mapToDouble(hyperParameters::number).toArray();
        double sum = 0;
        for (int i = 0; i < BETA.length; i++) {
            double squaredDistance = 0;
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - CENTRES[j][i];
                squaredDistance += d * d;
            }
            sum += 1 / (squaredDistance + BETA[i]);
        }
        return -sum;
    }
}
