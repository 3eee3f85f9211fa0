package io.tuneflow.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quantiles as numpy.percentile computes them by default (linear between order statistics). */
class SummaryTest {

    @Test
    void oddCount() {
        Summary s = Summary.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0));
        assertThat(s).isEqualTo(new Summary(3.0, 2.0, 4.0));
        assertThat(s.iqr()).isEqualTo(2.0);
    }

    @Test
    void evenCountInterpolates() {
        // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) == [1.75, 2.5, 3.25]
        Summary s = Summary.of(List.of(4.0, 3.0, 2.0, 1.0));
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.lowerQuartile()).isEqualTo(1.75);
        assertThat(s.upperQuartile()).isEqualTo(3.25);
        assertThat(s.iqr()).isEqualTo(1.5);
    }

    @Test
    void twentySeedsLikeTheBenchmark() {
        // numpy.percentile(range(1, 21), [25, 50, 75]) == [5.75, 10.5, 15.25]
        List<Double> values = java.util.stream.IntStream.rangeClosed(1, 20).mapToDouble(i -> i).boxed().toList();
        assertThat(Summary.of(values)).isEqualTo(new Summary(10.5, 5.75, 15.25));
    }

    @Test
    void oneValueIsItsOwnSpread() {
        assertThat(Summary.of(List.of(0.25))).isEqualTo(new Summary(0.25, 0.25, 0.25));
    }

    @Test
    void noValuesIsAnError() {
        assertThatThrownBy(() -> Summary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void regretIsTheDistanceToTheOptimumWhicheverTheDirection() {
        BenchProblem minimize = problem(false, -3.32237);
        assertThat(minimize.regret(-3.0)).isCloseTo(0.32237, within(1e-12));
        assertThat(minimize.regret(-3.3223680)).isCloseTo(2e-6, within(1e-9)); // a rounded optimum can be beaten
        BenchProblem maximize = problem(true, 1.0);
        assertThat(maximize.regret(0.75)).isEqualTo(0.25);
        assertThat(maximize.better(0.8, 0.75)).isTrue();
        assertThat(minimize.better(0.8, 0.75)).isFalse();
    }

    private static BenchProblem problem(boolean maximize, double optimum) {
        return new BenchProblem("p", Path.of("p.json"), new io.tuneflow.engine.tuning.SearchSpace(List.of()),
                ObjectiveFunctions.named("branin").orElseThrow(), maximize, optimum, Map.of(), 0);
    }
}
