package io.tuneflow.engine.tuning.bayes;

/**
 * log p(y | X, θ) of a Gaussian process with the Matérn 5/2 ARD kernel and its additive part ({@link Matern52Kernel})
 * and a constant mean c (profiled out: its generalised least squares estimate for θ), and its analytic gradient with
 * respect to θ = [log l_1 .. log l_d, log signal variance, log noise variance, log additive variance]:
 * {@code ∂/∂θ_k = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_k)} with α = K⁻¹(y − c). One evaluation costs a Cholesky decomposition and an
 * inverse, O(n³), plus O(n² d) for the kernel's additive part and the gradient; the per-pair distances are computed
 * once per data set. Not thread-safe: an instance keeps scratch space between evaluations (one fit uses it; fits
 * on other threads take {@link #withOwnScratch()}).
 */
public final class LogMarginalLikelihood {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int n;
    private final int d;
    private final double[] targets;
    private final boolean[] categorical;
    /** For each pair a < b (in row order) and input j: (x_aj − x_bj)², or [x_aj ≠ x_bj] for a categorical input. */
    private final double[] pairTerms;
    /** The same as |x_aj − x_bj|, or [x_aj ≠ x_bj]. */
    private final double[] pairDistances;
    // Scratch space of one evaluation, kept between evaluations to spare the allocation (an instance serves one fit).
    private final double[] jointValues;
    private final double[] jointSlopes;
    private final double[] additiveValues;
    private final double[] additiveSlopes;

    public LogMarginalLikelihood(double[][] inputs, double[] targets, boolean[] categorical) {
        this.n = inputs.length;
        this.d = categorical.length;
        this.targets = targets.clone();
        this.categorical = categorical.clone();
        this.pairTerms = new double[n * (n - 1) / 2 * d];
        this.pairDistances = new double[pairTerms.length];
        this.jointValues = new double[n * (n - 1) / 2];
        this.jointSlopes = new double[jointValues.length];
        this.additiveValues = new double[jointValues.length];
        this.additiveSlopes = new double[pairTerms.length];
        int p = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int j = 0; j < d; j++) {
                    double diff = inputs[a][j] - inputs[b][j];
                    pairDistances[p] = categorical[j] ? (diff == 0 ? 0 : 1) : Math.abs(diff);
                    pairTerms[p] = pairDistances[p] * pairDistances[p];
                    p++;
                }
            }
        }
    }

    /** Shares the immutable per-pair data, with scratch space of its own: one instance per thread. */
    private LogMarginalLikelihood(LogMarginalLikelihood other) {
        this.n = other.n;
        this.d = other.d;
        this.targets = other.targets;
        this.categorical = other.categorical;
        this.pairTerms = other.pairTerms;
        this.pairDistances = other.pairDistances;
        this.jointValues = new double[other.jointValues.length];
        this.jointSlopes = new double[jointValues.length];
        this.additiveValues = new double[jointValues.length];
        this.additiveSlopes = new double[pairTerms.length];
    }

    /** The same likelihood with scratch space of its own, for an evaluation on another thread. */
    public LogMarginalLikelihood withOwnScratch() {
        return new LogMarginalLikelihood(this);
    }

    public int size() {
        return n;
    }

    public int inputs() {
        return d;
    }

    public boolean[] categorical() {
        return categorical.clone();
    }

    /**
     * @param gradient receives ∂ log p / ∂θ (length d + 3)
     * @return log p, or NaN when the covariance cannot be decomposed
     */
    public double valueAndGradient(double[] logs, double[] gradient) {
        double[] inverseSquared = new double[d];
        double[] additiveRates = new double[d]; // √5 √d / l_j: r_j of the additive part is √d |x_aj − x_bj| / l_j
        for (int j = 0; j < d; j++) {
            inverseSquared[j] = Math.exp(-2 * logs[j]);
            additiveRates[j] = Matern52Kernel.SQRT5 * Math.sqrt(d) * Math.exp(-logs[j]);
        }
        double signal = Math.exp(logs[d]);
        double noise = Math.exp(logs[d + 1]);
        double perInput = Math.exp(logs[d + 2]) / d;
        double[][] covariance = new double[n][n];
        int pair = 0;
        for (int a = 0; a < n; a++) {
            covariance[a][a] = signal + perInput * d + noise;
            for (int b = a + 1; b < n; b++) {
                double squared = 0;
                double additive = 0;
                int base = pair * d;
                for (int j = 0; j < d; j++) {
                    squared += pairTerms[base + j] * inverseSquared[j];
                    double sr = additiveRates[j] * pairDistances[base + j];
                    double e = Math.exp(-sr);
                    additive += Matern52Kernel.additiveTerm(sr, e);
                    // (s_a² / d) times d: the additive part's r_j² = d · term
                    additiveSlopes[base + j] = Matern52Kernel.slope(perInput * d, sr, e);
                }
                double sr = Matern52Kernel.SQRT5 * Math.sqrt(squared);
                double e = Math.exp(-sr);
                jointValues[pair] = Matern52Kernel.covariance(signal, sr, e);
                jointSlopes[pair] = Matern52Kernel.slope(signal, sr, e);
                additiveValues[pair] = perInput * additive;
                double k = jointValues[pair] + additiveValues[pair];
                covariance[a][b] = k;
                covariance[b][a] = k;
                pair++;
            }
        }
        CholeskyFactor factor;
        try {
            factor = CholeskyFactor.of(covariance);
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
        // The constant mean is profiled out at its best value for this θ (as GaussianProcess conditions with it); being
        // a maximum in the mean, its own derivative drops out of ∂/∂θ, so the gradient formula is unchanged.
        double[] residuals = GaussianProcess.shifted(targets, GaussianProcess.generalisedLeastSquaresMean(factor, targets));
        double[] alpha = factor.solve(residuals);
        double value = -0.5 * CholeskyFactor.dot(residuals, alpha) - 0.5 * factor.logDeterminant() - 0.5 * n * LOG_2PI;
        double[] inverse = factor.inverse();

        java.util.Arrays.fill(gradient, 0);
        double signalSum = 0; // Σ_ab W_ab K_ab over the joint part
        double additiveSum = 0; // and over the additive part
        double traceW = 0;
        pair = 0;
        for (int a = 0; a < n; a++) {
            double wDiagonal = alpha[a] * alpha[a] - inverse[a * n + a];
            traceW += wDiagonal;
            signalSum += wDiagonal * signal;
            additiveSum += wDiagonal * perInput * d;
            for (int b = a + 1; b < n; b++) {
                double w = alpha[a] * alpha[b] - inverse[a * n + b];
                signalSum += 2 * w * jointValues[pair];
                additiveSum += 2 * w * additiveValues[pair];
                // ∂K_ab/∂log l_j = s² (5/3)(1 + √5 r) exp(-√5 r) (x_aj − x_bj)² / l_j², plus the additive part's term
                // with r_j in place of r; the pair counts twice in the trace.
                double common = w * jointSlopes[pair];
                int base = pair * d;
                for (int j = 0; j < d; j++) {
                    gradient[j] += (common + w * additiveSlopes[base + j]) * pairTerms[base + j];
                }
                pair++;
            }
        }
        for (int j = 0; j < d; j++) {
            gradient[j] *= inverseSquared[j];
        }
        gradient[d] = 0.5 * signalSum;
        gradient[d + 1] = 0.5 * noise * traceW;
        gradient[d + 2] = 0.5 * additiveSum;
        return value;
    }
}
