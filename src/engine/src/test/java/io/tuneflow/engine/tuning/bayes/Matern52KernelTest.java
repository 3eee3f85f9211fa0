package io.tuneflow.engine.tuning.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Matern52KernelTest {

    private static double matern(double r, double signal) {
        return signal * (1 + Math.sqrt(5) * r + 5 * r * r / 3) * Math.exp(-Math.sqrt(5) * r);
    }

    @Test
    void equalsTheSignalVarianceAtDistanceZero() {
        Matern52Kernel kernel = new Matern52Kernel(new double[] {0.3, 2}, new boolean[] {false, false}, 1.7);
        assertThat(kernel.value(new double[] {0.4, 0.9}, new double[] {0.4, 0.9})).isEqualTo(1.7);
    }

    @Test
    void scalesEachInputByItsOwnLengthScale() {
        Matern52Kernel kernel = new Matern52Kernel(new double[] {0.5, 2}, new boolean[] {false, false}, 1.7);
        // r = sqrt((0.3/0.5)² + (1.0/2)²) = sqrt(0.36 + 0.25)
        double r = Math.sqrt(0.61);
        assertThat(kernel.value(new double[] {0.1, 0.0}, new double[] {0.4, 1.0})).isCloseTo(matern(r, 1.7), within(1e-15));
        // known values of the Matérn 5/2 correlation: r = 1 gives (1 + √5 + 5/3) e^-√5 ≈ 0.523994
        assertThat(Matern52Kernel.correlation(1)).isCloseTo(0.5239941088318203, within(1e-12));
    }

    @Test
    void comparesCategoricalInputsAsSameOrDifferent() {
        Matern52Kernel kernel = new Matern52Kernel(new double[] {0.5, 0.8}, new boolean[] {false, true}, 1);
        double same = kernel.value(new double[] {0.2, 1}, new double[] {0.2, 1});
        double nextCategory = kernel.value(new double[] {0.2, 1}, new double[] {0.2, 2});
        double farCategory = kernel.value(new double[] {0.2, 0}, new double[] {0.2, 2});
        assertThat(same).isEqualTo(1);
        assertThat(nextCategory).isCloseTo(matern(1 / 0.8, 1), within(1e-15)).isEqualTo(farCategory);
    }

    @Test
    void decreasesWithDistance() {
        double previous = Matern52Kernel.correlation(0);
        for (double r = 0.1; r < 10; r += 0.1) {
            assertThat(Matern52Kernel.correlation(r)).isLessThan(previous).isPositive();
            previous = Matern52Kernel.correlation(r);
        }
    }

    @Test
    void addsOneTermPerInputForTheAdditivePart() {
        // d = 2, l = (0.5, 2), s² = 1.7, s_a² = 0.6: (0.6 / 2) (C(√2 · 0.3 / 0.5) + C(√2 · 1.0 / 2)) on top of the joint part
        Matern52Kernel kernel = new Matern52Kernel(new double[] {0.5, 2}, new boolean[] {false, false}, 1.7, 0.6);
        double expected = matern(Math.sqrt(0.61), 1.7) + matern(Math.sqrt(2) * 0.6, 0.3) + matern(Math.sqrt(2) * 0.5, 0.3);
        assertThat(kernel.value(new double[] {0.1, 0.0}, new double[] {0.4, 1.0})).isCloseTo(expected, within(1e-15));
        assertThat(kernel.value(new double[] {0.1, 0.0}, new double[] {0.1, 0.0})).isCloseTo(2.3, within(1e-15));
        assertThat(kernel.priorVariance()).isEqualTo(2.3);
        // Two points that share one input stay correlated through it however far apart the other is, unlike the joint
        // part: that is what lets the model combine what it learnt of each input in different trials.
        double sharedInput = kernel.value(new double[] {0.1, 0.0}, new double[] {0.1, 30.0});
        assertThat(sharedInput).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void gradientMatchesFiniteDifferencesWithBothParts() {
        Matern52Kernel kernel = new Matern52Kernel(new double[] {0.4, 0.8, 1.3}, new boolean[] {false, true, false}, 1.1, 0.7);
        double[] x = {0.31, 2, 0.77};
        double[] b = {0.52, 1, 0.18};
        double[] gradient = new double[3];
        assertThat(kernel.valueAndGradient(x, b, gradient, 0)).isEqualTo(kernel.value(x, b));
        assertThat(gradient[1]).isZero();
        for (int j : new int[] {0, 2}) {
            double slope = FiniteDifferences.slope(input -> kernel.value(input, b), x, j);
            assertThat(gradient[j]).as("input %d", j).isCloseTo(slope, within(1e-8));
        }
    }
}
