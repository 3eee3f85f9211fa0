package io.tuneflow.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How one optimizer's median regret compares with another's, and how sure that is: the ratio of the two medians with
 * a percentile-bootstrap interval (each side's seeds resampled with replacement, independently — different optimizers
 * follow different trajectories even on the same seed). With 20 seeds a median moves a lot from one set of seeds to
 * the next: on the noisy problem, changing only the random draws inside the Bayesian strategy moved its median over
 * 60 seeds between 8.3e-4 and 1.3e-3 (docs/bayesian.md). A target is therefore judged on the interval: met when the
 * whole interval is at or below it, missed when the whole interval is above it, undecided otherwise.
 *
 * @param subject   e.g. {@code tuneflow bayesian sequential}
 * @param reference e.g. {@code optuna GP sequential}
 * @param target    the ratio the subject's median must not exceed
 */
public record MedianRatio(String problem, String subject, String reference, double ratio, double low, double high,
                          double target) {

    /** Two-sided level of the interval. */
    static final double LEVEL = 0.90;
    static final int RESAMPLES = 10_000;

    /** The verdict on {@link #target}. */
    public enum Verdict { MET, MISSED, UNDECIDED }

    /**
     * @param seed the bootstrap's seed: the same samples and seed give the same interval
     */
    public static MedianRatio of(BenchResult subject, BenchResult reference, double target, long seed) {
        if (!subject.problem().equals(reference.problem())) {
            throw new IllegalArgumentException("compares " + subject.problem() + " with " + reference.problem());
        }
        return of(subject.problem(), name(subject), subject.regrets(), name(reference), reference.regrets(), target, seed);
    }

    /**
     * The same for any per-seed figures where lower is better, e.g. the epochs Hyperband needs against random search's
     * (positive infinity for a seed that never got there).
     */
    public static MedianRatio of(String problem, String subject, List<Double> subjectValues, String reference,
                                 List<Double> referenceValues, double target, long seed) {
        if (subjectValues.isEmpty() || referenceValues.isEmpty()) {
            throw new IllegalArgumentException("No values to compare");
        }
        double[] mine = subjectValues.stream().mapToDouble(Double::doubleValue).toArray();
        double[] theirs = referenceValues.stream().mapToDouble(Double::doubleValue).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            ratios[r] = ratio(medianOfResample(mine, random), medianOfResample(theirs, random));
        }
        Arrays.sort(ratios);
        double tail = (1 - LEVEL) / 2;
        return new MedianRatio(problem, subject, reference, ratio(medianSorting(mine.clone()), medianSorting(theirs.clone())),
                Summary.quantile(ratios, tail), Summary.quantile(ratios, 1 - tail), target);
    }

    @JsonProperty("verdict")
    public Verdict verdict() {
        if (high <= target) {
            return Verdict.MET;
        }
        return low > target ? Verdict.MISSED : Verdict.UNDECIDED;
    }

    /** Both medians 0: equal; only the reference's 0: infinitely worse. */
    static double ratio(double subject, double reference) {
        if (reference == 0) {
            return subject == 0 ? 1 : Double.POSITIVE_INFINITY;
        }
        return subject / reference;
    }

    private static String name(BenchResult result) {
        return result.optimizer() + " " + result.mode();
    }

    private static double medianOfResample(double[] values, SplittableRandom random) {
        double[] resample = new double[values.length];
        for (int i = 0; i < resample.length; i++) {
            resample[i] = values[random.nextInt(values.length)];
        }
        return medianSorting(resample);
    }

    /** The median of {@code values}, which it sorts in place. */
    private static double medianSorting(double[] values) {
        Arrays.sort(values);
        return Summary.quantile(values, 0.5);
    }
}
