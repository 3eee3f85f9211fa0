package io.tuneflow.engine.tuning.bayes;

/**
 * A Gaussian process conditioned on observations, with a constant prior mean estimated from them by generalised least
 * squares (callers standardise their targets). Predicts the latent objective: its variance excludes the observation
 * noise.
 *
 * <p>Pending inputs — trials still running, or proposed earlier in the same batch — are added by
 * {@link #believing(double[], double)} ("Kriging believer"): each is treated as observed at the model's own prediction
 * (raised to a floor, see there). That leaves the posterior mean (nearly) unchanged and shrinks the variance around the
 * pending input, so an acquisition function no longer finds it worth proposing again. Immutable.
 */
public final class GaussianProcess {

    private final Matern52Kernel kernel;
    private final double noiseVariance;
    /** Observed inputs first, then believed ones. */
    private final double[][] inputs;
    /** Observed and believed targets, one per input. */
    private final double[] targets;
    /** K⁻¹ (y − offset): the mean's weights. */
    private final double[] weights;
    private final CholeskyFactor factor;
    /** The constant prior mean. */
    private final double offset;

    private GaussianProcess(Matern52Kernel kernel, double noiseVariance, double[][] inputs, double[] targets, double[] weights,
                            CholeskyFactor factor, double offset) {
        this.kernel = kernel;
        this.noiseVariance = noiseVariance;
        this.inputs = inputs;
        this.targets = targets;
        this.weights = weights;
        this.factor = factor;
        this.offset = offset;
    }

    public static GaussianProcess condition(double[][] inputs, double[] targets, KernelHyperparameters hyperparameters,
                                            boolean[] categorical) {
        Matern52Kernel kernel = hyperparameters.kernel(categorical);
        double noise = hyperparameters.noiseVariance();
        int n = inputs.length;
        double[][] covariance = new double[n][n];
        for (int i = 0; i < n; i++) {
            covariance[i][i] = kernel.priorVariance() + noise;
            for (int j = 0; j < i; j++) {
                double k = kernel.value(inputs[i], inputs[j]);
                covariance[i][j] = k;
                covariance[j][i] = k;
            }
        }
        CholeskyFactor factor = CholeskyFactor.of(covariance);
        double[][] copies = new double[n][];
        for (int i = 0; i < n; i++) {
            copies[i] = inputs[i].clone();
        }
        double offset = generalisedLeastSquaresMean(factor, targets);
        return new GaussianProcess(kernel, noise, copies, targets.clone(), factor.solve(shifted(targets, offset)), factor, offset);
    }

    /**
     * The constant prior mean that maximises the likelihood, 1ᵀK⁻¹y / 1ᵀK⁻¹1: observations are weighted by how much
     * they tell apart from their correlated neighbours, so a cluster of trials around the incumbent counts about as
     * one. The plain mean of the data (zero after standardising) is pulled down by such a cluster, and the model then
     * expects good values wherever it has no data: expected improvement kept sending every other late trial to
     * unexplored corners of Hartmann6.
     */
    static double generalisedLeastSquaresMean(CholeskyFactor factor, double[] targets) {
        double[] ones = new double[targets.length];
        java.util.Arrays.fill(ones, 1);
        double[] w = factor.solve(ones);
        double denominator = CholeskyFactor.dot(w, ones);
        return denominator > 0 ? CholeskyFactor.dot(w, targets) / denominator : 0;
    }

    static double[] shifted(double[] targets, double offset) {
        double[] out = new double[targets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = targets[i] - offset;
        }
        return out;
    }

    /** The process with {@code input} added as if observed at its predicted mean (see the class comment). */
    public GaussianProcess believing(double[] input) {
        return believing(input, Double.NEGATIVE_INFINITY);
    }

    /**
     * The process with {@code input} added as if observed at its predicted mean, or at {@code floor} where the mean is
     * below it. With the best objective so far as the floor, a trial that ended without a value is kept from being
     * proposed again without its neighbourhood being claimed better than anything observed.
     */
    public GaussianProcess believing(double[] input, double floor) {
        return believingAt(input, Math.max(floor, predict(input).mean()));
    }

    private GaussianProcess believingAt(double[] input, double value) {
        double[] cross = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            cross[i] = kernel.value(input, inputs[i]);
        }
        double[][] grown = java.util.Arrays.copyOf(inputs, inputs.length + 1);
        grown[inputs.length] = input.clone();
        CholeskyFactor grownFactor = factor.extendedBy(cross, kernel.priorVariance() + noiseVariance);
        double[] grownTargets = java.util.Arrays.copyOf(targets, targets.length + 1);
        grownTargets[targets.length] = value;
        return new GaussianProcess(kernel, noiseVariance, grown, grownTargets, grownFactor.solve(shifted(grownTargets, offset)),
                grownFactor, offset);
    }

    /**
     * log p(y | X, θ) of the targets it holds, at its hyperparameters and estimated mean: how well the model explains
     * its data, to compare models of the same observations.
     */
    public double logMarginalLikelihood() {
        double fit = CholeskyFactor.dot(shifted(targets, offset), weights);
        return -0.5 * fit - 0.5 * factor.logDeterminant() - 0.5 * targets.length * Math.log(2 * Math.PI);
    }

    public int inputs() {
        return inputs.length;
    }

    public Prediction predict(double[] x) {
        double[] k = covariances(x);
        double mean = offset;
        for (int i = 0; i < inputs.length; i++) {
            mean += weights[i] * k[i];
        }
        double[] v = factor.forwardSolve(k);
        return new Prediction(mean, Math.max(0, kernel.priorVariance() - CholeskyFactor.dot(v, v)));
    }

    /**
     * The prediction and its gradient with respect to the continuous inputs (categorical entries of the gradients are
     * left 0).
     */
    public Prediction predict(double[] x, double[] meanGradient, double[] varianceGradient) {
        int n = inputs.length;
        int d = x.length;
        double[] k = new double[n];
        double[] kernelGradients = new double[n * d]; // dk_i/dx_j at i · d + j
        for (int i = 0; i < n; i++) {
            k[i] = kernel.valueAndGradient(x, inputs[i], kernelGradients, i * d);
        }
        double mean = offset;
        for (int i = 0; i < inputs.length; i++) {
            mean += weights[i] * k[i];
        }
        double[] v = factor.forwardSolve(k);
        double[] w = factor.backSolve(v); // K⁻¹ k
        java.util.Arrays.fill(meanGradient, 0);
        java.util.Arrays.fill(varianceGradient, 0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                meanGradient[j] += weights[i] * kernelGradients[i * d + j];
                varianceGradient[j] += w[i] * kernelGradients[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            varianceGradient[j] *= -2;
        }
        return new Prediction(mean, Math.max(0, kernel.priorVariance() - CholeskyFactor.dot(v, v)));
    }

    private double[] covariances(double[] x) {
        double[] k = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            k[i] = kernel.value(x, inputs[i]);
        }
        return k;
    }

    /** Posterior mean and variance of the latent objective at one input. */
    public record Prediction(double mean, double variance) {
    }
}
