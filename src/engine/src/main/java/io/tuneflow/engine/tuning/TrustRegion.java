package io.tuneflow.engine.tuning;

import io.tuneflow.engine.tuning.bayes.KernelHyperparameters;

/**
 * A local box around the best observed point, in which the Bayesian strategy places the trials it suggests while
 * others are still running, as long as the search is improving (TuRBO, Eriksson et al. 2019, adapted to a single
 * region and asynchronous trials).
 *
 * <p>Why: with pending trials believed at the model's mean, expected improvement over the whole cube prefers
 * unexplored regions for the second and third parallel trial, even when the first is converging on the optimum, and
 * parallel runs refine more slowly than sequential ones (docs/bayesian.md). Inside the box the believed pending points
 * still keep the picks apart, so they refine the incumbent together. When the best value has not improved for
 * max(4, d) observations the box is not used, and parallel picks search the whole cube again.
 *
 * <p>The side follows TuRBO's rule, replayed from the observed values after the initial design so it stays a pure
 * function of the history (suggestions are reproducible from it): it starts at {@value #INITIAL_SIDE}, doubles after
 * {@value #SUCCESSES_TO_GROW} consecutive improvements of the best value by more than a relative
 * {@value #SIGNIFICANT_IMPROVEMENT}, halves after max(4, d) consecutive other observations, and stays within
 * [{@value #MINIMUM_SIDE}, {@value #MAXIMUM_SIDE}]. Along each continuous coordinate the box is side · ℓ_j / geomean(ℓ)
 * wide (ℓ: the model's length scales), so it is longer where the objective varies slowly. The box holds for the best
 * point's categories only (see {@link AcquisitionSearch}).
 */
final class TrustRegion {

    static final double INITIAL_SIDE = 0.8;
    static final double MINIMUM_SIDE = 1.0 / 128;
    static final double MAXIMUM_SIDE = 1.6;
    static final int SUCCESSES_TO_GROW = 3;
    static final double SIGNIFICANT_IMPROVEMENT = 1e-3;
    /** Length scales are clipped to this range before they shape the box: a length scale at its prior's edge is noise. */
    private static final double SHORTEST_SCALE = 0.005;
    private static final double LONGEST_SCALE = 2;

    private final double side;
    private final int sinceImprovement;
    private final int patience;

    private TrustRegion(double side, int sinceImprovement, int patience) {
        this.side = side;
        this.sinceImprovement = sinceImprovement;
        this.patience = patience;
    }

    /**
     * @param values     the observed values to minimise, in trial order
     * @param designSize how many of the first values come from the initial design (the region starts after them)
     * @param dimensions the number of tuned hyperparameters
     */
    static TrustRegion replayed(double[] values, int designSize, int dimensions) {
        int patience = Math.max(4, dimensions);
        int start = Math.max(1, Math.min(designSize, values.length));
        double best = Double.POSITIVE_INFINITY;
        int lastImprovement = 0;
        for (int i = 0; i < Math.min(start, values.length); i++) {
            if (values[i] < best) {
                best = values[i];
                lastImprovement = i;
            }
        }
        double side = INITIAL_SIDE;
        int successes = 0;
        int failures = 0;
        for (int i = start; i < values.length; i++) {
            if (values[i] < best - SIGNIFICANT_IMPROVEMENT * Math.abs(best)) {
                successes++;
                failures = 0;
            } else {
                failures++;
                successes = 0;
            }
            if (values[i] < best) {
                best = values[i];
                lastImprovement = i;
            }
            if (successes == SUCCESSES_TO_GROW) {
                side = Math.min(2 * side, MAXIMUM_SIDE);
                successes = 0;
            }
            if (failures == patience) {
                side = Math.max(side / 2, MINIMUM_SIDE);
                failures = 0;
            }
        }
        return new TrustRegion(side, Math.max(0, values.length - 1 - lastImprovement), patience);
    }

    double side() {
        return side;
    }

    /** Whether the best value improved within the last {@code patience} observations: the search is converging. */
    boolean improving() {
        return sinceImprovement < patience;
    }

    /** The box centred at {@code centre} (a unit point), clipped to the cube; non-continuous coordinates keep [0, 1]. */
    SearchBox around(double[] centre, KernelHyperparameters hyperparameters, CubeEncoding encoding) {
        int d = encoding.size();
        double logSum = 0;
        int continuous = 0;
        for (int j = 0; j < d; j++) {
            if (encoding.dimension(j) instanceof Dimension.Continuous) {
                logSum += Math.log(clippedScale(hyperparameters, j));
                continuous++;
            }
        }
        double geometricMean = continuous == 0 ? 1 : Math.exp(logSum / continuous);
        double[] lower = new double[d];
        double[] upper = new double[d];
        for (int j = 0; j < d; j++) {
            if (encoding.dimension(j) instanceof Dimension.Continuous) {
                double half = side * clippedScale(hyperparameters, j) / geometricMean / 2;
                lower[j] = Math.max(0, centre[j] - half);
                upper[j] = Math.min(1, centre[j] + half);
            } else {
                upper[j] = 1;
            }
        }
        return new SearchBox(lower, upper);
    }

    private static double clippedScale(KernelHyperparameters hyperparameters, int j) {
        return Math.max(SHORTEST_SCALE, Math.min(LONGEST_SCALE, hyperparameters.lengthScale(j)));
    }
}
