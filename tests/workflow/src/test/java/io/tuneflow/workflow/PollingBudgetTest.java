package io.tuneflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The poll schedule keeps a job cheap to follow and every execution far from the history limit. */
class PollingBudgetTest {

    @Test
    void afterTheFirstHourAJobCostsAtMost60TransitionsAnHour() {
        TransitionBudget.Projection day = TransitionBudget.project(Duration.ofHours(24), 1000);
        assertThat(day.checksPerLaterHour()).isEqualTo(12);
        assertThat(day.transitionsPerLaterHour()).isLessThanOrEqualTo(60);
    }

    @Test
    void aThirtyDayJobStaysFarBelowTheHistoryLimitInEveryExecution() {
        TransitionBudget.Projection month = TransitionBudget.project(Duration.ofDays(30), 1000);
        assertThat(month.maxHistoryEventsPerExecution()).isLessThan(TransitionBudget.HISTORY_LIMIT / 2);
        assertThat(month.executions()).isEqualTo((month.checks() + 999) / 1000);
        // Without continuing as new, one execution would hold them all:
        assertThat(month.checks() * TransitionBudget.HISTORY_EVENTS_PER_CHECK).isGreaterThan(TransitionBudget.HISTORY_LIMIT);
    }

    @Test
    void theStateMachinesDefaultIsTheOneProjected() {
        var follow = StateMachineDefinition.substitutedJson().get("States").get("FollowTuningJob").get("Parameters");
        assertThat(follow.get("pollsPerExecution").asInt()).isEqualTo(1000);
    }
}
