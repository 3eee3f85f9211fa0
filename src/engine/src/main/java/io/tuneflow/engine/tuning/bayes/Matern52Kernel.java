package io.tuneflow.engine.tuning.bayes;

/**
 * The Matérn 5/2 covariance with one length scale per input (ARD) and a signal variance:
 * {@code k(r) = s² (1 + √5 r + 5r²/3) exp(-√5 r)}, with {@code r² = Σ d_j² / l_j²}. Matérn 5/2 rather than the
 * squared exponential because it assumes twice-differentiable, not infinitely smooth, objectives — what training
 * curves over hyperparameters look like.
 *
 * <p>Plus an additive part (first-order terms of Duvenaud, Nickisch and Rasmussen's additive kernels, 2011):
 * {@code (s_a² / d) Σ_j C(r_j)} with {@code r_j = √d |d_j| / l_j}, where C is the correlation above. It models the
 * objective as partly a sum of one function per hyperparameter — in functional-ANOVA studies of tuning objectives
 * (Hutter, Hoos and Leyton-Brown, 2014) such main effects explain much of their variation — and lets the model
 * combine the best value of each hyperparameter seen in different trials, which the joint kernel, whose correlation
 * between such trials is small, cannot. The data decide how much of the variance is additive (s_a² is fitted with
 * the rest). Its length scales are the joint ones divided by √d rather than free parameters: the joint
 * r sums d terms, so the prior's joint length scales grow like √d while a single input's need not, and tying them
 * adds one hyperparameter to fit instead of d. With s_a² = 0 this is the plain ARD kernel.
 *
 * <p>Categorical inputs hold a category index and contribute {@code d_j = 0} for the same category, 1 otherwise
 * (the Hamming distance; with one-hot inputs and one length scale per parameter the kernel is the same up to a factor
 * of √2 in the length scale, without a continuous relaxation between categories that no trial can ever sit on).
 */
public final class Matern52Kernel {

    static final double SQRT5 = Math.sqrt(5);
    /** 1/3, multiplied rather than divided by in the additive part's d terms per pair (a division costs more). */
    private static final double THIRD = 1.0 / 3;

    private final double[] inverseSquaredLengthScales;
    /** √5 √d / l_j: the additive part's √5 r_j per unit of difference in input j. */
    private final double[] additiveRates;
    private final boolean[] categorical;
    private final double signalVariance;
    private final double additiveVariance;

    public Matern52Kernel(double[] lengthScales, boolean[] categorical, double signalVariance) {
        this(lengthScales, categorical, signalVariance, 0);
    }

    public Matern52Kernel(double[] lengthScales, boolean[] categorical, double signalVariance, double additiveVariance) {
        if (lengthScales.length != categorical.length) {
            throw new IllegalArgumentException("one length scale per input: " + lengthScales.length + " vs " + categorical.length);
        }
        this.inverseSquaredLengthScales = new double[lengthScales.length];
        this.additiveRates = new double[lengthScales.length];
        for (int j = 0; j < lengthScales.length; j++) {
            inverseSquaredLengthScales[j] = 1 / (lengthScales[j] * lengthScales[j]);
            additiveRates[j] = SQRT5 * Math.sqrt(lengthScales.length) / lengthScales[j];
        }
        this.categorical = categorical.clone();
        this.signalVariance = signalVariance;
        this.additiveVariance = additiveVariance;
    }

    /** k(x, x): the prior variance of the objective at any input. */
    public double priorVariance() {
        return signalVariance + additiveVariance;
    }

    public double value(double[] a, double[] b) {
        double value = signalVariance * correlation(Math.sqrt(squaredDistance(a, b)));
        if (additiveVariance > 0) {
            double sum = 0;
            for (int j = 0; j < a.length; j++) {
                double s = additiveRate(j, a[j], b[j]);
                sum += additiveTerm(s, Math.exp(-s));
            }
            value += additiveVariance / a.length * sum;
        }
        return value;
    }

    /**
     * k(x, b), and its gradient with respect to x's continuous inputs written to {@code gradient[offset ..
     * offset + d)} (categorical entries 0).
     */
    public double valueAndGradient(double[] x, double[] b, double[] gradient, int offset) {
        double sr = SQRT5 * Math.sqrt(squaredDistance(x, b));
        double e = Math.exp(-sr);
        double value = signalVariance * correlation(sr, e);
        double jointSlope = slope(signalVariance, sr, e);
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            double inputSlope = jointSlope;
            if (additiveVariance > 0) {
                double s = additiveRate(j, x[j], b[j]);
                double ej = Math.exp(-s);
                sum += additiveTerm(s, ej);
                // (s_a² / d) times d: the additive part's r_j² = d · (x_j − b_j)² / l_j²
                inputSlope += slope(additiveVariance, s, ej);
            }
            // dk/dx_j = −slope · (x_j − b_j) / l_j², for each part with its own r
            gradient[offset + j] = categorical[j] ? 0 : -inputSlope * (x[j] - b[j]) * inverseSquaredLengthScales[j];
        }
        if (additiveVariance > 0) {
            value += additiveVariance / x.length * sum;
        }
        return value;
    }

    /** √5 r_j of the additive part, r_j = √d |a − b| / l_j (√d / l_j for different categories). */
    private double additiveRate(int j, double a, double b) {
        double difference = categorical[j] ? (a == b ? 0 : 1) : Math.abs(a - b);
        return difference * additiveRates[j];
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
        return correlation(sr, Math.exp(-sr));
    }

    /** The same from √5 r and exp(−√5 r), for callers that need the slope there too. */
    static double correlation(double sr, double e) {
        return covariance(1, sr, e);
    }

    /** {@code variance · C}, from √5 r and exp(−√5 r), multiplied in that order (the likelihood's per-pair values). */
    static double covariance(double variance, double sr, double e) {
        return variance * (1 + sr + sr * sr / 3) * e;
    }

    /** One input's term of the additive part from √5 r_j and exp(−√5 r_j): the correlation, with 1/3 multiplied. */
    static double additiveTerm(double sr, double e) {
        return (1 + sr + sr * sr * THIRD) * e;
    }

    /**
     * {@code variance · (-(dC/d(r²)) · 2)} = variance · (5/3)(1 + √5 r) exp(-√5 r), from √5 r and exp(−√5 r): the
     * factor shared by the derivatives with respect to inputs and to log length scales, finite at r = 0.
     */
    static double slope(double variance, double sr, double e) {
        return variance * (5.0 / 3.0) * (1 + sr) * e;
    }
}
