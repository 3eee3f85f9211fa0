package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HyperbandScheduleTest {

    @Test
    void bracketsAreThoseOfTheHyperbandPaper() {
        // Li et al. 2018, Table 1: R = 81, eta = 3 -> five brackets with n = 81, 34, 15, 8, 5 and r = 1, 3, 9, 27, 81
        HyperbandSchedule schedule = new HyperbandSchedule(1, 81);
        assertThat(schedule.brackets()).isEqualTo(5);
        assertThat(schedule.shares()).containsExactly(5, 8, 15, 34, 81);
        assertThat(schedule.rungs(4)).containsExactly(1, 3, 9, 27);
        assertThat(schedule.rungs(3)).containsExactly(3, 9, 27);
        assertThat(schedule.rungs(1)).containsExactly(27);
        assertThat(schedule.rungs(0)).isEmpty();
    }

    @Test
    void jobsAreDealtToBracketsInProportionToTheirShares() {
        HyperbandSchedule schedule = new HyperbandSchedule(1, 81);
        int cycle = 5 + 8 + 15 + 34 + 81;
        long[] counts = new long[5];
        IntStream.rangeClosed(1, cycle).forEach(i -> counts[schedule.bracketOf(i)]++);
        assertThat(counts).containsExactly(5, 8, 15, 34, 81);
        // the first jobs already spread over the brackets, most aggressive first
        assertThat(IntStream.rangeClosed(1, 10).map(schedule::bracketOf).boxed().toList()).contains(4, 3, 2);
        assertThat(schedule.bracketOf(1)).isEqualTo(4);
        assertThat(schedule.bracketOf(1 + cycle)).isEqualTo(schedule.bracketOf(1));
    }

    @Test
    void minResourceSetsTheFirstRung() {
        HyperbandSchedule schedule = new HyperbandSchedule(3, 30);
        // s_max = floor(log3(30 / 3)) = 2
        assertThat(schedule.brackets()).isEqualTo(3);
        assertThat(schedule.rungs(2)).containsExactly(3, 10);
        assertThat(new HyperbandSchedule(5, 5).brackets()).isEqualTo(1);
        assertThatThrownBy(() -> new HyperbandSchedule(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheBestThirdAtARungGoesOn() {
        HyperbandSchedule schedule = new HyperbandSchedule(1, 9);
        HyperbandStopping stopping = new HyperbandStopping(schedule, false);
        List<Integer> aggressive = IntStream.rangeClosed(1, 40).filter(i -> schedule.bracketOf(i) == 2).boxed().toList();
        // first job at rung 1: nothing to compare with, it goes on
        assertThat(stopping.judge(aggressive.get(0), List.of(0.5))).isEmpty();
        // not a rung of bracket 2 (rungs 1 and 3): never judged
        assertThat(stopping.judge(aggressive.get(0), List.of(0.5, 9.0))).isEmpty();
        // a worse second job: cut-off at rank 1/3 between 0.5 and 0.8 is 0.6 -> stopped
        assertThat(stopping.judge(aggressive.get(1), List.of(0.8))).hasValueSatisfying(v -> {
            assertThat(v.rung()).isEqualTo(1);
            assertThat(v.cutoff()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
        });
        // a better third job goes on
        assertThat(stopping.judge(aggressive.get(2), List.of(0.4))).isEmpty();
        // a job of bracket 0 is never stopped
        int safe = IntStream.rangeClosed(1, 40).filter(i -> schedule.bracketOf(i) == 0).findFirst().orElseThrow();
        assertThat(stopping.judge(safe, List.of(99.0, 99.0, 99.0, 99.0, 99.0, 99.0, 99.0, 99.0, 99.0))).isEmpty();
    }

    @Test
    void maximizingKeepsTheHighestValues() {
        HyperbandSchedule schedule = new HyperbandSchedule(1, 9);
        HyperbandStopping stopping = new HyperbandStopping(schedule, true);
        List<Integer> aggressive = IntStream.rangeClosed(1, 40).filter(i -> schedule.bracketOf(i) == 2).boxed().toList();
        assertThat(stopping.judge(aggressive.get(0), List.of(0.9))).isEmpty();
        assertThat(stopping.judge(aggressive.get(1), List.of(0.7))).isPresent();
        assertThat(stopping.judge(aggressive.get(2), List.of(0.95))).isEmpty();
    }
}
