package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Posterior mean and variance against the closed form on data small enough to invert by hand. */
class GaussianProcessTest {

    private static final boolean[] CONTINUOUS = {false};
    private static final double SIGNAL = 1.3;
    private static final double NOISE = 0.01;
    private static final double LENGTH = 0.4;
    private static final KernelHyperparameters HYPERPARAMETERS =
            new KernelHyperparameters(new double[] {LENGTH}, SIGNAL, NOISE);

    private static double k(double a, double b) {
        double r = Math.abs(a - b) / LENGTH;
        return SIGNAL * (1 + Math.sqrt(5) * r + 5 * r * r / 3) * Math.exp(-Math.sqrt(5) * r);
    }

    @Test
    void matchesTheClosedFormWithTwoObservations() {
        double x1 = 0.2, x2 = 0.5, y1 = 1.0, y2 = -0.5, x = 0.3;
        GaussianProcess gp = GaussianProcess.condition(new double[][] {{x1}, {x2}}, new double[] {y1, y2}, HYPERPARAMETERS, CONTINUOUS);

        // K = [[a, b], [b, a]] with a = s² + noise; K⁻¹ = [[a, -b], [-b, a]] / (a² - b²). By symmetry the GLS
        // constant mean 1ᵀK⁻¹y / 1ᵀK⁻¹1 is the average of the two targets.
        double a = SIGNAL + NOISE, b = k(x1, x2), det = a * a - b * b;
        double k1 = k(x, x1), k2 = k(x, x2);
        double c = (y1 + y2) / 2, r1 = y1 - c, r2 = y2 - c;
        double mean = c + (k1 * (a * r1 - b * r2) + k2 * (-b * r1 + a * r2)) / det;
        double variance = SIGNAL - (k1 * (a * k1 - b * k2) + k2 * (-b * k1 + a * k2)) / det;

        GaussianProcess.Prediction p = gp.predict(new double[] {x});
        assertThat(p.mean()).isCloseTo(mean, within(1e-12));
        assertThat(p.variance()).isCloseTo(variance, within(1e-12));
    }

    @Test
    void revertsToTheConstantMeanFarFromTheData() {
        // Two distant clusters: (0, 0.01) at about 2 and a lone point at 5 with 1. The GLS mean weighs the correlated
        // pair about as one observation, so it is near the average of 2 and 1, not of the three targets (5/3).
        double[][] inputs = {{0.0}, {0.01}, {5.0}};
        double[] targets = {2.0, 2.02, 1.0};
        GaussianProcess gp = GaussianProcess.condition(inputs, targets, HYPERPARAMETERS, CONTINUOUS);
        GaussianProcess.Prediction p = gp.predict(new double[] {50});
        assertThat(p.mean()).isCloseTo(1.5, within(0.02)).isLessThan(5.02 / 3);
        assertThat(p.variance()).isCloseTo(SIGNAL, within(1e-12));
        // one observation: the mean is the observation, everywhere
        GaussianProcess single = GaussianProcess.condition(new double[][] {{0.0}}, new double[] {2.0}, HYPERPARAMETERS, CONTINUOUS);
        assertThat(single.predict(new double[] {50}).mean()).isCloseTo(2.0, within(1e-12));
        // at the observation: the variance shrinks by s² / (s² + noise)
        GaussianProcess.Prediction at = single.predict(new double[] {0});
        assertThat(at.mean()).isCloseTo(2.0, within(1e-12));
        assertThat(at.variance()).isCloseTo(SIGNAL - SIGNAL * SIGNAL / (SIGNAL + NOISE), within(1e-12));
    }

    @Test
    void believingAPendingPointKeepsTheMeanAndConditionsTheVariance() {
        double[][] inputs = {{0.1}, {0.45}, {0.8}};
        double[] targets = {0.3, -1.2, 0.7};
        GaussianProcess gp = GaussianProcess.condition(inputs, targets, HYPERPARAMETERS, CONTINUOUS);
        double pending = 0.6;
        GaussianProcess believing = gp.believing(new double[] {pending});
        // The same as conditioning on the pending point observed at its predicted mean.
        double believed = gp.predict(new double[] {pending}).mean();
        GaussianProcess full = GaussianProcess.condition(new double[][] {{0.1}, {0.45}, {0.8}, {pending}},
                new double[] {0.3, -1.2, 0.7, believed}, HYPERPARAMETERS, CONTINUOUS);
        for (double x = 0; x <= 1; x += 0.05) {
            GaussianProcess.Prediction a = believing.predict(new double[] {x});
            GaussianProcess.Prediction b = full.predict(new double[] {x});
            assertThat(a.mean()).isCloseTo(gp.predict(new double[] {x}).mean(), within(1e-12)).isCloseTo(b.mean(), within(1e-9));
            assertThat(a.variance()).isCloseTo(b.variance(), within(1e-9));
        }
        assertThat(believing.predict(new double[] {pending}).variance()).isLessThan(NOISE);
    }

    @Test
    void aBelievedPointIsNeverBetterThanTheFloor() {
        GaussianProcess gp = GaussianProcess.condition(new double[][] {{0.1}, {0.45}, {0.8}}, new double[] {0.3, -1.2, 0.7},
                HYPERPARAMETERS, CONTINUOUS);
        double[] pending = {0.5};
        assertThat(gp.predict(pending).mean()).isLessThan(-0.5);
        GaussianProcess floored = gp.believing(pending, -0.5);
        assertThat(floored.predict(pending).mean()).isCloseTo(-0.5, within(0.25)).isGreaterThan(gp.predict(pending).mean() + 0.3);
        // far from the pending point nothing changes; a floor below the mean changes nothing at all
        assertThat(floored.predict(new double[] {0.1}).mean()).isCloseTo(gp.predict(new double[] {0.1}).mean(), within(0.05));
        assertThat(gp.believing(pending, -5).predict(pending).mean()).isCloseTo(gp.believing(pending).predict(pending).mean(), within(1e-12));
    }

    @ParameterizedTest(name = "additive variance {0}")
    @ValueSource(doubles = {0, 0.6})
    void gradientsMatchFiniteDifferences(double additiveVariance) {
        boolean[] kinds = {false, true, false};
        KernelHyperparameters h = new KernelHyperparameters(new double[] {0.3, 1.0, 0.7}, 1.1, 1e-4, additiveVariance);
        double[][] inputs = {{0.1, 0, 0.2}, {0.5, 1, 0.9}, {0.9, 0, 0.4}, {0.3, 2, 0.6}};
        GaussianProcess gp = GaussianProcess.condition(inputs, new double[] {0.5, -1, 0.2, 1.5}, h, kinds)
                .believing(new double[] {0.7, 1, 0.1});
        double[] x = {0.42, 1, 0.33};
        double[] meanGradient = new double[3];
        double[] varianceGradient = new double[3];
        GaussianProcess.Prediction p = gp.predict(x, meanGradient, varianceGradient);
        assertThat(p.mean()).isEqualTo(gp.predict(x).mean());
        for (int j : new int[] {0, 2}) {
            double meanSlope = FiniteDifferences.slope(input -> gp.predict(input).mean(), x, j);
            double varianceSlope = FiniteDifferences.slope(input -> gp.predict(input).variance(), x, j);
            assertThat(meanGradient[j]).isCloseTo(meanSlope, within(1e-6));
            assertThat(varianceGradient[j]).isCloseTo(varianceSlope, within(1e-6));
        }
        assertThat(meanGradient[1]).isZero();
    }

    @Test
    void duplicateObservationsDoNotBreakTheFactorisation() {
        KernelHyperparameters tinyNoise = new KernelHyperparameters(new double[] {0.4}, 1, 1e-12);
        GaussianProcess gp = GaussianProcess.condition(new double[][] {{0.3}, {0.3}, {0.3}, {0.7}}, new double[] {1, 1.1, 0.9, -1},
                tinyNoise, CONTINUOUS);
        GaussianProcess.Prediction p = gp.predict(new double[] {0.3});
        assertThat(p.mean()).isCloseTo(1.0, within(1e-3));
        assertThat(p.variance()).isGreaterThanOrEqualTo(0).isLessThan(1e-3);
    }

    @Test
    void itsLogMarginalLikelihoodIsTheFittingObjectivesAtTheSameHyperparameters() {
        // Two implementations: the process's from its own factor and weights, the fit's with its gradient.
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        int n = 15;
        double[][] inputs = new double[n][];
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = new double[] {random.nextDouble(), random.nextInt(3), random.nextDouble()};
            targets[i] = Math.cos(5 * inputs[i][0]) - 0.4 * inputs[i][1] + inputs[i][2];
        }
        boolean[] categorical = {false, true, false};
        KernelHyperparameters h = new KernelHyperparameters(new double[] {0.3, 1.0, 0.7}, 1.1, 1e-3, 0.2);
        double expected = new LogMarginalLikelihood(inputs, targets, categorical).valueAndGradient(h.toLogVector(), new double[6]);
        assertThat(GaussianProcess.condition(inputs, targets, h, categorical).logMarginalLikelihood())
                .isCloseTo(expected, within(1e-9 * Math.abs(expected)));
    }
}
