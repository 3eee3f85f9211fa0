package io.tuneflow.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tuneflow.engine.tuning.HyperbandSchedule;
import io.tuneflow.engine.tuning.HyperbandStopping;
import io.tuneflow.engine.tuning.Strategy;
import io.tuneflow.engine.tuning.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpochLoopTest {

    private static final LearningCurves TYPICAL = new LearningCurves("typical");

    /** Proposes the listed learning rates in turn (m = 0.6), and records every history it is given. */
    private static final class ScriptedStrategy implements Strategy {
        final List<List<Trial>> histories = new ArrayList<>();
        private final List<String> learningRates;

        ScriptedStrategy(String... learningRates) {
            this.learningRates = List.of(learningRates);
        }

        @Override
        public List<Map<String, String>> suggest(int count, List<Trial> history) {
            histories.add(history);
            return history.size() < learningRates.size() ? List.of(Map.of("lr", learningRates.get(history.size()), "m", "0.6"))
                    : List.of();
        }
    }

    @Test
    void withoutStoppingEveryJobTrainsFullyAndAnUnreachableTargetRunsTheBudget() {
        ScriptedStrategy strategy = new ScriptedStrategy("0.1", "0.01", "0.001", "0.0001", "0.3", "0.03", "0.003");
        EpochLoop.Outcome outcome = new EpochLoop(TYPICAL, 4, 3).run(strategy, EpochLoop.Stopping.never(), 7, 0);
        assertThat(outcome).isEqualTo(new EpochLoop.Outcome(false, 7 * 4, 7));
        // three start together; after 4 steps all three end and three more start; the seventh after 8 steps
        assertThat(strategy.histories).extracting(List::size).containsExactly(0, 1, 2, 3, 4, 5, 6);
        List<Trial> atFourth = strategy.histories.get(3);
        assertThat(atFourth).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo("Completed");
            assertThat(t.objectiveCurve()).hasSize(4);
            assertThat(t.objective()).isEqualTo(t.objectiveCurve().get(3));
        });
    }

    @Test
    void endsAtTheStepATrialReportsTheTargetCountingTheOthersEpochs() {
        // lr 0.003 is near the optimum: 0.127085 after 27 epochs; the other two are far worse
        ScriptedStrategy strategy = new ScriptedStrategy("0.1", "0.003", "0.0001", "0.3");
        EpochLoop.Outcome outcome = new EpochLoop(TYPICAL, 27, 3).run(strategy, EpochLoop.Stopping.never(), 10, 0.13);
        assertThat(outcome).isEqualTo(new EpochLoop.Outcome(true, 3 * 27, 3));
    }

    @Test
    void runningTrialsAreHandedOverWithTheirCurvesSoFarAndStoppedOnesWithTheirLastValue() {
        // Hyperband with R = 9 deals jobs 1..5 to brackets 2, 1, 2, 0, 2 (rungs [1, 3], [3], [1, 3], none, [1, 3]);
        // the first job at a rung always goes on.
        HyperbandSchedule schedule = new HyperbandSchedule(1, 9);
        assertThat(List.of(1, 2, 3, 4, 5)).extracting(schedule::bracketOf).containsExactly(2, 1, 2, 0, 2);
        HyperbandStopping stopping = new HyperbandStopping(schedule, false);
        ScriptedStrategy strategy = new ScriptedStrategy("0.003", "0.0001", "0.0002", "0.5", "0.4");
        EpochLoop.Outcome outcome = new EpochLoop(TYPICAL, 9, 2)
                .run(strategy, (index, curve) -> stopping.judge(index, curve).isPresent(), 5, Double.NEGATIVE_INFINITY);
        // jobs 1 and 2 are first at their rungs and train 9 epochs; job 3 (lr 0.0002) is worse than job 1 at epoch 1
        // and stops there, as does job 5 (lr 0.4); job 4's bracket never stops
        assertThat(outcome).isEqualTo(new EpochLoop.Outcome(false, 9 + 9 + 1 + 9 + 1, 5));

        // The slot job 3 freed: job 4 started with it and has trained as long, one epoch
        List<Trial> fifth = strategy.histories.get(4);
        assertThat(fifth).extracting(Trial::status).containsExactly("Completed", "Completed", "Stopped", "InProgress");
        Trial stopped = fifth.get(2);
        assertThat(stopped.objectiveCurve()).hasSize(1);
        assertThat(stopped.objective()).isEqualTo(stopped.objectiveCurve().get(0));
        Trial running = fifth.get(3);
        assertThat(running.objective()).isNull();
        assertThat(running.objectiveCurve()).containsExactly(TYPICAL.loss(Map.of("lr", "0.5", "m", "0.6"), 1));
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new EpochLoop(TYPICAL, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EpochLoop(TYPICAL, 9, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
