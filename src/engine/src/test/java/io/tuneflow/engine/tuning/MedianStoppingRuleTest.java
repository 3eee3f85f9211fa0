package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MedianStoppingRuleTest {

    private final MedianStoppingRule minimizing = new MedianStoppingRule(false);

    @Test
    void stopsAJobWorseThanTheMedianOfThePreviousRunningAverages() {
        // running averages at epoch 2: (1.0+0.8)/2 = 0.9, (1.2+1.0)/2 = 1.1, (2.0+1.6)/2 = 1.8 -> median 1.1
        List<List<Double>> previous = List.of(List.of(1.0, 0.8, 0.7), List.of(1.2, 1.0), List.of(2.0, 1.6, 1.5));
        assertThat(minimizing.judge(List.of(1.5, 1.2), previous)).hasValueSatisfying(v -> {
            assertThat(v.epoch()).isEqualTo(2);
            assertThat(v.median()).isEqualTo(1.1, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(v.previousTrials()).isEqualTo(3);
        });
        assertThat(minimizing.judge(List.of(1.5, 1.1), previous)).as("equal to the median is not worse").isEmpty();
        assertThat(minimizing.judge(List.of(1.5, 1.0), previous)).isEmpty();
    }

    @Test
    void onlyJobsThatReachedTheEpochCountAndThreeAreNeeded() {
        // at epoch 3 only two previous jobs have three values: too few to judge
        List<List<Double>> previous = List.of(List.of(1.0, 0.8, 0.7), List.of(1.2, 1.0), List.of(2.0, 1.6, 1.5));
        assertThat(minimizing.judge(List.of(9.0, 9.0, 9.0), previous)).isEmpty();
        assertThat(minimizing.judge(List.of(9.0), List.of(List.of(1.0), List.of(1.0)))).isEmpty();
        assertThat(minimizing.judge(List.of(), previous)).isEmpty();
    }

    @Test
    void maximizingStopsJobsBelowTheMedian() {
        MedianStoppingRule maximizing = new MedianStoppingRule(true);
        List<List<Double>> previous = List.of(List.of(0.5), List.of(0.6), List.of(0.7), List.of(0.8));
        // median of 0.5, 0.6, 0.7, 0.8 is 0.65
        assertThat(maximizing.judge(List.of(0.64), previous)).isPresent();
        assertThat(maximizing.judge(List.of(0.66), previous)).isEmpty();
    }
}
