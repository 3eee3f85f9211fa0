package io.tuneflow.engine.tuning;

import io.tuneflow.engine.tuning.bayes.GaussianProcess;
import io.tuneflow.engine.tuning.bayes.KernelHyperparameters;
import io.tuneflow.engine.tuning.bayes.LogExpectedImprovement;
import io.tuneflow.engine.tuning.bayes.OrderedParallelMap;
import io.tuneflow.engine.tuning.bayes.OutputWarp;
import io.tuneflow.engine.tuning.bayes.RefitSchedule;
import io.tuneflow.engine.tuning.bayes.ShiftedSobolSequence;
import io.tuneflow.engine.tuning.bayes.WarpedModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Bayesian optimisation, SageMaker's default strategy: a Gaussian process (Matérn 5/2, ARD, plus an additive part;
 * hyperparameters fitted by maximum a posteriori) models the objective over the unit cube of the search space, and each
 * trial goes where the expected improvement over the best objective so far is largest. See docs/bayesian.md.
 *
 * <ul>
 *   <li>The first {@link #initialDesignSize(int) d + 4} trials are a shifted Sobol design (stratified, unlike random
 *       points), enough to give each of d length scales something to fit.</li>
 *   <li>The model is of the objective or of a shifted log of it, whichever makes the observed values more likely
 *       ({@link WarpedModel}): a loss over orders of magnitude leaves its basin invisible on a standardised scale.</li>
 *   <li>Running trials and earlier picks of the same call are pending points, believed at the model's mean (a
 *       Kriging believer), and the believed value counts as observed: improvement is measured from the best of the
 *       observed and believed values. Without that, the model is sure of an improvement right next to a pending trial
 *       near the optimum and proposes a near-duplicate; clamping the belief at the best so far instead (the previous
 *       rule) also avoids duplicates but pushes the other parallel trials out of the optimum's basin (docs/bayesian.md,
 *       "Believed values count as observed"). A constant liar at the best value made 3-parallel Hartmann6 runs far worse.</li>
 *   <li>While the best value keeps improving, picks made with other trials pending stay in a {@link TrustRegion}
 *       around the best point, so parallel trials refine it together instead of the second and third exploring
 *       (docs/bayesian.md, "Parallel trials in a trust region"). With categoricals the box holds only for the best
 *       point's categories; candidates with other categories still search the whole cube. A pick outside the box
 *       with ten times the box's expected improvement is taken instead. Sequential suggestions never use the box.</li>
 *   <li>Trials that ended without an objective stay out of the fit — an imputed "worst" value would claim the region
 *       is bad when the cause may be a lost instance, and would distort the standardised scale — but they are believed
 *       at the mean clamped at the best so far (never lowering the incumbent: they will give no value), so the exact
 *       configuration is not proposed again while its neighbourhood still is.</li>
 *   <li>A stopped trial's objective (early stopping, StopTrainingJob) is a value part-way through training: it counts
 *       no worse than the worst finished trial's ({@link Observations}), or it would squash the finished trials'
 *       differences on the standardised scale.</li>
 *   <li>Integers are evaluated at the integer itself and categoricals at the category (see {@link CubeEncoding}):
 *       the model only ever sees configurations a trial can have, so an integer's observed cell has no variance left
 *       to tempt expected improvement — rounding a continuous proposal afterwards would re-propose tried values.</li>
 *   <li>When every range is integer or categorical ({@link FiniteSpace}), each configuration is proposed once while
 *       untried ones remain: a design point that lands on a tried configuration is replaced by an untried one drawn at
 *       random, and the model's pick is the untried configuration with the highest expected improvement — all of them
 *       scored when there are at most {@value #SCORED_EXHAUSTIVELY}, else the search's pick or, when that was tried,
 *       the best of {@value #UNTRIED_DRAWS} untried ones drawn at random. Without it a converged model re-proposed its
 *       best: in a 19,880-configuration space 106 of 200 trials repeated one, on average over two seeds (docs/bayesian.md).</li>
 *   <li>Reproducible: the suggestions are a function of RandomSeed and the history alone (what is cached to save time
 *       is a pure function of the history too).</li>
 * </ul>
 */
public final class BayesianStrategy implements Strategy {

    /** {@link IndexedRandom}'s purpose for the candidates of a model pick. */
    private static final long MODEL_PICKS = 0x4250494B532D31L;
    /** {@link IndexedRandom}'s purpose for a design point's replacement when its configuration was tried. */
    private static final long DESIGN_REPLACEMENTS = 0x44455349474E32L;
    /** Up to this many configurations, a finite space's untried ones are all scored by the acquisition. */
    static final int SCORED_EXHAUSTIVELY = 4096;
    /** Untried configurations drawn and scored when a larger finite space's search ends on a tried one. */
    private static final int UNTRIED_DRAWS = 1024;
    /** log 10: how much larger the log expected improvement of a pick outside the trust region must be. */
    private static final double LOG_TEN_TIMES = Math.log(10);

    private final SearchSpace space;
    private final boolean maximize;
    private final long seed;
    private final CubeEncoding encoding;
    private final RefitSchedule schedule;
    private final int initialDesign;
    /** Warm-start parents' trials: observations before this job's own. */
    private final List<Trial> prior;
    /** Whether picks made while other trials are pending stay in a {@link TrustRegion} while the search improves. */
    private final boolean localBatches;
    /** The output warps the model chooses among ({@link WarpedModel}). */
    private final List<OutputWarp> warps;
    /** When every range is integer or categorical: picks are untried configurations while any remain. */
    private final Optional<FiniteSpace> finite;

    /**
     * @param maximize whether the objective is maximised (else minimised)
     * @param seed     RandomSeed: the same seed and history give the same suggestions
     */
    public BayesianStrategy(SearchSpace space, boolean maximize, long seed) {
        this(space, maximize, seed, List.of(), true, WarpedModel.WARPS);
    }

    /** Without the trust region for parallel picks: every pick searches the whole cube (what the region changes). */
    static BayesianStrategy withoutLocalBatches(SearchSpace space, boolean maximize, long seed) {
        return new BayesianStrategy(space, maximize, seed, List.of(), false, WarpedModel.WARPS);
    }

    /**
     * Hyperband's model. Without local batches: its observations are objectives at a rung, a proxy whose best point is
     * less certain than a finished trial's, and its brackets already concentrate the budget; local batches there are
     * untested. And of the objective as it is: the output warp made Hyperband need slightly more training on crossing
     * learning curves in 6-D (400 simulated seeds: 0.34 [0.32, 0.36] of random search's, against 0.33 [0.31, 0.33]
     * without; docs/bayesian.md), where a rung's values mislead and a model that trusts them more does worse.
     */
    static BayesianStrategy forHyperband(SearchSpace space, boolean maximize, long seed) {
        return new BayesianStrategy(space, maximize, seed, List.of(), false, List.of(OutputWarp.IDENTITY));
    }

    private BayesianStrategy(SearchSpace space, boolean maximize, long seed, List<Trial> prior, boolean localBatches,
                             List<OutputWarp> warps) {
        this.localBatches = localBatches;
        this.warps = List.copyOf(warps);
        this.space = space;
        this.maximize = maximize;
        this.seed = seed;
        this.encoding = new CubeEncoding(space);
        this.schedule = new RefitSchedule(encoding.categorical(), seed);
        this.initialDesign = initialDesignSize(space.dimensions().size());
        this.prior = List.copyOf(prior);
        this.finite = FiniteSpace.of(space);
    }

    /**
     * Warm start: the parents' trials join the model's observations, and count towards the initial design — a job
     * whose parents already cover the space goes straight to the model. A parent trial with a value this space cannot
     * hold (a category the new range dropped) is left out; continuous values outside the new range sit at its edge.
     */
    @Override
    public Strategy withPriorTrials(List<Trial> trials) {
        List<Trial> usable = new ArrayList<>();
        for (Trial trial : trials) {
            if (!"Succeeded".equals(trial.objectiveStatus())) {
                continue;
            }
            try {
                for (Dimension dimension : space.dimensions()) {
                    dimension.unitOf(trial.tunedHyperParameters().get(dimension.name()));
                }
                usable.add(trial);
            } catch (RuntimeException e) {
                // not a point of this space
            }
        }
        return new BayesianStrategy(space, maximize, seed, usable, localBatches, warps);
    }

    /**
     * Trials drawn from the space-filling design before the model takes over, for d tuned hyperparameters: d + 1 points
     * pin down a linear trend, three more give the d + 3 kernel hyperparameters something beyond it. Larger designs
     * (2d + 2) did worse on 50-trial budgets: trials spent on a fixed design are not spent where the model points;
     * smaller ones (max(5, d + 1)) let early, poorly fitted models lock onto a local basin more often (Hartmann6).
     */
    public static int initialDesignSize(int dimensions) {
        return dimensions + 4;
    }

    @Override
    public synchronized List<Map<String, String>> suggest(int count, List<Trial> history) {
        List<Trial> everything = new ArrayList<>(prior);
        everything.addAll(history);
        Observations observations = Observations.of(everything, encoding, maximize);
        Set<List<String>> tried = finite.map(f -> f.triedIn(everything)).orElseGet(HashSet::new);
        List<double[]> picks = new ArrayList<>();
        List<Map<String, String>> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int index = history.size() + k;
            double[] unit = prior.size() + index < initialDesign || observations.size() < 2 || encoding.size() == 0
                    ? designPoint(index, tried)
                    : modelPick(observations, picks, index, tried);
            picks.add(unit);
            finite.ifPresent(f -> tried.add(f.keyAt(unit)));
            out.add(space.valuesAt(unit));
        }
        return out;
    }

    /**
     * The index-th point of the shifted Sobol design (it continues past the design while too few trials succeed). In
     * a finite space a point whose configuration was tried — coarse cells make that common: a 6-point design in a
     * 3 × 2 space repeated two — is replaced by an untried configuration drawn uniformly.
     */
    private double[] designPoint(int index, Set<List<String>> tried) {
        double[] point = new ShiftedSobolSequence(Math.max(1, encoding.size()), seed).points(index, 1)[0];
        if (finite.isEmpty() || !tried.contains(finite.get().keyAt(point))) {
            return point;
        }
        SplittableRandom random = IndexedRandom.stream(seed, DESIGN_REPLACEMENTS, index);
        return finite.get().drawUntried(tried, random).orElse(point);
    }

    private double[] modelPick(Observations observations, List<double[]> picks, int index, Set<List<String>> tried) {
        int n = observations.size();
        double[][] inputs = new double[n][];
        for (int i = 0; i < n; i++) {
            inputs[i] = encoding.inputOf(observations.points().get(i));
        }
        WarpedModel fitted = WarpedModel.fitted(warps, schedule, inputs, observations::valuesOfFirst, observations.values(),
                encoding.categorical());
        KernelHyperparameters hyperparameters = fitted.hyperparameters();
        double[] targets = fitted.targets();
        GaussianProcess model = fitted.process();
        double best = Double.POSITIVE_INFINITY;
        for (double t : targets) {
            best = Math.min(best, t);
        }
        for (double[] unit : observations.failed()) {
            model = model.believing(encoding.inputOf(unit), best); // never gives a value: must not lower the incumbent
        }
        double incumbent = best;
        for (List<double[]> pending : List.of(observations.running(), picks)) {
            for (double[] unit : pending) {
                double[] input = encoding.inputOf(unit);
                incumbent = Math.min(incumbent, model.predict(input).mean());
                model = model.believing(input);
            }
        }
        List<double[]> incumbents = new ArrayList<>();
        for (int i : observations.ranking().subList(0, Math.min(3, n))) {
            incumbents.add(observations.points().get(i));
        }
        SplittableRandom random = IndexedRandom.stream(seed, MODEL_PICKS, index);
        LogExpectedImprovement acquisition = new LogExpectedImprovement(model, incumbent);
        if (finite.isPresent() && finite.get().size() <= SCORED_EXHAUSTIVELY) {
            List<double[]> untried = finite.get().listUntried(tried, SCORED_EXHAUSTIVELY);
            if (!untried.isEmpty()) {
                return best(untried, acquisition);
            }
        }
        double[] pick = searched(observations, picks, acquisition, incumbents, hyperparameters, random);
        if (finite.isPresent() && tried.contains(finite.get().keyAt(pick))) {
            // A finite space too large to score whole, whose search ended on a configuration tried already.
            List<double[]> untried = new ArrayList<>();
            for (int i = 0; i < UNTRIED_DRAWS; i++) {
                finite.get().drawUntried(tried, random).ifPresent(untried::add);
            }
            return untried.isEmpty() ? pick : best(untried, acquisition);
        }
        return pick;
    }

    /**
     * The acquisition's maximum over the cube, or over the trust region for a parallel pick while the search improves —
     * unless the cube's best has ten times the box's expected improvement. Then the model is confident of something
     * the box cannot reach: with the additive part of the kernel, a combination of the best value of each
     * hyperparameter found in different trials (Styblinski-Tang at 3 in parallel: median regret 14.2 with the box
     * alone, 3.0 with this rule, 1.0 sequentially; docs/bayesian.md).
     */
    private double[] searched(Observations observations, List<double[]> picks, LogExpectedImprovement acquisition,
                              List<double[]> incumbents, KernelHyperparameters hyperparameters, SplittableRandom random) {
        boolean pending = !observations.running().isEmpty() || !picks.isEmpty();
        if (localBatches && pending) {
            TrustRegion region = TrustRegion.replayed(observations.values(), initialDesign, encoding.size());
            if (region.improving()) {
                SearchBox box = region.around(incumbents.get(0), hyperparameters, encoding);
                double[] pick = new AcquisitionSearch(encoding, acquisition, box, incumbents.get(0))
                        .maximize(random, incumbents.subList(0, 1));
                double[] cubePick = new AcquisitionSearch(encoding, acquisition).maximize(random, incumbents);
                boolean farBetterOutside = acquisition.value(encoding.inputOf(cubePick))
                        > acquisition.value(encoding.inputOf(pick)) + LOG_TEN_TIMES;
                // A box pick that is a configuration trained or training already gives way too. That happens when
                // expected improvement rises beyond the box: the search ends on the box's edge, at the same point each
                // time the box is the same, and a pending point believed at the mean keeps an EI of about 0.4 noise
                // standard deviations, so nothing in the box beats it. At 10 in parallel, up to 2 trials a run
                // trained a running trial's exact configuration again (docs/bayesian.md).
                return farBetterOutside || alreadyTrained(pick, observations, picks) ? cubePick : pick;
            }
        }
        return new AcquisitionSearch(encoding, acquisition).maximize(random, incumbents);
    }

    /** Whether a trainer would receive the same hyperparameters as for an observed, running or just-picked trial. */
    private boolean alreadyTrained(double[] pick, Observations observations, List<double[]> picks) {
        Map<String, String> values = space.valuesAt(pick);
        for (List<double[]> points : List.of(observations.points(), observations.running(), observations.failed(), picks)) {
            for (double[] point : points) {
                if (space.valuesAt(point).equals(values)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The candidate with the highest acquisition value; the first of equals. */
    private double[] best(List<double[]> candidates, LogExpectedImprovement acquisition) {
        List<Double> values = OrderedParallelMap.map(candidates, candidate -> acquisition.value(encoding.inputOf(candidate)));
        double[] best = candidates.get(0);
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            if (values.get(i) > bestValue) {
                best = candidates.get(i);
                bestValue = values.get(i);
            }
        }
        return best;
    }

    /** For tests and benchmarks: how many hyperparameter fits have run. */
    int hyperparameterFits() {
        return schedule.fits();
    }
}
