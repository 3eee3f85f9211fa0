package io.tuneflow.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tuneflow.engine.tuning.Strategy;
import io.tuneflow.engine.tuning.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialLoopTest {

    private static final BenchProblem BRANIN = ProblemFile.read(ProblemFileTest.PROBLEMS.resolve("branin.json"));

    /** Proposes x1 = n, x2 = 0 for the n-th call, and records every history it is given. */
    private static final class RecordingStrategy implements Strategy {
        final List<List<Trial>> histories = new ArrayList<>();
        final List<Integer> counts = new ArrayList<>();
        private final int limit;

        RecordingStrategy(int limit) {
            this.limit = limit;
        }

        @Override
        public List<Map<String, String>> suggest(int count, List<Trial> history) {
            histories.add(history);
            counts.add(count);
            if (history.size() >= limit) {
                return List.of();
            }
            return List.of(Map.of("x1", Integer.toString(history.size() % 10), "x2", "0"));
        }
    }

    @Test
    void parallelThreeKeepsExactlyThreeTrialsRunningAndCompletesTheOldestFirst() {
        RecordingStrategy strategy = new RecordingStrategy(Integer.MAX_VALUE);
        RunOutcome outcome = new TrialLoop(BRANIN, strategy, 3).run(10);

        // 10 suggestions to launch the trials, then the one that measures the overhead at 10 observations.
        assertThat(strategy.histories).hasSize(11);
        for (int call = 0; call < 10; call++) {
            List<Trial> history = strategy.histories.get(call);
            List<Trial> running = history.stream().filter(t -> t.status().equals("InProgress")).toList();
            // A slot frees up (3 running become 2) before each new suggestion, once 3 are running.
            assertThat(running).as("running trials at suggestion %d", call + 1).hasSize(Math.min(call, 2));
            assertThat(running).allSatisfy(t -> {
                assertThat(t.objective()).isNull();
                assertThat(t.objectiveStatus()).isEqualTo("Pending");
            });
            // The running ones are the newest: trials complete in the order they started.
            assertThat(history.subList(history.size() - running.size(), history.size())).isEqualTo(running);
            assertThat(history.subList(0, history.size() - running.size())).allSatisfy(t -> {
                assertThat(t.status()).isEqualTo("Completed");
                assertThat(t.objectiveStatus()).isEqualTo("Succeeded");
                assertThat(t.objective()).isNotNull();
            });
            assertThat(history).hasSize(call);
        }
        List<Trial> last = strategy.histories.get(10);
        assertThat(last).hasSize(10).allSatisfy(t -> assertThat(t.status()).isEqualTo("Completed"));
        assertThat(outcome.suggestions()).extracting(TimedSuggestion::pending).containsExactly(0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 0);
        assertThat(outcome.suggestions()).extracting(TimedSuggestion::observations).containsExactly(0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 10);
        assertThat(strategy.counts).containsOnly(1);
    }

    @Test
    void sequentialCompletesEachTrialBeforeTheNextSuggestion() {
        RecordingStrategy strategy = new RecordingStrategy(Integer.MAX_VALUE);
        RunOutcome outcome = new TrialLoop(BRANIN, strategy, 1).run(5);
        assertThat(strategy.histories).hasSize(6);
        for (int call = 0; call < 6; call++) {
            assertThat(strategy.histories.get(call)).hasSize(call).allSatisfy(t -> assertThat(t.running()).isFalse());
        }
        assertThat(outcome.suggestions()).extracting(TimedSuggestion::observations).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(outcome.overheadMillisAt(5)).isPresent();
        assertThat(outcome.overheadMillisAt(6)).isEmpty();
    }

    @Test
    void theObjectiveIsEvaluatedOnTheHyperparameterStringsAndTheBestIsKept() {
        RecordingStrategy strategy = new RecordingStrategy(Integer.MAX_VALUE);
        RunOutcome outcome = new TrialLoop(BRANIN, strategy, 3).run(8);
        List<Trial> done = strategy.histories.get(8);
        for (Trial t : done) {
            assertThat(t.objective()).isEqualTo(BRANIN.objective().valueAt(new HyperParameterStrings(t.tunedHyperParameters())));
        }
        // x1 = 0..7, x2 = 0: Branin is lowest at x1 = 3 of those
        double best = done.stream().mapToDouble(Trial::objective).min().orElseThrow();
        assertThat(outcome.best()).isEqualTo(best);
        assertThat(outcome.best()).isEqualTo(BRANIN.objective().valueAt(new HyperParameterStrings(Map.of("x1", "3", "x2", "0"))));
    }

    @Test
    void countsTrialsThatRepeatAnEarlierTrialsConfiguration() {
        // x1 cycles through 0..9: trials 11 and 12 train the configurations of trials 1 and 2 again
        assertThat(new TrialLoop(BRANIN, new RecordingStrategy(Integer.MAX_VALUE), 3).run(10).repeats()).isZero();
        assertThat(new TrialLoop(BRANIN, new RecordingStrategy(Integer.MAX_VALUE), 3).run(12).repeats()).isEqualTo(2);
    }

    @Test
    void aStrategyThatRunsOutEndsTheRunEarly() {
        RunOutcome outcome = new TrialLoop(BRANIN, new RecordingStrategy(4), 3).run(10);
        assertThat(outcome.trials()).isEqualTo(4);
        assertThat(Double.isNaN(outcome.best())).isFalse();
    }

    @Test
    void theRegisteredRandomStrategyRunsEndToEndAndIsReproducible() {
        StrategyRegistry registry = StrategyRegistry.standard();
        BenchProblem mixed = ProblemFile.read(ProblemFileTest.PROBLEMS.resolve("training-loss.json"));
        OptimizerBenchmark benchmark = new OptimizerBenchmark(registry, line -> { });
        BenchResult first = benchmark.series(mixed, "random", 3, 12, 1, 4, List.of(12));
        BenchResult again = benchmark.series(mixed, "random", 3, 12, 1, 4, List.of(12));
        assertThat(first.regrets()).hasSize(4).isEqualTo(again.regrets()).allSatisfy(r -> assertThat(r).isNotNegative());
        assertThat(first.seeds()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(first.overheadMillisAt().get(12)).hasSize(4);
        assertThat(first.optimizer()).isEqualTo("tuneflow random");
        assertThat(first.mode()).isEqualTo("parallel 3");
        assertThat(first.regret().median()).isBetween(0.0, 1.0);
    }

    @Test
    void trialsNameTheirProblem() {
        RecordingStrategy strategy = new RecordingStrategy(Integer.MAX_VALUE);
        new TrialLoop(BRANIN, strategy, 1).run(2);
        assertThat(strategy.histories.get(2)).extracting(Trial::trainingJobName).containsExactly("branin-001", "branin-002");
    }

    @Test
    void onANoisyProblemTrialsObserveNoiseAndTheOutcomeIsTheTrueValueOfTheBestObservedTrial() {
        BenchProblem noisy = new BenchProblem("noisy-branin", BRANIN.file(), BRANIN.space(), BRANIN.objective(), false,
                BRANIN.knownOptimum(), BRANIN.optimumAt(), 5.0);
        RecordingStrategy strategy = new RecordingStrategy(Integer.MAX_VALUE);
        RunOutcome outcome = new TrialLoop(noisy, strategy, 1, 7).run(10);

        List<Trial> history = strategy.histories.get(10);
        Trial bestObserved = history.stream().min(java.util.Comparator.comparingDouble(Trial::objective)).orElseThrow();
        assertThat(history).allSatisfy(t -> assertThat(t.objective()).isNotEqualTo(trueValue(t)));
        assertThat(outcome.best()).isEqualTo(trueValue(bestObserved));

        // The noise belongs to the trial, not to the order of completion: parallel runs observe the same values.
        RecordingStrategy parallel = new RecordingStrategy(Integer.MAX_VALUE);
        new TrialLoop(noisy, parallel, 3, 7).run(10);
        assertThat(parallel.histories.get(10)).extracting(Trial::objective)
                .containsExactlyElementsOf(history.stream().map(Trial::objective).toList());
        // Another seed, other noise.
        RecordingStrategy reseeded = new RecordingStrategy(Integer.MAX_VALUE);
        new TrialLoop(noisy, reseeded, 1, 8).run(10);
        assertThat(reseeded.histories.get(10).get(0).objective()).isNotEqualTo(history.get(0).objective());
    }

    private static double trueValue(Trial trial) {
        return BRANIN.objective().valueAt(new HyperParameterStrings(trial.tunedHyperParameters()));
    }
}
