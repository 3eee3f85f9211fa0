package io.tuneflow.core.orchestration;

import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjectiveType;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStrategyType;
import software.amazon.awssdk.services.sagemaker.model.TuningJobCompletionCriteria;

/**
 * Why a tuning job ended, read from DescribeHyperParameterTuningJob alone (SageMaker has no field for it, so the same
 * reading works on AWS and locally): a completion criterion (ConvergenceDetected, BestObjectiveNotImproving,
 * TargetObjectiveMetricValue), the tuning job's MaxRuntimeInSeconds, the training-job budget (MaxNumberOfTrainingJobs,
 * or every combination for Grid), or Stopped / Failed.
 */
public final class CompletionReason {

    private CompletionReason() {
    }

    /** The reason, or null while the job runs. */
    public static String of(DescribeHyperParameterTuningJobResponse job) {
        String status = job.hyperParameterTuningJobStatusAsString();
        if ("Failed".equals(status) || "Stopped".equals(status)) {
            return status;
        }
        if (!"Completed".equals(status)) {
            return null;
        }
        var details = job.tuningJobCompletionDetails();
        TuningJobCompletionCriteria criteria = job.hyperParameterTuningJobConfig().tuningJobCompletionCriteria();
        if (details != null && details.convergenceDetectedTime() != null) {
            return "ConvergenceDetected";
        }
        if (criteria != null && criteria.bestObjectiveNotImproving() != null && details != null
                && details.numberOfTrainingJobsObjectiveNotImproving() != null
                && criteria.bestObjectiveNotImproving().maxNumberOfTrainingJobsNotImproving() != null
                && details.numberOfTrainingJobsObjectiveNotImproving() >= criteria.bestObjectiveNotImproving().maxNumberOfTrainingJobsNotImproving()) {
            return "BestObjectiveNotImproving";
        }
        if (criteria != null && criteria.targetObjectiveMetricValue() != null && job.bestTrainingJob() != null
                && job.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric() != null) {
            var best = job.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric();
            boolean maximize = best.type() == HyperParameterTuningJobObjectiveType.MAXIMIZE;
            if (maximize ? best.value() >= criteria.targetObjectiveMetricValue() : best.value() <= criteria.targetObjectiveMetricValue()) {
                return "TargetObjectiveMetricValue";
            }
        }
        var limits = job.hyperParameterTuningJobConfig().resourceLimits();
        if (limits != null && limits.maxRuntimeInSeconds() != null && job.consumedResources() != null
                && job.consumedResources().runtimeInSeconds() != null
                && job.consumedResources().runtimeInSeconds() >= limits.maxRuntimeInSeconds()) {
            return "MaxRuntimeInSeconds";
        }
        if (job.hyperParameterTuningJobConfig().strategy() == HyperParameterTuningJobStrategyType.GRID) {
            return "AllCombinationsTried";
        }
        return "MaxNumberOfTrainingJobs";
    }
}
