package io.tuneflow.engine.tuning.bayes;

import java.util.List;

/**
 * Maximum a posteriori kernel hyperparameters: log marginal likelihood plus {@link HyperparameterPrior}, maximised by
 * L-BFGS from each of several starting points, the best result kept. The bounds are built into the search by
 * optimising unconstrained z with {@code θ = lower + (upper − lower) · sigmoid(z)}, so the optimiser never has to
 * handle a box and the gradient vanishes smoothly at the edges.
 */
public final class HyperparameterFit {

    private final HyperparameterPrior prior;
    private final LimitedMemoryBfgs optimizer;

    /** @param maxIterations L-BFGS iterations per start */
    public HyperparameterFit(HyperparameterPrior prior, int maxIterations) {
        this.prior = prior;
        this.optimizer = new LimitedMemoryBfgs(maxIterations, 1e-5);
    }

    /** The outcome of a fit: the hyperparameters as log vector, and the log posterior they reach. */
    public record Fitted(double[] logs, double logPosterior, int evaluations) {
        public KernelHyperparameters hyperparameters() {
            return KernelHyperparameters.fromLogVector(logs);
        }
    }

    /**
     * @param starts log vectors to start from (clamped into the bounds); the prior's mode when empty. The starts are
     *               optimised on all cores, each on its own copy of the likelihood's scratch space; the best is chosen
     *               in the starts' order, so the result is the same as one after another.
     */
    public Fitted fit(LogMarginalLikelihood likelihood, List<double[]> starts) {
        List<double[]> from = starts.isEmpty() ? List.of(prior.mode()) : starts;
        List<Fitted> fits = OrderedParallelMap.map(from, start -> fitFrom(likelihood.withOwnScratch(), start));
        Fitted best = null;
        int evaluations = 0;
        for (Fitted fitted : fits) {
            evaluations += fitted.evaluations();
            if (Double.isFinite(fitted.logPosterior()) && (best == null || fitted.logPosterior() > best.logPosterior())) {
                best = fitted;
            }
        }
        if (best == null) { // nothing could be evaluated (NaN data): the prior's guess is still a usable model
            return new Fitted(prior.mode(), Double.NaN, evaluations);
        }
        return new Fitted(best.logs(), best.logPosterior(), evaluations);
    }

    private Fitted fitFrom(LogMarginalLikelihood likelihood, double[] start) {
        int size = prior.size();
        double[] theta = new double[size];
        double[] thetaGradient = new double[size];
        LimitedMemoryBfgs.Objective negativeLogPosterior = (z, gradient) -> {
            for (int k = 0; k < size; k++) {
                theta[k] = fromFree(k, z[k]);
            }
            double value = likelihood.valueAndGradient(theta, thetaGradient);
            if (!Double.isFinite(value)) {
                return Double.NaN;
            }
            value += prior.logDensity(theta, thetaGradient);
            for (int k = 0; k < size; k++) {
                double s = sigmoid(z[k]);
                gradient[k] = -thetaGradient[k] * (prior.upper(k) - prior.lower(k)) * s * (1 - s);
            }
            return -value;
        };
        double[] z = new double[size];
        for (int k = 0; k < size; k++) {
            z[k] = toFree(k, start[k]);
        }
        LimitedMemoryBfgs.Result result = optimizer.minimize(negativeLogPosterior, z);
        double[] logs = new double[size];
        for (int k = 0; k < size; k++) {
            logs[k] = fromFree(k, result.point()[k]);
        }
        double logPosterior = Double.isFinite(result.value()) ? -result.value() : Double.NaN;
        return new Fitted(logs, logPosterior, result.evaluations());
    }

    private double fromFree(int k, double z) {
        return prior.lower(k) + (prior.upper(k) - prior.lower(k)) * sigmoid(z);
    }

    private double toFree(int k, double theta) {
        double p = (theta - prior.lower(k)) / (prior.upper(k) - prior.lower(k));
        p = Math.max(1e-6, Math.min(1 - 1e-6, p));
        return Math.log(p / (1 - p));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
