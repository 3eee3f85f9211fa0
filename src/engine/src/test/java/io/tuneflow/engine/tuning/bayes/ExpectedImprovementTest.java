package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

class ExpectedImprovementTest {

    /** EI = (best − μ) Φ(z) + σ φ(z), z = (best − μ)/σ, written out independently of the class under test. */
    private static double closedForm(double mean, double sd, double best) {
        double z = (best - mean) / sd;
        double pdf = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
        double cdf = 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
        return (best - mean) * cdf + sd * pdf;
    }

    @Test
    void matchesTheClosedForm() {
        double[][] cases = {{0, 1, 0}, {0.5, 0.2, 0.1}, {-1, 2, 0.3}, {1.2, 0.05, 1.0}, {0, 1, 2}};
        for (double[] c : cases) {
            double expected = closedForm(c[0], c[1], c[2]);
            assertThat(ExpectedImprovement.value(c[0], c[1], c[2])).isCloseTo(expected, within(1e-12 * Math.max(1, expected)));
            assertThat(ExpectedImprovement.log(c[0], c[1], c[2])).isCloseTo(Math.log(expected), within(1e-9));
        }
        // μ = best: EI = σ φ(0) = σ / √(2π)
        assertThat(ExpectedImprovement.value(3, 0.5, 3)).isCloseTo(0.5 / Math.sqrt(2 * Math.PI), within(1e-15));
    }

    @Test
    void logStaysFiniteAndSmoothWhereEiUnderflows() {
        assertThat(ExpectedImprovement.value(50, 1, 0)).isZero();
        double previous = ExpectedImprovement.log(0, 1, 0);
        for (double z = -0.5; z > -200; z -= 0.5) {
            double value = ExpectedImprovement.log(-z, 1, 0);
            assertThat(value).isFinite().isLessThan(previous);
            previous = value;
        }
        // no jump where the computation switches to the asymptotic series
        double below = ExpectedImprovement.logH(-25 - 1e-9), above = ExpectedImprovement.logH(-25 + 1e-9);
        assertThat(below).isCloseTo(above, within(1e-6 * Math.abs(above)));
        // h(z) ~ φ(z)/z² for z → −∞
        double z = -1000;
        assertThat(ExpectedImprovement.logH(z)).isCloseTo(-z * z / 2 - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(-z), within(1e-5));
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        double[][] cases = {{0.3, 0.7, 0.1}, {4, 0.1, 0}, {40, 1, 0}, {-1, 0.5, 0}};
        for (double[] c : cases) {
            double[] partials = new double[2];
            double value = ExpectedImprovement.log(c[0], c[1], c[2], partials);
            assertThat(value).isCloseTo(ExpectedImprovement.log(c[0], c[1], c[2]), within(1e-12));
            double h = 1e-6;
            double dMean = (ExpectedImprovement.log(c[0] + h, c[1], c[2]) - ExpectedImprovement.log(c[0] - h, c[1], c[2])) / (2 * h);
            double dSd = (ExpectedImprovement.log(c[0], c[1] + h, c[2]) - ExpectedImprovement.log(c[0], c[1] - h, c[2])) / (2 * h);
            assertThat(partials[0]).isCloseTo(dMean, within(1e-5 * Math.max(1, Math.abs(dMean))));
            assertThat(partials[1]).isCloseTo(dSd, within(1e-5 * Math.max(1, Math.abs(dSd))));
        }
    }
}
