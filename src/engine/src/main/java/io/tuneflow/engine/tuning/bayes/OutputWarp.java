package io.tuneflow.engine.tuning.bayes;

/**
 * A monotone transform of the objective (to minimise) before it is standardised: the identity, or a shifted log
 * {@code w(y) = log(y - min + s)} with the shift s a fraction of the values' range.
 *
 * <p>A loss over several orders of magnitude (Rosenbrock's, Goldstein-Price's, a training loss early in a search)
 * leaves the values near the best squeezed together at the bottom of a standardised scale set by the worst ones;
 * the log spreads them out and compresses the tail. Near the best — where y - min is small beside s — it is nearly
 * linear, so a search refining the optimum sees the objective's own curvature. A shift tied to the range rather than
 * to the best values' spread keeps it so as a search converges: with s a fraction of the median's distance from the
 * best, the warp sharpened into a cusp at the optimum as trials gathered there, and refinement suffered (training-loss
 * regret 120 × larger; docs/bayesian.md, "An output warp chosen by the evidence").
 *
 * @param shiftFraction s as a fraction of the range; 0 is the identity
 */
public record OutputWarp(double shiftFraction) {

    public static final OutputWarp IDENTITY = new OutputWarp(0);

    public OutputWarp {
        if (!(shiftFraction >= 0) || Double.isInfinite(shiftFraction)) {
            throw new IllegalArgumentException("shift fraction must be 0 or positive, was " + shiftFraction);
        }
    }

    public static OutputWarp shiftedLog(double shiftFraction) {
        if (!(shiftFraction > 0)) {
            throw new IllegalArgumentException("a shifted log needs a positive shift fraction, was " + shiftFraction);
        }
        return new OutputWarp(shiftFraction);
    }

    /** Whether this warp leaves these values as they are: the identity, or values that are all equal. */
    public boolean leavesAsIs(double[] values) {
        return origin(values) == null;
    }

    /** The warped values, in the same order. */
    public double[] apply(double[] values) {
        Origin origin = origin(values);
        if (origin == null) {
            return values.clone();
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.log(values[i] - origin.min() + origin.shift());
        }
        return out;
    }

    /**
     * Σ log w'(y_i): added to the log likelihood of the warped values, it gives the likelihood of the values
     * themselves, so models on different warps of the same values can be compared. For the log,
     * w'(y) = 1 / (y - min + s) = e^(-w(y)), so it is minus the sum of the warped values.
     */
    public double logJacobian(double[] values) {
        if (leavesAsIs(values)) {
            return 0;
        }
        double sum = 0;
        for (double warped : apply(values)) {
            sum -= warped;
        }
        return sum;
    }

    /** The values' minimum and the log's shift, in one pass; null when the values are left as they are. */
    private Origin origin(double[] values) {
        if (shiftFraction == 0 || values.length == 0) {
            return null;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double shift = shiftFraction * (max - min);
        return shift > 0 ? new Origin(min, shift) : null;
    }

    private record Origin(double min, double shift) {
    }
}
