package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomStrategyTest {

    private static final int D = 6;
    private static final SearchSpace CUBE = cube();

    private static SearchSpace cube() {
        List<Dimension> dimensions = new ArrayList<>();
        for (int j = 0; j < D; j++) {
            dimensions.add(new Dimension.Continuous("x" + j, 0, 1, Scaling.LINEAR));
        }
        return new SearchSpace(dimensions);
    }

    private static double[][] draws(long seed, int count) {
        RandomStrategy strategy = new RandomStrategy(CUBE, seed);
        double[][] points = new double[count][D];
        for (int n = 0; n < count; n++) {
            Map<String, String> configuration = strategy.configuration(n);
            for (int j = 0; j < D; j++) {
                points[n][j] = Double.parseDouble(configuration.get("x" + j));
            }
        }
        return points;
    }

    @Test
    void noTwoCoordinatesOfAJobRepeatEachOther() {
        for (long seed : new long[] {0, 1, 2, 42, -7}) {
            Set<Double> seen = new HashSet<>();
            for (double[] point : draws(seed, 200)) {
                for (double value : point) {
                    seen.add(value);
                }
            }
            assertThat(seen).as("distinct coordinate values, seed %d", seed).hasSize(200 * D);
        }
    }

    /** The flaw this guards against: configuration n + 2's coordinate j was configuration n's coordinate j + 2. */
    @Test
    void neighbouringConfigurationsAreUncorrelatedAcrossShiftedCoordinates() {
        double[][] points = draws(1, 2000);
        for (int shift = 1; shift < D; shift++) {
            for (int j = 0; j + shift < D; j++) {
                double[] a = new double[points.length - shift];
                double[] b = new double[points.length - shift];
                for (int n = 0; n + shift < points.length; n++) {
                    a[n] = points[n][j + shift];
                    b[n] = points[n + shift][j];
                }
                assertThat(Math.abs(correlation(a, b))).as("shift %d, coordinate %d", shift, j).isLessThan(0.1);
            }
        }
    }

    @Test
    void eachCoordinateIsUniformOnTheUnitInterval() {
        double[][] points = draws(3, 4000);
        for (int j = 0; j < D; j++) {
            int[] deciles = new int[10];
            for (double[] point : points) {
                deciles[(int) (point[j] * 10)]++;
            }
            for (int count : deciles) {
                assertThat(count).as("coordinate %d", j).isBetween(400 - 80, 400 + 80); // ~4 standard deviations
            }
        }
    }

    @Test
    void theNthConfigurationDependsOnlyOnTheSeedAndN() {
        RandomStrategy strategy = new RandomStrategy(CUBE, 9);
        assertThat(new RandomStrategy(CUBE, 9).configuration(17)).isEqualTo(strategy.configuration(17));
        assertThat(strategy.suggest(3, List.of()).get(2)).isEqualTo(strategy.configuration(2));
        assertThat(new RandomStrategy(CUBE, 10).configuration(17)).isNotEqualTo(strategy.configuration(17));
    }

    @Test
    void inAFiniteSpaceNoConfigurationRepeatsWhileOthersRemain() {
        // 4 × 3 = 12 configurations; twelve independent draws repeat one with probability 1 - 12!/12^12 (over 0.99)
        SearchSpace space = new SearchSpace(List.of(new Dimension.Integer("layers", 1, 4, Scaling.LINEAR),
                new Dimension.Categorical("optimizer", List.of("sgd", "adam", "rmsprop"))));
        for (long seed = 1; seed <= 20; seed++) {
            RandomStrategy strategy = new RandomStrategy(space, seed);
            List<Trial> history = new ArrayList<>();
            for (int n = 0; n < 12; n++) {
                // one at a time, as trials finish, and three at once, as parallel slots open: the same configurations
                Map<String, String> next = strategy.suggest(1, history).get(0);
                history.add(TrialFixtures.completed(n + 1, next, 1.0));
            }
            assertThat(new HashSet<>(history.stream().map(Trial::tunedHyperParameters).toList())).hasSize(12);
            List<Map<String, String>> batch = strategy.suggest(3, history.subList(0, 9));
            assertThat(batch).isEqualTo(history.subList(9, 12).stream().map(Trial::tunedHyperParameters).toList());
            // every configuration tried: the stream's first draw again, rather than nothing
            assertThat(strategy.suggest(1, history)).containsExactly(strategy.configuration(12));
        }
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }
}
