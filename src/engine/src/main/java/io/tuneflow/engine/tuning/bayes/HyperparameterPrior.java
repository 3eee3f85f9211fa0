package io.tuneflow.engine.tuning.bayes;

/**
 * Independent normal priors on the log hyperparameters, and hard bounds, so that a handful of observations cannot
 * produce a degenerate fit: length scales far shorter than the spacing of the data (a GP that interpolates noise),
 * far longer than the unit cube (a flat model), a signal variance unrelated to the standardised data, or noise so
 * large that the model explains nothing.
 *
 * <ul>
 *   <li>Length scales (inputs in [0, 1]): log l ~ N(log(0.35·√d), 1), bounds [0.01, 30]. The √d keeps the typical
 *       correlation between random points of the cube the same as dimensions are added (distances grow like √d),
 *       which is what lets a GP work with few observations in 6 or 10 dimensions.</li>
 *   <li>Signal variance (standardised objectives): log s² ~ N(0, 1), bounds [0.05, 20].</li>
 *   <li>Noise variance: log σ² ~ N(log 1e-5, 2.5²), bounds [1e-12, 1]: the data decide between noisy and noiseless
 *       objectives. The floor is what limits how precisely a noiseless optimum is pinned down: at 1e-6 (a noise
 *       deviation of 0.1 % of the objective's spread) Branin's median regret after 50 trials was 8.8e-5, at 1e-12 it
 *       is at the 4e-7 to which its optimum is known; a median of 1e-3 kept pulling fits off the floor. Noisy
 *       objectives still fit their noise (Branin + N(0, 0.1²) found as good points as before, see docs/bayesian.md);
 *       {@link CholeskyFactor}'s jitter keeps duplicates decomposable.</li>
 *   <li>Variance of the kernel's additive part: log s_a² ~ N(log 0.1, 1.5²), bounds [1e-4, 20]: a tenth of the
 *       joint part's until the data say otherwise. Fitted to 50 random points, Styblinski-Tang in 5-D (a sum of one
 *       function per input) moves it to 6.5 against a joint part of 0.15; Hartmann6 (whose inputs interact) keeps
 *       it at 0.06 against 1.0.</li>
 * </ul>
 */
public final class HyperparameterPrior {

    private final double[] means;
    private final double[] deviations;
    private final double[] lower;
    private final double[] upper;

    private HyperparameterPrior(double[] means, double[] deviations, double[] lower, double[] upper) {
        this.means = means;
        this.deviations = deviations;
        this.lower = lower;
        this.upper = upper;
    }

    /** The prior for {@code inputs} inputs (one per tuned hyperparameter). */
    public static HyperparameterPrior forInputs(int inputs) {
        int size = inputs + 3;
        double[] means = new double[size];
        double[] deviations = new double[size];
        double[] lower = new double[size];
        double[] upper = new double[size];
        double lengthScale = Math.log(0.35 * Math.sqrt(Math.max(1, inputs)));
        for (int j = 0; j < inputs; j++) {
            means[j] = lengthScale;
            deviations[j] = 1;
            lower[j] = Math.log(0.01);
            upper[j] = Math.log(30);
        }
        means[inputs] = 0;
        deviations[inputs] = 1;
        lower[inputs] = Math.log(0.05);
        upper[inputs] = Math.log(20);
        means[inputs + 1] = Math.log(1e-5);
        deviations[inputs + 1] = 2.5;
        lower[inputs + 1] = Math.log(1e-12);
        upper[inputs + 1] = Math.log(1);
        means[inputs + 2] = Math.log(0.1);
        deviations[inputs + 2] = 1.5;
        lower[inputs + 2] = Math.log(1e-4);
        upper[inputs + 2] = Math.log(20);
        return new HyperparameterPrior(means, deviations, lower, upper);
    }

    public int size() {
        return means.length;
    }

    /** The most probable hyperparameters before any data: a neutral starting point for fitting. */
    public double[] mode() {
        return means.clone();
    }

    double mean(int k) {
        return means[k];
    }

    double deviation(int k) {
        return deviations[k];
    }

    double lower(int k) {
        return lower[k];
    }

    double upper(int k) {
        return upper[k];
    }

    /** log density (up to a constant) at {@code logs}, adding its gradient to {@code gradient}. */
    public double logDensity(double[] logs, double[] gradient) {
        double sum = 0;
        for (int k = 0; k < means.length; k++) {
            double z = (logs[k] - means[k]) / deviations[k];
            sum -= 0.5 * z * z;
            gradient[k] -= z / deviations[k];
        }
        return sum;
    }
}
