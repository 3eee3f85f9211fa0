package io.tuneflow.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The objectives at points whose values are known from the literature or by hand. */
class ObjectiveFunctionsTest {

    private static double at(String function, Map<String, String> hyperParameters) {
        return ObjectiveFunctions.named(function).orElseThrow().valueAt(new HyperParameterStrings(hyperParameters));
    }

    @Test
    void braninHasItsThreeGlobalMinima() {
        assertThat(at("branin", Map.of("x1", Double.toString(-Math.PI), "x2", "12.275"))).isCloseTo(0.397887, within(1e-6));
        assertThat(at("branin", Map.of("x1", Double.toString(Math.PI), "x2", "2.275"))).isCloseTo(0.397887, within(1e-6));
        assertThat(at("branin", Map.of("x1", "9.42478", "x2", "2.475"))).isCloseTo(0.397887, within(1e-6));
    }

    @Test
    void braninAtTheOriginIsWorkedOutByHand() {
        // (0 - 0 + 0 - 6)^2 + 10 (1 - 1/(8 pi)) cos 0 + 10 = 56 - 10/(8 pi)
        assertThat(at("branin", Map.of("x1", "0", "x2", "0"))).isCloseTo(56 - 10 / (8 * Math.PI), within(1e-12));
    }

    @Test
    void hartmann6HasItsGlobalMinimum() {
        Map<String, String> optimum = Map.of("x1", "0.20169", "x2", "0.150011", "x3", "0.476874",
                "x4", "0.275332", "x5", "0.311652", "x6", "0.6573");
        assertThat(at("hartmann6", optimum)).isCloseTo(-3.32237, within(1e-5));
    }

    @Test
    void hartmann6IsShallowFarFromTheBasins() {
        Map<String, String> corner = Map.of("x1", "1", "x2", "1", "x3", "1", "x4", "1", "x5", "1", "x6", "1");
        assertThat(at("hartmann6", corner)).isBetween(-0.01, 0.0);
    }

    @Test
    void trainingLossIsLowestWithAdamSixLayersAndLearningRateOneInAThousand() {
        assertThat(at("synthetic-training-loss", Map.of("learning_rate", "0.001", "num_layers", "6", "optimizer", "adam")))
                .isCloseTo(0.1, within(1e-12));
    }

    @Test
    void trainingLossInteractions() {
        // The other optimizers bottom out at their floors, at their own depth and learning rate.
        assertThat(at("synthetic-training-loss", Map.of("learning_rate", Double.toString(Math.pow(10, -1.45)),
                "num_layers", "3", "optimizer", "sgd"))).isCloseTo(0.30, within(1e-12));
        assertThat(at("synthetic-training-loss", Map.of("learning_rate", "0.001", "num_layers", "5", "optimizer", "momentum")))
                .isCloseTo(0.20 + 1.0 * 0.5 * 0.5, within(1e-12)); // best t at 5 layers is -2.5
        // Adam's best learning rate moves with depth: at 2 layers it is 10^-3.4, and 1e-3 is no longer best.
        assertThat(at("synthetic-training-loss", Map.of("learning_rate", Double.toString(Math.pow(10, -3.4)),
                "num_layers", "2", "optimizer", "adam"))).isCloseTo(0.10 + 0.02 * 16, within(1e-12));
        assertThat(at("synthetic-training-loss", Map.of("learning_rate", "0.001", "num_layers", "2", "optimizer", "adam")))
                .isCloseTo(0.10 + 2.0 * 0.4 * 0.4 + 0.02 * 16, within(1e-12));
    }

    @Test
    void theDivergingTrainingLossIsTheTrainingLossBelowEachOptimizersLimitAndAHugeValueAbove() {
        Map<String, String> best = Map.of("learning_rate", "0.001", "num_layers", "6", "optimizer", "adam");
        assertThat(at("synthetic-training-loss-diverging", best)).isEqualTo(at("synthetic-training-loss", best));
        // adam diverges above 0.01, momentum above 10^-1.6, sgd above 10^-1.3 (where sgd still trains well elsewhere)
        assertThat(at("synthetic-training-loss-diverging", Map.of("learning_rate", "0.011", "num_layers", "6", "optimizer", "adam")))
                .isEqualTo(1e9);
        assertThat(at("synthetic-training-loss-diverging", Map.of("learning_rate", "0.009", "num_layers", "6", "optimizer", "adam")))
                .isEqualTo(at("synthetic-training-loss", Map.of("learning_rate", "0.009", "num_layers", "6", "optimizer", "adam")));
        assertThat(at("synthetic-training-loss-diverging", Map.of("learning_rate", "0.03", "num_layers", "5", "optimizer", "momentum")))
                .isEqualTo(1e9);
        assertThat(at("synthetic-training-loss-diverging", Map.of("learning_rate", "0.03", "num_layers", "3", "optimizer", "sgd")))
                .isCloseTo(0.30 + 0.5 * Math.pow(Math.log10(0.03) + 1.45, 2), within(1e-12));
    }

    @Test
    void rosenbrockIsZeroAtOnesAndWorkedOutByHandElsewhere() {
        assertThat(at("rosenbrock4", Map.of("x1", "1", "x2", "1", "x3", "1", "x4", "1"))).isZero();
        // At the origin each of the three terms is 100 (0 - 0)^2 + (1 - 0)^2 = 1.
        assertThat(at("rosenbrock4", Map.of("x1", "0", "x2", "0", "x3", "0", "x4", "0"))).isEqualTo(3.0);
        // At (10, 10, 10, 10) each term is 100 (10 - 100)^2 + 81 = 810081.
        assertThat(at("rosenbrock4", Map.of("x1", "10", "x2", "10", "x3", "10", "x4", "10"))).isEqualTo(3 * 810081.0);
    }

    @Test
    void styblinskiTangWorkedOutByHand() {
        assertThat(at("styblinski-tang5", Map.of("x1", "0", "x2", "0", "x3", "0", "x4", "0", "x5", "0"))).isZero();
        // At 1 each term is 1 - 16 + 5 = -10; at 5, 625 - 400 + 25 = 250; the sum is halved.
        assertThat(at("styblinski-tang5", Map.of("x1", "1", "x2", "1", "x3", "1", "x4", "1", "x5", "1"))).isEqualTo(-25.0);
        assertThat(at("styblinski-tang5", Map.of("x1", "5", "x2", "1", "x3", "1", "x4", "1", "x5", "1"))).isEqualTo(105.0);
    }

    @Test
    void hartmann6WithInertParametersIgnoresThem() {
        Map<String, String> optimum = new HashMap<>(Map.of("x1", "0.20169", "x2", "0.150011",
                "x3", "0.476874", "x4", "0.275332", "x5", "0.311652", "x6", "0.6573"));
        double hartmann6 = at("hartmann6", optimum);
        for (String inert : new String[] {"0", "0.37", "1"}) {
            for (int j = 7; j <= 12; j++) {
                optimum.put("x" + j, inert);
            }
            assertThat(at("hartmann6-inert6", optimum)).isEqualTo(hartmann6);
        }
        assertThat(ObjectiveFunctions.named("hartmann6-inert6").orElseThrow().parameters())
                .containsExactly("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12");
    }

    @Test
    void levyIsZeroAtOnesAndWorkedOutByHandElsewhere() {
        Map<String, String> ones = new HashMap<>();
        for (int j = 1; j <= 10; j++) {
            ones.put("x" + j, "1");
        }
        assertThat(at("levy10", ones)).isCloseTo(0, within(1e-30)); // sin^2(pi) is 1.5e-32 in doubles
        // x1 = 5: w1 = 2, so sin^2(2 pi) = 0 and the first sum's term is (2 - 1)^2 (1 + 10 sin^2(2 pi + 1)).
        Map<String, String> first = new HashMap<>(ones);
        first.put("x1", "5");
        assertThat(at("levy10", first)).isCloseTo(1 + 10 * Math.pow(Math.sin(1), 2), within(1e-12));
        // x10 = 5: w10 = 2, so the last term is (2 - 1)^2 (1 + sin^2(4 pi)) = 1.
        Map<String, String> last = new HashMap<>(ones);
        last.put("x10", "5");
        assertThat(at("levy10", last)).isCloseTo(1, within(1e-12));
    }

    @Test
    void accuracyPeaksAtGeluAndIsWorkedOutByHandElsewhere() {
        assertThat(at("synthetic-accuracy", Map.of("learning_rate", "0.001", "batch_size", "128", "momentum", "0.99",
                "dropout", "0.3", "activation", "gelu"))).isCloseTo(0.97, within(1e-12));
        // relu, b = 4, m = 1, t = -2: the best t is -3 + 0.3 (-3) - 0.5 (-1) = -3.4, so the learning rate misses by 1.4.
        assertThat(at("synthetic-accuracy", Map.of("learning_rate", "0.01", "batch_size", "16", "momentum", "0.9",
                "dropout", "0", "activation", "relu")))
                .isCloseTo(0.96 - 0.04 * 1.96 - 0.003 * 9 - 0.02 * 1 - 0.3 * 0.04, within(1e-12));
        assertThatThrownBy(() -> at("synthetic-accuracy", Map.of("learning_rate", "0.01", "batch_size", "16",
                "momentum", "0.9", "dropout", "0", "activation", "swish")))
                .hasMessageContaining("activation must be one of");
    }

    @Test
    void goldsteinPriceIsThreeAtItsMinimumAndWorkedOutByHandElsewhere() {
        assertThat(at("goldstein-price", Map.of("x1", "0", "x2", "-1"))).isEqualTo(3.0);
        // At the origin: (1 + 1 · 19) · (30 + 0) = 600.
        assertThat(at("goldstein-price", Map.of("x1", "0", "x2", "0"))).isEqualTo(600.0);
        // At (1, 1): a = 3, b = -1; (1 + 9 · (19 - 14 + 3 - 14 + 6 + 3)) · (30 + 1 · (18 - 32 + 12 + 48 - 36 + 27)).
        assertThat(at("goldstein-price", Map.of("x1", "1", "x2", "1"))).isEqualTo((1 + 9 * 3) * (30 + 37.0));
    }

    @Test
    void michalewiczIsSeparableWithOneValleyPerCoordinate() {
        Map<String, String> zeros = Map.of("x1", "0", "x2", "0", "x3", "0", "x4", "0", "x5", "0");
        assertThat(at("michalewicz5", zeros)).isZero();
        // x2 = pi/2: sin(pi/2) sin^20(2 (pi/2)^2 / pi) = sin^20(pi/2) = 1, the deepest a coordinate's valley can be.
        Map<String, String> second = new HashMap<>(zeros);
        second.put("x2", Double.toString(Math.PI / 2));
        assertThat(at("michalewicz5", second)).isCloseTo(-1, within(1e-12));
        // Each coordinate alone: -1.8013 is the 2-D function's minimum, x1's part of it at 2.20290552.
        Map<String, String> first = new HashMap<>(zeros);
        first.put("x1", "2.20290552");
        assertThat(at("michalewicz5", first)).isCloseTo(-0.8013034, within(1e-6));
    }

    @Test
    void shekelIsDeepestInItsFirstWell() {
        assertThat(at("shekel4", Map.of("x1", "4", "x2", "4", "x3", "4", "x4", "4"))).isCloseTo(-10.5363, within(1e-4));
        // At the origin every well is far: -sum 1 / (|C_i|^2 + beta_i), worked out for the ten wells.
        double[] squaredNorms = {64, 4, 256, 144, 116, 170, 68, 130, 80, 123.92};
        double[] beta = {0.1, 0.2, 0.2, 0.4, 0.4, 0.6, 0.3, 0.7, 0.5, 0.5};
        double expected = 0;
        for (int i = 0; i < beta.length; i++) {
            expected -= 1 / (squaredNorms[i] + beta[i]);
        }
        assertThat(at("shekel4", Map.of("x1", "0", "x2", "0", "x3", "0", "x4", "0"))).isCloseTo(expected, within(1e-12));
    }

    @Test
    void ackleyIsZeroAtTheOriginAndWorkedOutByHandAtTheOnes() {
        Map<String, String> origin = Map.of("x1", "0", "x2", "0", "x3", "0", "x4", "0", "x5", "0", "x6", "0");
        assertThat(at("ackley6", origin)).isCloseTo(0, within(1e-15));
        // At x_i = 1: sqrt(mean x^2) = 1 and mean cos(2 pi) = 1, so f = -20 e^-0.2 - e + 20 + e = 20 (1 - e^-0.2).
        Map<String, String> ones = Map.of("x1", "1", "x2", "1", "x3", "1", "x4", "1", "x5", "1", "x6", "1");
        assertThat(at("ackley6", ones)).isCloseTo(20 * (1 - Math.exp(-0.2)), within(1e-12));
    }

    @Test
    void hyperParametersAreReadFromStringsAsATrainerReadsThem() {
        assertThatThrownBy(() -> at("branin", Map.of("x1", "abc", "x2", "0")))
                .hasMessageContaining("x1 is not a number: \"abc\"");
        assertThatThrownBy(() -> at("branin", Map.of("x1", "1")))
                .hasMessageContaining("x2 was not passed");
        assertThatThrownBy(() -> at("synthetic-training-loss", Map.of("learning_rate", "0.001", "num_layers", "6.5", "optimizer", "adam")))
                .hasMessageContaining("num_layers is not an integer");
    }
}
