package io.tuneflow.engine.tuning.bayes;

import org.hipparchus.special.Erf;

/**
 * Expected improvement below the best value so far (minimisation): {@code EI = σ h(z)} with
 * {@code z = (best − μ) / σ} and {@code h(z) = φ(z) + z Φ(z)}.
 *
 * <p>Computed as log EI: far from the incumbent EI underflows to 0 (z ≈ −40 is already 1e-350) and an optimiser sees
 * a flat landscape. log h(z) stays finite and smooth everywhere — directly for z ≥ −25, by the asymptotic series
 * h(z) = φ(z) / z² · (1 − 3/z² + 15/z⁴ − …) below, where the direct formula cancels catastrophically.
 */
public final class ExpectedImprovement {

    private static final double SQRT2 = Math.sqrt(2);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double ASYMPTOTIC_BELOW = -25;

    private ExpectedImprovement() {
    }

    /** The plain closed form, for reference and tests. */
    public static double value(double mean, double deviation, double best) {
        if (deviation <= 0) {
            return Math.max(0, best - mean);
        }
        double z = (best - mean) / deviation;
        return deviation * (normalDensity(z) + z * normalCdf(z));
    }

    /** log EI; −∞ only where σ = 0 and no improvement is possible. */
    public static double log(double mean, double deviation, double best) {
        if (deviation <= 0) {
            return Math.log(Math.max(0, best - mean));
        }
        return Math.log(deviation) + logH((best - mean) / deviation);
    }

    /**
     * log EI with its partial derivatives.
     *
     * @param out receives {∂ log EI / ∂μ, ∂ log EI / ∂σ}
     */
    public static double log(double mean, double deviation, double best, double[] out) {
        double z = (best - mean) / deviation;
        double logH = logH(z);
        double cdfOverH = Math.exp(logNormalCdf(z) - logH);      // h'(z) / h(z)
        double densityOverH = Math.exp(logNormalDensity(z) - logH); // (h − zΦ) / h
        out[0] = -cdfOverH / deviation;
        out[1] = densityOverH / deviation;
        return Math.log(deviation) + logH;
    }

    /** log h(z), h(z) = φ(z) + z Φ(z) > 0. */
    static double logH(double z) {
        if (z >= ASYMPTOTIC_BELOW) {
            return Math.log(normalDensity(z) + z * normalCdf(z));
        }
        double inverseSquare = 1 / (z * z);
        // h(z) = φ(z) z⁻² Σ_k (−1)^k (2k+1)!! z⁻²ᵏ; six terms reach double precision for |z| ≥ 25.
        double series = 1, term = 1;
        for (int k = 1; k <= 6; k++) {
            term *= -(2 * k + 1) * inverseSquare;
            series += term;
        }
        return logNormalDensity(z) + Math.log(inverseSquare) + Math.log(series);
    }

    static double logNormalCdf(double z) {
        if (z >= ASYMPTOTIC_BELOW) {
            return Math.log(normalCdf(z));
        }
        // Φ(z) = φ(z) / |z| · Σ_k (−1)^k (2k−1)!! z⁻²ᵏ
        double inverseSquare = 1 / (z * z);
        double series = 1, term = 1;
        for (int k = 1; k <= 6; k++) {
            term *= -(2 * k - 1) * inverseSquare;
            series += term;
        }
        return logNormalDensity(z) - Math.log(-z) + Math.log(series);
    }

    static double normalDensity(double z) {
        return Math.exp(logNormalDensity(z));
    }

    static double logNormalDensity(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    static double normalCdf(double z) {
        return 0.5 * Erf.erfc(-z / SQRT2);
    }
}
