package io.tuneflow.engine.tuning.bayes;

/**
 * log p(y | X, θ) of a Gaussian process with the Matérn 5/2 ARD kernel and a constant mean c (profiled out: its
 * generalised least squares estimate for θ), and its analytic gradient with respect to
 * θ = [log l_1 .. log l_d, log signal variance, log noise variance]:
 * {@code ∂/∂θ_k = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ_k)} with α = K⁻¹(y − c). One evaluation costs a Cholesky decomposition and an
 * inverse, O(n³), plus O(n² d) for the gradient; the per-pair distances are computed once per data set.
 */
public final class LogMarginalLikelihood {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int n;
    private final int d;
    private final double[] targets;
    private final boolean[] categorical;
    /** For each pair a < b (in row order) and input j: (x_aj − x_bj)², or [x_aj ≠ x_bj] for a categorical input. */
    private final double[] pairTerms;

    public LogMarginalLikelihood(double[][] inputs, double[] targets, boolean[] categorical) {
        this.n = inputs.length;
        this.d = categorical.length;
        this.targets = targets.clone();
        this.categorical = categorical.clone();
        this.pairTerms = new double[n * (n - 1) / 2 * d];
        int p = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int j = 0; j < d; j++) {
                    double diff = inputs[a][j] - inputs[b][j];
                    pairTerms[p++] = categorical[j] ? (diff == 0 ? 0 : 1) : diff * diff;
                }
            }
        }
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
     * @param gradient receives ∂ log p / ∂θ (length d + 2)
     * @return log p, or NaN when the covariance cannot be decomposed
     */
    public double valueAndGradient(double[] logs, double[] gradient) {
        double[] inverseSquared = new double[d];
        for (int j = 0; j < d; j++) {
            inverseSquared[j] = Math.exp(-2 * logs[j]);
        }
        double signal = Math.exp(logs[d]);
        double noise = Math.exp(logs[d + 1]);
        double[][] covariance = new double[n][n];
        double[] distances = new double[n * (n - 1) / 2];
        int pair = 0;
        for (int a = 0; a < n; a++) {
            covariance[a][a] = signal + noise;
            for (int b = a + 1; b < n; b++) {
                double squared = 0;
                int base = pair * d;
                for (int j = 0; j < d; j++) {
                    squared += pairTerms[base + j] * inverseSquared[j];
                }
                double r = Math.sqrt(squared);
                distances[pair++] = r;
                double k = signal * Matern52Kernel.correlation(r);
                covariance[a][b] = k;
                covariance[b][a] = k;
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
        double signalSum = 0; // Σ_ab W_ab K_ab over the signal part
        double traceW = 0;
        pair = 0;
        for (int a = 0; a < n; a++) {
            double wDiagonal = alpha[a] * alpha[a] - inverse[a * n + a];
            traceW += wDiagonal;
            signalSum += wDiagonal * signal;
            for (int b = a + 1; b < n; b++) {
                double w = alpha[a] * alpha[b] - inverse[a * n + b];
                double r = distances[pair];
                signalSum += 2 * w * covariance[a][b];
                // ∂K_ab/∂log l_j = s² (5/3)(1 + √5 r) exp(-√5 r) (x_aj − x_bj)² / l_j²; the pair counts twice in the trace.
                double common = w * signal * Matern52Kernel.slope(r);
                int base = pair * d;
                for (int j = 0; j < d; j++) {
                    gradient[j] += common * pairTerms[base + j];
                }
                pair++;
            }
        }
        for (int j = 0; j < d; j++) {
            gradient[j] *= inverseSquared[j];
        }
        gradient[d] = 0.5 * signalSum;
        gradient[d + 1] = 0.5 * noise * traceW;
        return value;
    }
}
