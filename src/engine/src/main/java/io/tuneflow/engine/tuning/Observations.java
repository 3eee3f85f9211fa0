package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A tuning job's history as the Bayesian strategy uses it, in trial order, all points in the unit cube: the trials
 * with an objective (as values to minimise), the running ones, and the ones that ended without an objective.
 *
 * <p>A stopped trial (by early stopping, or StopTrainingJob) reports its objective part-way through training: a loss
 * after 2 epochs, not after 27. Its value counts — it was stopped for looking bad — but no worse than the worst
 * finished trial's. Taken as it is, it lies far outside the finished trials' range and squashes their differences
 * on the standardised scale: Bayesian with TrainingJobEarlyStoppingType Auto then needed 0.40 of random search's
 * training in 2-D where Bayesian without early stopping needs 0.30 (docs/bayesian.md, "Stopped trials in the model").
 * Outliers in the bad direction — diverged training — are held at a fence for the same reason ({@link #fenceOutliers}).
 *
 * @param values   the observed values as the model takes them: to minimise, stopped ones capped, outliers fenced
 * @param reported the same before capping and fencing, as the trials reported them (to minimise)
 * @param stopped  which observations were stopped part-way through training
 */
record Observations(List<double[]> points, double[] values, List<double[]> running, List<double[]> failed,
                    double[] reported, BitSet stopped) {

    /** How many interquartile ranges beyond the third quartile a value may lie before it counts as an outlier. */
    static final double FENCE_IQRS = 10;

    static Observations of(List<Trial> history, CubeEncoding encoding, boolean maximize) {
        List<double[]> points = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<double[]> running = new ArrayList<>();
        List<double[]> failed = new ArrayList<>();
        BitSet stopped = new BitSet();
        for (Trial trial : history) {
            double[] unit = encoding.unitOf(trial.tunedHyperParameters());
            if (unit == null) {
                continue;
            }
            if (trial.running()) {
                running.add(unit);
            } else if ("Succeeded".equals(trial.objectiveStatus()) && trial.objective() != null
                    && Double.isFinite(trial.objective())) {
                if ("Stopped".equals(trial.status())) {
                    stopped.set(points.size());
                }
                points.add(unit);
                values.add(maximize ? -trial.objective() : trial.objective());
            } else {
                failed.add(unit);
            }
        }
        double[] reported = values.stream().mapToDouble(Double::doubleValue).toArray();
        return new Observations(List.copyOf(points), adjusted(reported, stopped, reported.length), List.copyOf(running),
                List.copyOf(failed), reported, stopped);
    }

    /**
     * The values of the first m observations as the model takes them, judged among those m alone: the kernel's
     * hyperparameters are fitted on a prefix and remembered ({@link io.tuneflow.engine.tuning.bayes.RefitSchedule}),
     * which only works if a prefix's values do not change as later trials finish. Judged among all values they would:
     * once a run converges, the fence falls with every new value and moves the early outliers held at it.
     */
    double[] valuesOfFirst(int m) {
        return m == values.length ? values.clone() : adjusted(reported, stopped, m);
    }

    /** The first m reported values (to minimise), stopped ones capped and outliers fenced. */
    private static double[] adjusted(double[] reported, BitSet stopped, int m) {
        List<Double> values = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            values.add(reported[i]);
        }
        capAtTheWorstFinished(values, stopped);
        fenceOutliers(values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Stopped trials' values (to minimise) no worse than the worst finished trial's; as they are while none has finished. */
    private static void capAtTheWorstFinished(List<Double> values, BitSet stopped) {
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = stopped.nextClearBit(0); i < values.size(); i = stopped.nextClearBit(i + 1)) {
            worst = Math.max(worst, values.get(i));
        }
        if (worst == Double.NEGATIVE_INFINITY) {
            return;
        }
        for (int i = stopped.nextSetBit(0); i >= 0 && i < values.size(); i = stopped.nextSetBit(i + 1)) {
            values.set(i, Math.min(values.get(i), worst));
        }
    }

    /**
     * Values worse than Q3 + {@value #FENCE_IQRS} × IQR of all values held at that fence: a training job that diverged
     * and logged a loss of 1e9, or 3.4e38, otherwise sets the standardised scale by itself, and every other difference
     * shrinks to nothing beside it (in a 2-D test, median best of 25 trials 0.007 with a diverging region, 2e-11
     * without; 1.7e-4 with the fence). Tukey's "far out" fence is 3 IQRs; 10 leaves ordinary skew alone — at 3,
     * Branin's and training-loss's regrets grew up to 30-fold (docs/bayesian.md, "Outliers"). It cannot help when more
     * than a quarter of the values are outliers (Q3 is one of them then).
     */
    private static void fenceOutliers(List<Double> values) {
        if (values.size() < 4) {
            return;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double q1 = quantile(sorted, 0.25);
        double q3 = quantile(sorted, 0.75);
        if (!(q3 > q1)) {
            return; // most values equal: no spread to judge an outlier by
        }
        double fence = q3 + FENCE_IQRS * (q3 - q1);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) > fence) {
                values.set(i, fence);
            }
        }
    }

    private static double quantile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    int size() {
        return points.size();
    }

    /** Indices of the observations, best (smallest value) first. */
    List<Integer> ranking() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(values[a], values[b]));
        return order;
    }
}
