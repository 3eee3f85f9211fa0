package io.tuneflow.engine.tuning.bayes;

/**
 * The Matérn 5/2 covariance with one length scale per input (ARD) and a signal variance:
 * {@code k(r) = s² (1 + √5 r + 5r²/3) exp(-√5 r)}, with {@code r² = Σ d_j² / l_j²}. Matérn 5/2 rather than the
 * squared exponential because it assumes twice-differentiable, not infinitely smooth, objectives — what training
 * curves over hyperparameters look like.
 *
 * <p>Categorical inputs hold a category index and contribute {@code d_j = 0} for the same category, 1 otherwise
 * (the Hamming distance; with one-hot inputs and one length scale per parameter the kernel is the same up to a factor
 * of √2 in the length scale, without a continuous relaxation between categories that no trial can ever sit on).
 */
public final class Matern52Kernel {

    static final double SQRT5 = Math.sqrt(5);

    private final double[] inverseSquaredLengthScales;
    private final boolean[] categorical;
    private final double signalVariance;

    public Matern52Kernel(double[] lengthScales, boolean[] categorical, double signalVariance) {
        if (lengthScales.length != categorical.length) {
            throw new IllegalArgumentException("one length scale per input: " + lengthScales.length + " vs " + categorical.length);
        }
        this.inverseSquaredLengthScales = new double[lengthScales.length];
        for (int j = 0; j < lengthScales.length; j++) {
            inverseSquaredLengthScales[j] = 1 / (lengthScales[j] * lengthScales[j]);
        }
        this.categorical = categorical.clone();
        this.signalVariance = signalVariance;
    }

    public int inputs() {
        return categorical.length;
    }

    public double signalVariance() {
        return signalVariance;
    }

    public boolean categorical(int input) {
        return categorical[input];
    }

    double inverseSquaredLengthScale(int input) {
        return inverseSquaredLengthScales[input];
    }

    public double value(double[] a, double[] b) {
        return signalVariance * correlation(Math.sqrt(squaredDistance(a, b)));
    }

    /** r² between two inputs, in length-scale units. */
    double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += squaredTerm(j, a[j], b[j]);
        }
        return sum;
    }

    /** Input j's share of r²: (a - b)² / l², or [a ≠ b] / l² for a categorical input. */
    double squaredTerm(int j, double a, double b) {
        if (categorical[j]) {
            return a == b ? 0 : inverseSquaredLengthScales[j];
        }
        double d = a - b;
        return d * d * inverseSquaredLengthScales[j];
    }

    /** The kernel divided by the signal variance, as a function of the scaled distance r. */
    static double correlation(double r) {
        double sr = SQRT5 * r;
        return (1 + sr + sr * sr / 3) * Math.exp(-sr);
    }

    /**
     * {@code -(dk/d(r²)) * 2 / s²} = (5/3)(1 + √5 r) exp(-√5 r): the factor shared by the derivatives with respect to
     * inputs and to log length scales, finite at r = 0.
     */
    static double slope(double r) {
        double sr = SQRT5 * r;
        return (5.0 / 3.0) * (1 + sr) * Math.exp(-sr);
    }
}
