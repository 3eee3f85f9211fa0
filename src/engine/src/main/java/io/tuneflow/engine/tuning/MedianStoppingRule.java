package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * SageMaker's early stopping (TrainingJobEarlyStoppingType Auto), the median stopping rule: after each epoch of a
 * training job, take the running average of the objective up to that epoch for every previous training job, and stop
 * the job when its objective at that epoch is worse than the median of those averages.
 *
 * <p>An epoch is one value of the objective metric in the job's log — what SageMaker requires of algorithms that
 * support early stopping. SageMaker does not say how many previous jobs it needs before it judges; like Vizier's and
 * Katib's median rule, this one waits for {@value #MIN_PREVIOUS_TRIALS} previous jobs that reached the epoch, so the
 * first jobs of a tuning job always run to their end and the median means something.
 */
public final class MedianStoppingRule {

    static final int MIN_PREVIOUS_TRIALS = 3;

    private final boolean maximize;

    public MedianStoppingRule(boolean maximize) {
        this.maximize = maximize;
    }

    /** Why a job is stopped: the epoch, its value and the median it was worse than. */
    public record Verdict(int epoch, double value, double median, int previousTrials) {
        public String describe() {
            return "stopped early at epoch " + epoch + ": objective " + value + " is worse than the median " + median
                    + " of the running averages of " + previousTrials + " previous training jobs";
        }
    }

    /**
     * @param current  the job's objective values so far (its epoch is their count)
     * @param previous the objective curves of the training jobs started before it, finished or not
     * @return a verdict when the job should stop now
     */
    public Optional<Verdict> judge(List<Double> current, Collection<List<Double>> previous) {
        int epoch = current.size();
        if (epoch == 0) {
            return Optional.empty();
        }
        List<Double> averages = new ArrayList<>();
        for (List<Double> curve : previous) {
            if (curve.size() >= epoch) {
                double sum = 0;
                for (int k = 0; k < epoch; k++) {
                    sum += curve.get(k);
                }
                averages.add(sum / epoch);
            }
        }
        if (averages.size() < MIN_PREVIOUS_TRIALS) {
            return Optional.empty();
        }
        double median = median(averages);
        double value = current.get(epoch - 1);
        boolean worse = maximize ? value < median : value > median;
        return worse ? Optional.of(new Verdict(epoch, value, median, averages.size())) : Optional.empty();
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
