package io.tuneflow.engine.tuning.bayes;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The Gaussian process of a search's observations under the output warp their evidence favours.
 *
 * <p>For each warp compared ({@link #WARPS} for the Bayesian strategy), the kernel hyperparameters are fitted to the warped, standardised values (by
 * the {@link RefitSchedule}, which remembers fits of each warp apart) and the process is conditioned on them; the warp
 * whose model gives the observed values the highest likelihood wins. The likelihood is of the values themselves, not
 * of their warped images: {@code log p(y) = log p(z) − n log σ_w + Σ log w'(y_i)}, with z the standardised warped
 * values and σ_w their standard deviation, so a warp wins by explaining the data better, not by shrinking it. Chosen
 * afresh at every suggestion, as the data grows. A log warp makes the search more local — the best values, spread out,
 * stand further below the rest — which is why its shift is not smaller: a log shifted by a tenth of the range gained
 * more on heavy-tailed losses but, at 10 trials in parallel, left 2 of 20 training-loss runs outside the best
 * optimizer's basin (docs/bayesian.md, "An output warp chosen by the evidence").
 *
 * @param warp            the warp chosen
 * @param hyperparameters its kernel hyperparameters
 * @param targets         the observations' values, warped and standardised, as the process holds them
 * @param process         the process conditioned on them
 */
public record WarpedModel(OutputWarp warp, KernelHyperparameters hyperparameters, double[] targets, GaussianProcess process) {

    /** The warps compared: the identity, and a log shifted by 0.3 times the range (the shift measured in docs/bayesian.md). */
    public static final List<OutputWarp> WARPS = List.of(OutputWarp.IDENTITY, OutputWarp.shiftedLog(0.3));

    /**
     * @param warps         the warps to choose among, the identity first (it is kept on equal evidence)
     * @param inputs        model inputs, in observation order
     * @param valuesOfFirst the objective to minimise for the first m observations, as {@link RefitSchedule} takes it
     * @param values        the objective to minimise for all of them, as the model takes it
     */
    public static WarpedModel fitted(List<OutputWarp> warps, RefitSchedule schedule, double[][] inputs,
                                     IntFunction<double[]> valuesOfFirst, double[] values, boolean[] categorical) {
        int n = values.length;
        WarpedModel chosen = null;
        double highest = Double.NEGATIVE_INFINITY;
        for (OutputWarp warp : warps) {
            if (chosen != null && warp.leavesAsIs(values)) {
                continue; // the same model as the identity's
            }
            KernelHyperparameters hyperparameters = schedule.hyperparameters(inputs, m -> warp.apply(valuesOfFirst.apply(m)));
            double[] warped = warp.apply(values);
            double[] targets = RefitSchedule.standardised(warped, n);
            GaussianProcess process = GaussianProcess.condition(inputs, targets, hyperparameters, categorical);
            double evidence = process.logMarginalLikelihood() - n * Math.log(RefitSchedule.scaleOf(warped, n))
                    + warp.logJacobian(values);
            if (chosen == null || evidence > highest) {
                chosen = new WarpedModel(warp, hyperparameters, targets, process);
                highest = evidence;
            }
        }
        return chosen;
    }
}
