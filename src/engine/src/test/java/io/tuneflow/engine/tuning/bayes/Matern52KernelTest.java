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
}
