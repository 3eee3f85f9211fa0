package io.tuneflow.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Ratios of median regrets, their bootstrap intervals and the verdicts on a target. */
class MedianRatioTest {

    private static BenchResult row(String problem, String optimizer, int parallel, List<Double> regrets) {
        List<Long> seeds = IntStream.rangeClosed(1, regrets.size()).mapToLong(i -> i).boxed().toList();
        return new BenchResult(problem, optimizer, BenchResult.mode(parallel), 50, seeds, regrets, List.of(), Map.of());
    }

    /** 1 … 20 times a scale: median 10.5 × scale. */
    private static List<Double> ramp(double scale) {
        return IntStream.rangeClosed(1, 20).mapToDouble(i -> i * scale).boxed().toList();
    }

    @Test
    void theRatioIsOfTheMediansAndTheIntervalHoldsIt() {
        MedianRatio r = MedianRatio.of(row("p", "a", 1, ramp(0.01)), row("p", "b", 1, ramp(1)), 0.1, 3);
        assertThat(r.ratio()).isCloseTo(0.01, within(1e-12));
        assertThat(r.low()).isLessThanOrEqualTo(0.01);
        assertThat(r.high()).isGreaterThanOrEqualTo(0.01);
        // the ramps do not overlap: every resampled ratio is far below the target
        assertThat(r.high()).isLessThan(0.1);
        assertThat(r.verdict()).isEqualTo(MedianRatio.Verdict.MET);
        assertThat(r.subject()).isEqualTo("a sequential");
        assertThat(r.reference()).isEqualTo("b sequential");
    }

    @Test
    void theSameSpreadOnBothSidesIsUndecidedAgainstEquality() {
        // Two samples from the same distribution: the interval of the ratio straddles 1 widely.
        List<Double> one = List.of(3.1, 0.2, 1.7, 5.5, 0.9, 2.2, 0.4, 8.0, 1.1, 2.9, 0.6, 4.4, 1.4, 0.3, 6.1, 1.9, 0.8, 3.6, 2.5, 1.2);
        List<Double> other = List.of(1.3, 2.4, 0.5, 3.3, 7.2, 0.7, 1.8, 0.2, 4.9, 2.7, 1.0, 0.4, 5.8, 1.6, 2.1, 0.9, 3.9, 1.5, 0.3, 2.3);
        MedianRatio r = MedianRatio.of(row("p", "a", 1, one), row("p", "b", 1, other), 1.0, 3);
        assertThat(r.low()).isLessThan(0.8);
        assertThat(r.high()).isGreaterThan(1.25);
        assertThat(r.verdict()).isEqualTo(MedianRatio.Verdict.UNDECIDED);
    }

    @Test
    void aWholeIntervalAboveTheTargetIsMissed() {
        MedianRatio r = MedianRatio.of(row("p", "a", 3, ramp(5)), row("p", "a", 1, ramp(1)), 1.2, 3);
        assertThat(r.ratio()).isCloseTo(5, within(1e-12));
        assertThat(r.low()).isGreaterThan(1.2);
        assertThat(r.verdict()).isEqualTo(MedianRatio.Verdict.MISSED);
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        BenchResult a = row("p", "a", 1, ramp(0.5));
        BenchResult b = row("p", "b", 1, List.of(3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0));
        assertThat(MedianRatio.of(a, b, 1, 7)).isEqualTo(MedianRatio.of(a, b, 1, 7));
    }

    @Test
    void seedsThatNeverGetThereCountAsInfinitelyWorseWithoutBreakingTheInterval() {
        // Hyperband's epochs to reach random search's best, against random search's 810 every seed; two seeds never got
        // there. The median stays finite (8 of 10 seeds did), the interval's top reaches into the infinite resamples.
        double inf = Double.POSITIVE_INFINITY;
        List<Double> hyperband = List.of(162.0, 245.0, 250.0, 255.0, 260.0, 270.0, 300.0, 340.0, inf, inf);
        List<Double> random = java.util.Collections.nCopies(10, 810.0);
        MedianRatio r = MedianRatio.of("crossing 6-D", "hyperband", hyperband, "random", random, 1.0 / 3, 1);
        assertThat(r.ratio()).isCloseTo(265 / 810.0, within(1e-12));
        assertThat(r.low()).isBetween(245 / 810.0, 265 / 810.0);
        assertThat(r.high()).isGreaterThan(1.0 / 3).isNotNaN();
        assertThat(r.verdict()).isEqualTo(MedianRatio.Verdict.UNDECIDED);
        assertThat(MedianRatio.of("p", "a", List.of(inf, inf, inf), "b", List.of(1.0), 1, 1).verdict())
                .isEqualTo(MedianRatio.Verdict.MISSED);
    }

    @Test
    void zeroMediansCompareAsEqualOrInfinitelyWorse() {
        assertThat(MedianRatio.ratio(0, 0)).isEqualTo(1);
        assertThat(MedianRatio.ratio(1e-9, 0)).isInfinite();
    }

    @Test
    void theTargetsComparisonsPairTheRowsTheIssueNames() {
        List<BenchResult> results = List.of(
                row("branin", "tuneflow bayesian", 1, ramp(1e-6)), row("branin", "tuneflow bayesian", 3, ramp(2e-6)),
                row("branin", "tuneflow random", 1, ramp(1)), row("branin", "tuneflow random", 3, ramp(1)),
                row("branin", "optuna TPE", 1, ramp(0.1)), row("branin", "optuna GP", 1, ramp(1e-5)),
                row("other", "tuneflow random", 1, ramp(1)));
        List<MedianRatio> comparisons = TargetComparisons.of(results);
        assertThat(comparisons).extracting(c -> c.subject() + " / " + c.reference() + " ≤ " + c.target()).containsExactly(
                "tuneflow bayesian parallel 3 / tuneflow bayesian sequential ≤ 1.2",
                "tuneflow bayesian sequential / tuneflow random sequential ≤ 0.1",
                "tuneflow bayesian sequential / optuna TPE sequential ≤ 1.0",
                "tuneflow bayesian sequential / optuna GP sequential ≤ 1.0");
        assertThat(comparisons.get(0).ratio()).isCloseTo(2, within(1e-12));
        assertThat(comparisons.get(0).verdict()).isEqualTo(MedianRatio.Verdict.MISSED);
    }
}
