package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tuneflow.engine.tuning.bayes.Acquisition;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AcquisitionSearchTest {

    private static final CubeEncoding PLANE = new CubeEncoding(new SearchSpace(List.of(
            new Dimension.Continuous("x", 0, 1, Scaling.LINEAR), new Dimension.Continuous("y", 0, 1, Scaling.LINEAR))));

    /** A smooth bump peaking at (0.9, 0.8). */
    private static final Acquisition BUMP = new Acquisition() {
        @Override
        public int modelSize() {
            return 10;
        }

        @Override
        public double value(double[] input) {
            return value(input, new double[2]);
        }

        @Override
        public double value(double[] input, double[] gradient) {
            gradient[0] = -2 * (input[0] - 0.9);
            gradient[1] = -2 * (input[1] - 0.8);
            return -Math.pow(input[0] - 0.9, 2) - Math.pow(input[1] - 0.8, 2);
        }
    };

    @Test
    void findsTheMaximumInTheCube() {
        double[] best = new AcquisitionSearch(PLANE, BUMP).maximize(new SplittableRandom(1), List.of(new double[] {0.2, 0.2}));
        assertThat(best).containsExactly(new double[] {0.9, 0.8}, within(1e-4));
    }

    @Test
    void inABoxFindsTheBoxsBestPointAndNeverLeavesIt() {
        SearchBox box = new SearchBox(new double[] {0.1, 0.5}, new double[] {0.4, 0.95});
        for (long seed = 1; seed <= 5; seed++) {
            double[] best = new AcquisitionSearch(PLANE, BUMP, box, new double[] {0.2, 0.6})
                    .maximize(new SplittableRandom(seed), List.of(new double[] {0.2, 0.6}));
            // The bump's peak is outside the box in x only: the box's best point is on its x edge, at the peak's y.
            assertThat(best).containsExactly(new double[] {0.4, 0.8}, within(1e-4));
            assertThat(box.contains(best)).isTrue();
        }
    }

    /** x continuous, then a categorical of three: "b" is the anchor's category, "c" the one the acquisition prefers. */
    private static final CubeEncoding MIXED = new CubeEncoding(new SearchSpace(List.of(
            new Dimension.Continuous("x", 0, 1, Scaling.LINEAR), new Dimension.Categorical("kind", List.of("a", "b", "c")))));

    /** Peaks at x = 0.9 in every category, each category's peak at its height. */
    private static Acquisition bumpPerCategory(double[] heights) {
        return new Acquisition() {
            @Override
            public int modelSize() {
                return 10;
            }

            @Override
            public double value(double[] input) {
                return value(input, new double[input.length]);
            }

            @Override
            public double value(double[] input, double[] gradient) {
                double height = heights[(int) input[1]]; // a categorical's input is its category's index
                gradient[1] = 0;
                gradient[0] = -2 * (input[0] - 0.9);
                return height - Math.pow(input[0] - 0.9, 2);
            }
        };
    }

    @Test
    void withCategoriesTheBoxHoldsOnlyForTheAnchorsCategory() {
        Dimension.Categorical kind = (Dimension.Categorical) MIXED.dimension(1);
        double[] anchor = {0.2, kind.unitOfIndex(1)};
        SearchBox box = new SearchBox(new double[] {0.1, 0}, new double[] {0.3, 1});
        for (long seed = 1; seed <= 5; seed++) {
            // c is the best category: its candidates may leave the box, and the search finds c's peak outside it.
            double[] best = new AcquisitionSearch(MIXED, bumpPerCategory(new double[] {0, 0.5, 1}), box, anchor)
                    .maximize(new SplittableRandom(seed), List.of(anchor));
            assertThat(best).containsExactly(new double[] {0.9, kind.unitOfIndex(2)}, within(1e-4));
            // b is the best category: its candidates stay in the box, so the best is on the box's edge nearest 0.9.
            best = new AcquisitionSearch(MIXED, bumpPerCategory(new double[] {0, 1, 0.5}), box, anchor)
                    .maximize(new SplittableRandom(seed), List.of(anchor));
            assertThat(best).containsExactly(new double[] {0.3, kind.unitOfIndex(1)}, within(1e-4));
        }
    }
}
