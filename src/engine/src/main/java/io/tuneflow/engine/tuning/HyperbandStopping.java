package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stopping decisions of asynchronous Hyperband ({@link HyperbandSchedule}): when a training job's objective curve
 * reaches a rung of its bracket, its value there is recorded with those of the bracket's other jobs at that rung, and
 * the job goes on only if the value is within the best 1/η of them (the cut-off interpolated between ranks, so the
 * first job at a rung always goes on). Not thread-safe: the tuning job's executor calls it from its one thread.
 */
public final class HyperbandStopping {

    private final HyperbandSchedule schedule;
    private final boolean maximize;
    /** Values recorded per bracket and rung: key {@code bracket + "/" + rung}. */
    private final Map<String, List<Double>> recorded = new HashMap<>();

    public HyperbandStopping(HyperbandSchedule schedule, boolean maximize) {
        this.schedule = schedule;
        this.maximize = maximize;
    }

    public HyperbandSchedule schedule() {
        return schedule;
    }

    /** Why a job is stopped: its bracket, the rung, its value and the cut-off it missed. */
    public record Verdict(int bracket, int rung, double value, double cutoff, int jobsAtRung) {
        public String describe() {
            return "stopped by Hyperband at epoch " + rung + " (bracket " + bracket + "): objective " + value
                    + " is not within the best 1/" + HyperbandSchedule.ETA + " of " + jobsAtRung + " jobs at that epoch (cut-off " + cutoff + ")";
        }
    }

    /**
     * Called each time the job logs an objective value.
     *
     * @param trainingJobIndex the job's 1-based index in the tuning job
     * @param curve            its objective values so far
     */
    public Optional<Verdict> judge(int trainingJobIndex, List<Double> curve) {
        int bracket = schedule.bracketOf(trainingJobIndex);
        int epoch = curve.size();
        if (!schedule.rungs(bracket).contains(epoch)) {
            return Optional.empty();
        }
        double value = curve.get(epoch - 1);
        List<Double> values = recorded.computeIfAbsent(bracket + "/" + epoch, k -> new ArrayList<>());
        values.add(value);
        double cutoff = cutoff(values);
        boolean worse = maximize ? value < cutoff : value > cutoff;
        return worse ? Optional.of(new Verdict(bracket, epoch, value, cutoff, values.size())) : Optional.empty();
    }

    /** Records what a job reached before the engine restarted, without judging it again. */
    public void replay(int trainingJobIndex, List<Double> curve) {
        int bracket = schedule.bracketOf(trainingJobIndex);
        for (int rung : schedule.rungs(bracket)) {
            if (curve.size() >= rung) {
                recorded.computeIfAbsent(bracket + "/" + rung, k -> new ArrayList<>()).add(curve.get(rung - 1));
            }
        }
    }

    /** The value at rank (n − 1)/η from the best end, interpolated linearly between neighbouring ranks. */
    private double cutoff(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (maximize) {
            for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
                double t = sorted[i];
                sorted[i] = sorted[j];
                sorted[j] = t;
            }
        }
        double position = (sorted.length - 1) / (double) HyperbandSchedule.ETA;
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
