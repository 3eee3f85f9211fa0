package io.tuneflow.cli.bench;

import io.tuneflow.engine.tuning.Strategy;
import io.tuneflow.engine.tuning.Trial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Drives a strategy and an early-stopping rule on {@link LearningCurves} as the engine's executor does, without
 * trainer processes and in lock step: at each step every running trial trains one epoch; then each, in index order,
 * is judged on its curve so far; trials that were stopped or reached MaxResource end, and the job ends when one of
 * them reports a value at or below the target (TargetObjectiveMetricValue, compared as 32-bit floats like the API's;
 * a stopped trial reports its last value, as the engine's do). Freed slots are filled by asking the strategy for one configuration each, with running trials'
 * curves so far in the history, as the executor hands them.
 *
 * <p>Deterministic where the process-based benchmark is not: there, which trainer logs first decides rung cut-offs
 * and what the model has seen, and the same seed can end 0.2 of random search's training apart between runs. Here
 * every trial advances together, so a change to a strategy can be measured on hundreds of seeds in seconds. It models
 * the executor; the process-based run remains the measure of the engine itself.
 */
public final class EpochLoop {

    /** Decides, each time a trial logs an epoch, whether it stops there. */
    @FunctionalInterface
    public interface Stopping {
        boolean stops(int trainingJobIndex, List<Double> curve);

        static Stopping never() {
            return (index, curve) -> false;
        }
    }

    /**
     * @param reached whether a trial reported the target
     * @param epochs  every epoch trained until then, by every trial (stopped and still running ones included)
     * @param jobs    training jobs started
     */
    public record Outcome(boolean reached, int epochs, int jobs) {
    }

    /** Trials get fixed timestamps: strategies must not depend on the clock, and runs stay reproducible. */
    private static final Instant CLOCK = Instant.EPOCH;

    private final LearningCurves curves;
    private final int maxResource;
    private final int parallel;

    /**
     * @param maxResource the epochs of a full training job
     * @param parallel    MaxParallelTrainingJobs
     */
    public EpochLoop(LearningCurves curves, int maxResource, int parallel) {
        if (maxResource < 1 || parallel < 1) {
            throw new IllegalArgumentException("maxResource and parallel must be at least 1, got " + maxResource + " and " + parallel);
        }
        this.curves = Objects.requireNonNull(curves);
        this.maxResource = maxResource;
        this.parallel = parallel;
    }

    private static final class Running {
        final int index;
        final Map<String, String> hyperParameters;
        final List<Double> curve = new ArrayList<>();

        Running(int index, Map<String, String> hyperParameters) {
            this.index = index;
            this.hyperParameters = hyperParameters;
        }
    }

    /** Runs until a trial reports {@code target} or below (the objective is minimised), or {@code maxJobs} have ended. */
    public Outcome run(Strategy strategy, Stopping stopping, int maxJobs, double target) {
        List<Trial> trials = new ArrayList<>(); // by index - 1, as the executor's history
        List<Running> running = new ArrayList<>(); // in index order
        int epochs = 0;
        boolean exhausted = false;
        while (true) {
            while (!exhausted && running.size() < parallel && trials.size() < maxJobs) {
                List<Map<String, String>> next = strategy.suggest(1, List.copyOf(trials));
                if (next.isEmpty()) {
                    exhausted = true;
                    break;
                }
                Running trial = new Running(trials.size() + 1, next.get(0));
                running.add(trial);
                trials.add(runningTrial(trial));
            }
            if (running.isEmpty()) {
                return new Outcome(false, epochs, trials.size());
            }
            for (Running trial : running) {
                trial.curve.add(curves.loss(trial.hyperParameters, trial.curve.size() + 1));
                epochs++;
            }
            boolean reached = false;
            for (Running trial : List.copyOf(running)) {
                boolean stopped = stopping.stops(trial.index, List.copyOf(trial.curve));
                if (stopped || trial.curve.size() >= maxResource) {
                    running.remove(trial);
                    trials.set(trial.index - 1, endedTrial(trial, stopped));
                    reached |= (float) (double) trial.curve.get(trial.curve.size() - 1) <= (float) target; // as the engine compares
                } else {
                    trials.set(trial.index - 1, runningTrial(trial));
                }
            }
            if (reached) {
                return new Outcome(true, epochs, trials.size());
            }
        }
    }

    private static Trial runningTrial(Running trial) {
        return new Trial(trial.index, name(trial), trial.hyperParameters, trial.hyperParameters, null, "InProgress",
                "Training", "Pending", null, Map.of(), null, CLOCK, CLOCK, null, null, List.copyOf(trial.curve));
    }

    private static Trial endedTrial(Running trial, boolean stopped) {
        String status = stopped ? "Stopped" : "Completed";
        double last = trial.curve.get(trial.curve.size() - 1);
        return new Trial(trial.index, name(trial), trial.hyperParameters, trial.hyperParameters, null, status, status,
                "Succeeded", last, Map.of(), null, CLOCK, CLOCK, CLOCK, null, List.copyOf(trial.curve));
    }

    private static String name(Running trial) {
        return String.format("simulated-%03d", trial.index);
    }
}
