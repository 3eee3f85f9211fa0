package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Where Hyperband's configurations come from (its stopping is {@link HyperbandStopping}): a Gaussian-process model of
 * the objective at one level of training, as in BOHB (Falkner et al., "BOHB: Robust and Efficient Hyperparameter
 * Optimization at Scale", ICML 2018), with a share drawn at random.
 *
 * <ul>
 *   <li>The level is the highest epoch among the rungs and MaxResource at which at least d + 4 trials have a value
 *       (the Bayesian strategy's initial design size): the most faithful fidelity that has enough data to fit. Until
 *       some level has that many, configurations are drawn at random, which is what plain Hyperband does throughout.</li>
 *   <li>At that level a trial's observation is its objective after that many epochs, known as soon as it has trained
 *       them, whether it has ended or is still training. A trial stopped before the level has none there; it is handed
 *       to the model as a trial without an objective — kept out of the fit, but its exact configuration is not
 *       proposed again. Its low value at a lower rung is not evidence about the level: on crossing learning curves it
 *       would steer the model towards fast starters.</li>
 *   <li>A third of the configurations are drawn at random whatever the model says (BOHB's default random fraction):
 *       when early levels mislead, the model's picks are the ones cut, and random picks keep Hyperband's guarantee of
 *       eventually trying every region.</li>
 *   <li>When every range is integer or categorical, random and model picks alike are configurations no trial has had,
 *       while any remain ({@link FiniteSpace}).</li>
 *   <li>Reproducible: whether the n-th configuration is random depends only on RandomSeed and n, which one only on
 *       RandomSeed and n (and in a finite space, the configurations tried before it); the model's picks only on
 *       RandomSeed and the history.</li>
 * </ul>
 */
public final class HyperbandStrategy implements Strategy {

    /** BOHB's default share of configurations drawn at random. */
    static final double RANDOM_SHARE = 1.0 / 3;

    /** {@link IndexedRandom}'s purpose for the coin that makes a configuration random or the model's. */
    private static final long RANDOM_OR_MODEL = 0x48424F48422D31L;
    /** {@link IndexedRandom}'s purpose for the configurations drawn at random. */
    private static final long RANDOM_CONFIGURATIONS = 0x48422D52414E44L;

    private final SearchSpace space;
    private final boolean maximize;
    private final long seed;
    private final List<Integer> levels;
    private final RandomStrategy random;
    private final BayesianStrategy model;
    /** Warm-start parents' trials, with their curves: observations before this job's own. */
    private final List<Trial> prior;

    /**
     * @param maximize whether the objective is maximised (else minimised)
     * @param seed     RandomSeed
     */
    public HyperbandStrategy(SearchSpace space, HyperbandSchedule schedule, boolean maximize, long seed) {
        this(space, levels(schedule), maximize, seed, List.of());
    }

    private HyperbandStrategy(SearchSpace space, List<Integer> levels, boolean maximize, long seed, List<Trial> prior) {
        this.space = space;
        this.maximize = maximize;
        this.seed = seed;
        this.levels = levels;
        this.random = randomDraws(space, seed);
        this.model = BayesianStrategy.forHyperband(space, maximize, seed);
        this.prior = List.copyOf(prior);
    }

    /**
     * Where the random configurations come from: not random search's sequence, so that a Random and a Hyperband job
     * with one RandomSeed do not train the same configurations at the same indices (until 2026-12-07 they did, and
     * Hyperband could re-find a Random job's best by coincidence).
     */
    static RandomStrategy randomDraws(SearchSpace space, long seed) {
        return RandomStrategy.drawingFor(space, seed, RANDOM_CONFIGURATIONS);
    }

    /** The epochs at which trials are compared, highest first: every bracket's rungs and MaxResource. */
    static List<Integer> levels(HyperbandSchedule schedule) {
        TreeSet<Integer> levels = new TreeSet<>();
        levels.add(schedule.maxResource());
        for (int s = 0; s < schedule.brackets(); s++) {
            levels.addAll(schedule.rungs(s));
        }
        return List.copyOf(levels.descendingSet());
    }

    /** Parents' trials seed the model like the job's own: at the levels their curves reached. */
    @Override
    public Strategy withPriorTrials(List<Trial> trials) {
        return new HyperbandStrategy(space, levels, maximize, seed, trials);
    }

    @Override
    public List<Map<String, String>> suggest(int count, List<Trial> history) {
        List<Trial> known = new ArrayList<>(prior);
        known.addAll(history);
        List<Map<String, String>> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int n = history.size() + k;
            out.add(next(n, known));
            known.add(pending(n, out.get(k)));
        }
        return out;
    }

    private Map<String, String> next(int n, List<Trial> known) {
        SplittableRandom coin = IndexedRandom.stream(seed, RANDOM_OR_MODEL, n);
        int minimum = BayesianStrategy.initialDesignSize(space.dimensions().size());
        if (coin.nextDouble() < RANDOM_SHARE || space.dimensions().isEmpty()) {
            return random.configuration(n, known);
        }
        for (int level : levels) {
            List<Trial> atLevel = known.stream().map(t -> atLevel(t, level)).toList();
            long observed = atLevel.stream().filter(t -> t.objective() != null).count();
            if (observed >= minimum) {
                return model.suggest(1, atLevel).get(0);
            }
        }
        return random.configuration(n, known);
    }

    /**
     * The trial as the model at this level sees it: its objective after {@code level} epochs, also while it runs on
     * beyond them (that value will not change); no objective if it ended before (stopped at a lower rung, or failed);
     * pending if it runs and has not got there yet. A trial that logged no curve but has a final objective trained
     * fully, so it counts at MaxResource — the highest level — only.
     */
    private Trial atLevel(Trial trial, int level) {
        List<Double> curve = trial.objectiveCurve();
        if (trial.running() && curve.size() < level) {
            return trial;
        }
        Double value = curve.size() >= level ? curve.get(level - 1)
                : curve.isEmpty() && level == levels.get(0) && "Succeeded".equals(trial.objectiveStatus()) ? trial.objective()
                : null;
        // A value at this level is complete there, whether the trial still runs, finished or was stopped at a higher
        // rung (the model caps a stopped trial's value, which is right for a value part-way through, not for this one).
        String status = value != null ? "Completed" : trial.status();
        return new Trial(trial.index(), trial.trainingJobName(), trial.tunedHyperParameters(), trial.hyperParameters(),
                trial.definitionName(), status, trial.secondaryStatus(), value == null ? "Failed" : "Succeeded",
                value, Map.of(), null, trial.creationTime(), trial.startTime(), trial.endTime(), null);
    }

    /** An earlier pick of the same call, as a running trial: the model believes it rather than re-proposing it. */
    private static Trial pending(int n, Map<String, String> tuned) {
        return new Trial(n + 1, "pending-" + (n + 1), tuned, tuned, null, "InProgress", "Starting", "Pending", null,
                Map.of(), null, null, null, null, null);
    }
}
