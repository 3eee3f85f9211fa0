package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogMarginalLikelihoodTest {

    @Test
    void matchesTheClosedFormForTwoPoints() {
        double length = 0.5, signal = 0.8, noise = 0.05;
        double r = 0.3 / length;
        double b = signal * (1 + Math.sqrt(5) * r + 5 * r * r / 3) * Math.exp(-Math.sqrt(5) * r);
        double a = signal + noise, det = a * a - b * b;
        // With two exchangeable points the constant mean's GLS estimate is their average.
        double c = (1 - 0.4) / 2, y1 = 1 - c, y2 = -0.4 - c;
        double quadratic = (a * y1 * y1 - 2 * b * y1 * y2 + a * y2 * y2) / det;
        double expected = -0.5 * quadratic - 0.5 * Math.log(det) - Math.log(2 * Math.PI);

        LogMarginalLikelihood likelihood = new LogMarginalLikelihood(new double[][] {{0.2}, {0.5}}, new double[] {1, -0.4}, new boolean[] {false});
        double[] gradient = new double[4];
        // An additive part of variance 1e-300 leaves the plain kernel.
        assertThat(likelihood.valueAndGradient(new double[] {Math.log(length), Math.log(signal), Math.log(noise), Math.log(1e-300)}, gradient))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 12;
        double[][] inputs = new double[n][];
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = new double[] {random.nextDouble(), random.nextInt(3), random.nextDouble()};
            targets[i] = Math.sin(6 * inputs[i][0]) + inputs[i][1] * 0.3 + random.nextGaussian() * 0.1;
        }
        LogMarginalLikelihood likelihood = new LogMarginalLikelihood(inputs, targets, new boolean[] {false, true, false});
        double[] logs = {Math.log(0.3), Math.log(1.5), Math.log(0.8), Math.log(1.2), Math.log(0.02), Math.log(0.4)};
        double[] gradient = new double[6];
        likelihood.valueAndGradient(logs, gradient);
        for (int k = 0; k < logs.length; k++) {
            double numeric = FiniteDifferences.slope(theta -> likelihood.valueAndGradient(theta, new double[6]), logs, k);
            assertThat(gradient[k]).as("component %d", k).isCloseTo(numeric, within(1e-5 * Math.max(1, Math.abs(numeric))));
        }
    }

    @Test
    void theFitRecoversALengthScaleThatMatters() {
        // y depends on x0 only: the fitted length scale of x1 must come out much longer than that of x0.
        SplittableRandom random = new SplittableRandom(9);
        int n = 30;
        double[][] inputs = new double[n][];
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = new double[] {random.nextDouble(), random.nextDouble()};
            targets[i] = Math.sin(8 * inputs[i][0]);
        }
        LogMarginalLikelihood likelihood = new LogMarginalLikelihood(inputs, RefitSchedule.standardised(targets, n), new boolean[] {false, false});
        HyperparameterPrior prior = HyperparameterPrior.forInputs(2);
        KernelHyperparameters fitted = new HyperparameterFit(prior, 100).fit(likelihood, List.of(prior.mode())).hyperparameters();
        assertThat(fitted.lengthScale(1)).isGreaterThan(5 * fitted.lengthScale(0));
        assertThat(fitted.noiseVariance()).isLessThan(0.01);
    }

    @Test
    void theFitPutsTheVarianceOfASumInTheAdditivePart() {
        assertThat(fitted(x -> Math.sin(6 * x[0]) + Math.cos(5 * x[1]) + 4 * (x[2] - 0.5) * (x[2] - 0.5)))
                .satisfies(h -> assertThat(h.additiveVariance()).isGreaterThan(10 * h.signalVariance()));
        // a pure interaction: no input matters on its own
        assertThat(fitted(x -> Math.sin(6 * (x[0] - 0.5) * (x[1] - 0.5) * (x[2] - 0.5) * 8)))
                .satisfies(h -> assertThat(h.additiveVariance()).isLessThan(0.1 * h.signalVariance()));
    }

    private static KernelHyperparameters fitted(java.util.function.ToDoubleFunction<double[]> objective) {
        SplittableRandom random = new SplittableRandom(11);
        int n = 40;
        double[][] inputs = new double[n][];
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble()};
            targets[i] = objective.applyAsDouble(inputs[i]);
        }
        return new RefitSchedule(new boolean[3], 1).hyperparameters(inputs, targets);
    }
}
