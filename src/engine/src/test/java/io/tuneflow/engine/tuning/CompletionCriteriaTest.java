package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.BestObjectiveNotImproving;
import software.amazon.awssdk.services.sagemaker.model.CompleteOnConvergence;
import software.amazon.awssdk.services.sagemaker.model.ConvergenceDetected;
import software.amazon.awssdk.services.sagemaker.model.TuningJobCompletionCriteria;

class CompletionCriteriaTest {

    private static List<Trial> ended(double... objectives) {
        List<Trial> trials = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < objectives.length; i++) {
            Instant end = start.plusSeconds(10L * (i + 1));
            trials.add(new Trial(i + 1, "job-" + (i + 1), Map.of(), Map.of(), null, "Completed", "Completed", "Succeeded",
                    objectives[i], Map.of(), null, start, start, end, null));
        }
        return trials;
    }

    private static TuningJobCompletionCriteria notImproving(int jobs) {
        return TuningJobCompletionCriteria.builder()
                .bestObjectiveNotImproving(BestObjectiveNotImproving.builder().maxNumberOfTrainingJobsNotImproving(jobs).build()).build();
    }

    @Test
    void anImprovementCountsOnlyWhenItIsOnePercentOrMore() {
        CompletionCriteria criteria = new CompletionCriteria(notImproving(3), false, 2);
        // 1.0 -> 0.995 (0.5%: not an improvement) -> 0.98 (1.5% on 0.995: an improvement) -> two more below 1%
        CompletionCriteria.Assessment a = criteria.assess(ended(1.0, 0.995, 0.98, 0.979, 0.975));
        assertThat(a.trainingJobsNotImproving()).isEqualTo(2);
        assertThat(a.reachedCriterion()).isEmpty();
        assertThat(criteria.assess(ended(1.0, 0.995, 0.98, 0.979, 0.975, 0.971)).reachedCriterion()).hasValue("BestObjectiveNotImproving");
    }

    @Test
    void maximizingImprovesUpwards() {
        CompletionCriteria criteria = new CompletionCriteria(notImproving(2), true, 2);
        assertThat(criteria.assess(ended(0.5, 0.6, 0.7)).trainingJobsNotImproving()).isZero();
        assertThat(criteria.assess(ended(0.5, 0.9, 0.6, 0.905)).reachedCriterion()).hasValue("BestObjectiveNotImproving");
    }

    @Test
    void failedJobsAreNotCounted() {
        CompletionCriteria criteria = new CompletionCriteria(notImproving(2), false, 2);
        List<Trial> trials = new ArrayList<>(ended(1.0, 2.0));
        Instant t = Instant.parse("2026-01-01T00:05:00Z");
        trials.add(new Trial(3, "job-3", Map.of(), Map.of(), null, "Failed", "Failed", "Failed", null, Map.of(), "AlgorithmError", t, t, t, null));
        assertThat(criteria.assess(trials).trainingJobsNotImproving()).isEqualTo(1);
    }

    @Test
    void theTargetCompletesTheJob() {
        CompletionCriteria criteria = new CompletionCriteria(TuningJobCompletionCriteria.builder().targetObjectiveMetricValue(0.5f).build(), false, 1);
        assertThat(criteria.assess(ended(0.9, 0.7)).reachedCriterion()).isEmpty();
        assertThat(criteria.assess(ended(0.9, 0.5)).reachedCriterion()).hasValue("TargetObjectiveMetricValue");
    }

    @Test
    void anObjectiveEqualToTheTargetReachesItAtTheApisFloatPrecision() {
        // The API's target is a 32-bit float: 0.14058 becomes 0.14057999849…, below the logged 0.14058 as a double
        assertThat((double) 0.14058f).isLessThan(0.14058);
        CompletionCriteria minimize = new CompletionCriteria(TuningJobCompletionCriteria.builder().targetObjectiveMetricValue(0.14058f).build(), false, 1);
        assertThat(minimize.assess(ended(0.9, 0.14058)).reachedCriterion()).hasValue("TargetObjectiveMetricValue");
        assertThat(minimize.assess(ended(0.9, 0.140581)).reachedCriterion()).isEmpty();
        // 0.157201 rounds up as a float: maximising, an equal objective must reach it too
        assertThat((double) 0.157201f).isGreaterThan(0.157201);
        CompletionCriteria maximize = new CompletionCriteria(TuningJobCompletionCriteria.builder().targetObjectiveMetricValue(0.157201f).build(), true, 1);
        assertThat(maximize.assess(ended(0.1, 0.157201)).reachedCriterion()).hasValue("TargetObjectiveMetricValue");
        assertThat(maximize.assess(ended(0.1, 0.1572)).reachedCriterion()).isEmpty();
    }

    @Test
    void convergenceIsAPlateauOverTheWindowAtTheScaleOfTheSpread() {
        TuningJobCompletionCriteria converge = TuningJobCompletionCriteria.builder()
                .convergenceDetected(ConvergenceDetected.builder().completeOnConvergence(CompleteOnConvergence.ENABLED).build()).build();
        CompletionCriteria criteria = new CompletionCriteria(converge, false, 2); // window max(10, 6) = 10
        double[] improving = new double[20];
        for (int i = 0; i < 20; i++) {
            improving[i] = 10.0 - i; // improves every time
        }
        assertThat(criteria.assess(ended(improving)).reachedCriterion()).isEmpty();
        double[] plateau = new double[20];
        for (int i = 0; i < 20; i++) {
            plateau[i] = i < 10 ? 10.0 - i : 5.0 + i; // best 1.0 found at job 10, then nothing better for 10 jobs
        }
        CompletionCriteria.Assessment a = criteria.assess(ended(plateau));
        assertThat(a.reachedCriterion()).hasValue("ConvergenceDetected");
        assertThat(a.convergenceDetectedTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(200));
        assertThat(criteria.assess(ended(java.util.Arrays.copyOf(plateau, 19))).reachedCriterion()).as("too few jobs yet").isEmpty();
        // disabled: never
        assertThat(new CompletionCriteria(null, false, 2).assess(ended(plateau)).reachedCriterion()).isEmpty();
    }
}
