package io.tuneflow.engine.api;

import io.tuneflow.engine.LocalSageMaker;
import io.tuneflow.engine.tuning.CompletionCriteria;
import io.tuneflow.engine.tuning.Trial;
import io.tuneflow.engine.tuning.TuningJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.AlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.FinalHyperParameterTuningJobObjectiveMetric;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobConsumedResources;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjectiveType;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobSummary;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobWarmStartType;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobCompletionDetails;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.ModelArtifacts;
import software.amazon.awssdk.services.sagemaker.model.ObjectiveStatusCounters;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatusCounters;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/** The engine's state in the shapes of SageMaker's responses, built with the SDK's model classes. */
final class Responses {

    private Responses() {
    }

    /** @param parents the job's warm-start parents, for OverallBestTrainingJob */
    static DescribeHyperParameterTuningJobResponse describe(TuningJob job, List<TuningJob> parents) {
        List<Trial> trials = job.trials();
        CreateHyperParameterTuningJobRequest request = job.request();
        DescribeHyperParameterTuningJobResponse.Builder response = DescribeHyperParameterTuningJobResponse.builder()
                .hyperParameterTuningJobName(job.name())
                .hyperParameterTuningJobArn(job.arn())
                .hyperParameterTuningJobConfig(request.hyperParameterTuningJobConfig())
                .trainingJobDefinition(request.trainingJobDefinition())
                .warmStartConfig(request.warmStartConfig())
                .autotune(request.autotune())
                .hyperParameterTuningJobStatus(job.status())
                .creationTime(job.creationTime())
                .lastModifiedTime(job.lastModifiedTime())
                .trainingJobStatusCounters(statusCounters(trials))
                .objectiveStatusCounters(objectiveCounters(trials));
        if (request.hasTrainingJobDefinitions()) {
            response.trainingJobDefinitions(request.trainingJobDefinitions());
        }
        job.endTime().ifPresent(response::hyperParameterTuningEndTime);
        job.failureReason().ifPresent(response::failureReason);
        job.best().ifPresent(best -> response.bestTrainingJob(summary(job, best)));
        CompletionCriteria.Assessment completion = CompletionCriteria.of(job).assess(trials);
        response.tuningJobCompletionDetails(HyperParameterTuningJobCompletionDetails.builder()
                .numberOfTrainingJobsObjectiveNotImproving(completion.trainingJobsNotImproving())
                .convergenceDetectedTime(completion.convergenceDetectedTime()).build());
        java.time.Instant end = job.endTime().orElse(java.time.Instant.now());
        response.consumedResources(HyperParameterTuningJobConsumedResources.builder()
                .runtimeInSeconds((int) java.time.Duration.between(job.creationTime(), end).toSeconds()).build());
        if (request.warmStartConfig() != null
                && request.warmStartConfig().warmStartType() == HyperParameterTuningJobWarmStartType.IDENTICAL_DATA_AND_ALGORITHM) {
            overallBest(job, parents).ifPresent(response::overallBestTrainingJob);
        }
        return response.build();
    }

    /** The best training job of the job and its parents: what IdenticalDataAndAlgorithm warm starts report. */
    private static java.util.Optional<HyperParameterTrainingJobSummary> overallBest(TuningJob job, List<TuningJob> parents) {
        boolean maximize = job.objective().type() == HyperParameterTuningJobObjectiveType.MAXIMIZE;
        TuningJob bestJob = null;
        Trial best = null;
        for (TuningJob candidate : java.util.stream.Stream.concat(java.util.stream.Stream.of(job), parents.stream()).toList()) {
            Trial trial = candidate.best().orElse(null);
            if (trial != null && (best == null || (maximize ? trial.objective() > best.objective() : trial.objective() < best.objective()))) {
                best = trial;
                bestJob = candidate;
            }
        }
        return best == null ? java.util.Optional.empty() : java.util.Optional.of(summary(bestJob, best));
    }

    static HyperParameterTuningJobSummary tuningJobSummary(TuningJob job) {
        List<Trial> trials = job.trials();
        HyperParameterTuningJobSummary.Builder summary = HyperParameterTuningJobSummary.builder()
                .hyperParameterTuningJobName(job.name())
                .hyperParameterTuningJobArn(job.arn())
                .hyperParameterTuningJobStatus(job.status())
                .strategy(job.request().hyperParameterTuningJobConfig().strategy())
                .creationTime(job.creationTime())
                .lastModifiedTime(job.lastModifiedTime())
                .trainingJobStatusCounters(statusCounters(trials))
                .objectiveStatusCounters(objectiveCounters(trials))
                .resourceLimits(job.request().hyperParameterTuningJobConfig().resourceLimits());
        job.endTime().ifPresent(summary::hyperParameterTuningEndTime);
        return summary.build();
    }

    static HyperParameterTrainingJobSummary summary(TuningJob job, Trial trial) {
        HyperParameterTrainingJobSummary.Builder summary = HyperParameterTrainingJobSummary.builder()
                .trainingJobName(trial.trainingJobName())
                .trainingJobArn(trainingJobArn(trial))
                .tuningJobName(job.name())
                .trainingJobDefinitionName(trial.definitionName())
                .creationTime(trial.creationTime())
                .trainingStartTime(trial.startTime())
                .trainingJobStatus(trial.status())
                .tunedHyperParameters(trial.tunedHyperParameters())
                .objectiveStatus(trial.objectiveStatus());
        if (trial.endTime() != null) {
            summary.trainingEndTime(trial.endTime());
        }
        if (trial.failureReason() != null) {
            summary.failureReason(trial.failureReason());
        }
        if (trial.objective() != null) {
            summary.finalHyperParameterTuningJobObjectiveMetric(FinalHyperParameterTuningJobObjectiveMetric.builder()
                    .type(job.objective().type()).metricName(job.objective().metricName())
                    .value(trial.objective().floatValue()).build());
        }
        return summary.build();
    }

    static TrainingJobSummary trainingJobSummary(Trial trial) {
        TrainingJobSummary.Builder summary = TrainingJobSummary.builder()
                .trainingJobName(trial.trainingJobName())
                .trainingJobArn(trainingJobArn(trial))
                .creationTime(trial.creationTime())
                .lastModifiedTime(lastModified(trial))
                .trainingJobStatus(trial.status())
                .secondaryStatus(trial.secondaryStatus());
        if (trial.endTime() != null) {
            summary.trainingEndTime(trial.endTime());
        }
        return summary.build();
    }

    static DescribeTrainingJobResponse describeTrainingJob(TuningJob job, Trial trial) {
        HyperParameterTrainingJobDefinition definition = job.request().trainingJobDefinition() != null
                ? job.request().trainingJobDefinition()
                : job.request().trainingJobDefinitions().stream()
                        .filter(d -> d.definitionName().equals(trial.definitionName())).findFirst()
                        .orElse(job.request().trainingJobDefinitions().get(0));
        DescribeTrainingJobResponse.Builder response = DescribeTrainingJobResponse.builder()
                .trainingJobName(trial.trainingJobName())
                .trainingJobArn(trainingJobArn(trial))
                .tuningJobArn(job.arn())
                .modelArtifacts(ModelArtifacts.builder().s3ModelArtifacts(trial.modelArtifact() == null ? "" : trial.modelArtifact()).build())
                .trainingJobStatus(trial.status())
                .secondaryStatus(trial.secondaryStatus())
                .hyperParameters(trial.hyperParameters())
                .algorithmSpecification(AlgorithmSpecification.builder()
                        .trainingImage(definition.algorithmSpecification().trainingImage())
                        .algorithmName(definition.algorithmSpecification().algorithmName())
                        .trainingInputMode(definition.algorithmSpecification().trainingInputMode())
                        .metricDefinitions(definition.algorithmSpecification().metricDefinitions())
                        .build())
                .roleArn(definition.roleArn())
                .inputDataConfig(definition.inputDataConfig())
                .outputDataConfig(definition.outputDataConfig())
                .resourceConfig(definition.resourceConfig() != null ? definition.resourceConfig() : ResourceConfig.builder().build())
                .stoppingCondition(definition.stoppingCondition())
                .environment(definition.environment())
                .creationTime(trial.creationTime())
                .trainingStartTime(trial.startTime())
                .lastModifiedTime(lastModified(trial))
                .finalMetricDataList(trial.finalMetrics().entrySet().stream()
                        .map(e -> MetricData.builder().metricName(e.getKey()).value(e.getValue().floatValue())
                                .timestamp(trial.endTime()).build()).toList())
                .secondaryStatusTransitions(transitions(trial));
        if (trial.endTime() != null) {
            response.trainingEndTime(trial.endTime())
                    .trainingTimeInSeconds((int) trial.billableSeconds())
                    .billableTimeInSeconds((int) trial.billableSeconds());
        }
        if (trial.failureReason() != null) {
            response.failureReason(trial.failureReason());
        }
        return response.build();
    }

    /**
     * SageMaker's sequence: Starting, Downloading (input data and, here, the script-mode code), Training, then how it
     * ended. Locally there is no instance to prepare, so Starting ends as it begins, at creation; Downloading lasts
     * until the trainer's process starts. Each transition ends when the next begins; the current one has no end. A
     * trial whose trainer never started (stopped or failed before it) has no start time and no Training phase.
     */
    private static List<SecondaryStatusTransition> transitions(Trial trial) {
        List<SecondaryStatusTransition> transitions = new ArrayList<>();
        Instant created = trial.creationTime();
        Instant trainingStart = trial.startTime();
        Instant end = trial.endTime();
        boolean trained = trainingStart != null;
        transitions.add(transition("Starting", created, created, "Launching the training job on this machine"));
        transitions.add(transition("Downloading", created, trained ? trainingStart : end, "Downloading input data"));
        if (trained) {
            transitions.add(transition("Training", trainingStart, end, "Training image download completed. Training in progress."));
        }
        if (end != null) {
            transitions.add(transition(trial.secondaryStatus(), end, end, message(trial)));
        }
        return transitions;
    }

    private static Instant lastModified(Trial trial) {
        return trial.endTime() != null ? trial.endTime() : trial.startTime() != null ? trial.startTime() : trial.creationTime();
    }

    private static SecondaryStatusTransition transition(String status, Instant start, Instant end, String message) {
        return SecondaryStatusTransition.builder().status(status).startTime(start).endTime(end).statusMessage(message).build();
    }

    private static String message(Trial trial) {
        return switch (trial.secondaryStatus()) {
            case "Completed" -> "Training job completed";
            case "MaxRuntimeExceeded" -> "Training job ran longer than MaxRuntimeInSeconds and was stopped";
            case "Stopped" -> "Training job stopped";
            default -> trial.failureReason() == null ? "Training job failed" : trial.failureReason();
        };
    }

    static String trainingJobArn(Trial trial) {
        return "arn:aws:sagemaker:" + LocalSageMaker.REGION + ":" + LocalSageMaker.ACCOUNT + ":training-job/"
                + trial.trainingJobName().toLowerCase(Locale.ROOT);
    }

    private static TrainingJobStatusCounters statusCounters(List<Trial> trials) {
        Map<String, Long> byStatus = trials.stream().collect(java.util.stream.Collectors.groupingBy(Trial::status,
                java.util.stream.Collectors.counting()));
        return TrainingJobStatusCounters.builder()
                .completed(byStatus.getOrDefault("Completed", 0L).intValue())
                .inProgress((int) (byStatus.getOrDefault("InProgress", 0L) + byStatus.getOrDefault("Stopping", 0L)))
                .retryableError((int) trials.stream().filter(t -> t.status().equals("Failed") && retryable(t)).count())
                .nonRetryableError((int) trials.stream().filter(t -> t.status().equals("Failed") && !retryable(t)).count())
                .stopped(byStatus.getOrDefault("Stopped", 0L).intValue())
                .build();
    }

    /** SageMaker can retry only training jobs that failed for an internal error, not for the algorithm's. */
    private static boolean retryable(Trial trial) {
        return trial.failureReason() != null && trial.failureReason().startsWith("InternalServerError");
    }

    private static ObjectiveStatusCounters objectiveCounters(List<Trial> trials) {
        Map<String, Long> byStatus = trials.stream().collect(java.util.stream.Collectors.groupingBy(Trial::objectiveStatus,
                java.util.stream.Collectors.counting()));
        return ObjectiveStatusCounters.builder()
                .succeeded(byStatus.getOrDefault("Succeeded", 0L).intValue())
                .pending(byStatus.getOrDefault("Pending", 0L).intValue())
                .failed(byStatus.getOrDefault("Failed", 0L).intValue())
                .build();
    }
}
