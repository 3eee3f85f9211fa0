package io.tuneflow.cli.bench;

import io.tuneflow.engine.tuning.Strategy;
import io.tuneflow.engine.tuning.Trial;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Drives a strategy on a problem as the engine's executor drives it, without training processes: up to
 * {@code parallel} trials are running at once, recorded in the history as InProgress with no objective; the oldest
 * completes first, and each freed slot is filled by asking for one configuration. The objective is evaluated on the
 * hyperparameter strings a trainer would receive. On a noisy problem each trial observes the value plus Gaussian
 * noise drawn from the noise seed and the trial's index (so the same run observes the same values at any
 * parallelism), and the outcome is the noiseless value of the best-observed configuration.
 *
 * <p>After the last trial completes, one more suggestion is asked for and timed but not run, so that the overhead
 * at exactly {@code trials} observations is measured.
 */
public final class TrialLoop {

    /** Trials get fixed timestamps: strategies must not depend on the clock, and runs stay reproducible. */
    private static final Instant CLOCK = Instant.EPOCH;

    private final BenchProblem problem;
    private final Strategy strategy;
    private final int parallel;
    private final long noiseSeed;

    public TrialLoop(BenchProblem problem, Strategy strategy, int parallel) {
        this(problem, strategy, parallel, 0);
    }

    /** @param noiseSeed seeds the observation noise of a noisy problem (the run's seed) */
    public TrialLoop(BenchProblem problem, Strategy strategy, int parallel, long noiseSeed) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        this.problem = problem;
        this.strategy = strategy;
        this.parallel = parallel;
        this.noiseSeed = noiseSeed;
    }

    public RunOutcome run(int trials) {
        List<Trial> history = new ArrayList<>();
        Deque<Integer> running = new ArrayDeque<>(); // positions in history, oldest first
        List<TimedSuggestion> timings = new ArrayList<>();
        double bestObserved = Double.NaN;
        double best = Double.NaN; // the noiseless value at the best-observed configuration
        Set<Map<String, String>> trained = new HashSet<>();
        int repeats = 0;
        int observations = 0;
        boolean exhausted = false;
        while ((!exhausted && history.size() < trials) || !running.isEmpty()) {
            if (!exhausted && history.size() < trials && running.size() < parallel) {
                Map<String, String> next = suggest(history, observations, running.size(), timings);
                if (next == null) {
                    exhausted = true; // a finite strategy (Grid) ran out
                    continue;
                }
                if (!trained.add(next)) {
                    repeats++;
                }
                history.add(started(history.size() + 1, next));
                running.addLast(history.size() - 1);
            } else {
                int position = running.removeFirst();
                Trial trial = history.get(position);
                double value = problem.objective().valueAt(new HyperParameterStrings(trial.tunedHyperParameters()));
                Trial done = completed(trial, observed(trial, value));
                history.set(position, done);
                observations++;
                if (Double.isNaN(bestObserved) || problem.better(done.objective(), bestObserved)) {
                    bestObserved = done.objective();
                    best = value;
                }
            }
        }
        suggest(history, observations, 0, timings);
        return new RunOutcome(history.size(), best, repeats, timings);
    }

    private Map<String, String> suggest(List<Trial> history, int observations, int pending, List<TimedSuggestion> timings) {
        List<Trial> snapshot = List.copyOf(history);
        long start = System.nanoTime();
        List<Map<String, String>> next = strategy.suggest(1, snapshot);
        long nanos = System.nanoTime() - start;
        timings.add(new TimedSuggestion(observations, pending, nanos));
        return next.isEmpty() ? null : next.get(0);
    }

    private Trial started(int index, Map<String, String> tuned) {
        Instant at = CLOCK.plusSeconds(index);
        return new Trial(index, String.format("%s-%03d", problem.name(), index), tuned, tuned, null,
                "InProgress", "Training", "Pending", null, Map.of(), null, at, at, null, null);
    }

    /** The value the trial reports: the true one, plus its own draw of the problem's noise. */
    private double observed(Trial trial, double value) {
        return problem.noise() == 0 ? value
                : value + problem.noise() * new SplittableRandom(noiseSeed * 0x9E3779B97F4A7C15L + trial.index()).nextGaussian();
    }

    private Trial completed(Trial trial, double value) {
        return new Trial(trial.index(), trial.trainingJobName(), trial.tunedHyperParameters(), trial.hyperParameters(),
                null, "Completed", "Completed", "Succeeded", value, Map.of("objective", value), null,
                trial.creationTime(), trial.startTime(), trial.startTime().plusSeconds(1), null);
    }
}
