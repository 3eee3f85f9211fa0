package io.tuneflow.core.report;

import io.tuneflow.core.orchestration.TuningResults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CategoricalParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ContinuousParameterRange;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.FinalHyperParameterTuningJobObjectiveMetric;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjective;
import software.amazon.awssdk.services.sagemaker.model.IntegerParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsForHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsForHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.ModelArtifacts;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatusCounters;

/**
 * A finished tuning job made up in the test, answered through the three SageMaker calls {@link TuningResults} makes —
 * so reports of shapes the engine cannot produce quickly (750 trials, chosen failures) go through the real reading code.
 */
final class SyntheticTuningJob {

    private final String name;
    private String strategy = "Random";
    private String status = "Completed";
    private String objectiveType = "Minimize";
    private String metricName = "validation:loss";
    private final ParameterRanges.Builder ranges = ParameterRanges.builder();
    private final List<ContinuousParameterRange> continuous = new ArrayList<>();
    private final List<IntegerParameterRange> integers = new ArrayList<>();
    private final List<CategoricalParameterRange> categoricals = new ArrayList<>();
    private final List<HyperParameterTrainingJobSummary> summaries = new ArrayList<>();
    private final Map<String, DescribeTrainingJobResponse> descriptions = new LinkedHashMap<>();
    private final Instant created = Instant.parse("2026-03-01T10:00:00Z");
    private software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobWarmStartConfig warmStart;

    SyntheticTuningJob(String name) {
        this.name = name;
    }

    SyntheticTuningJob strategy(String strategy) {
        this.strategy = strategy;
        return this;
    }

    SyntheticTuningJob status(String status) {
        this.status = status;
        return this;
    }

    SyntheticTuningJob objective(String type, String metricName) {
        this.objectiveType = type;
        this.metricName = metricName;
        return this;
    }

    SyntheticTuningJob continuous(String hp, String min, String max, String scaling) {
        continuous.add(ContinuousParameterRange.builder().name(hp).minValue(min).maxValue(max).scalingType(scaling).build());
        return this;
    }

    SyntheticTuningJob integer(String hp, String min, String max) {
        integers.add(IntegerParameterRange.builder().name(hp).minValue(min).maxValue(max).scalingType("Linear").build());
        return this;
    }

    SyntheticTuningJob categorical(String hp, String... values) {
        categoricals.add(CategoricalParameterRange.builder().name(hp).values(values).build());
        return this;
    }

    SyntheticTuningJob warmStart(String type, String... parents) {
        warmStart = software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobWarmStartConfig.builder()
                .warmStartType(type)
                .parentHyperParameterTuningJobs(java.util.Arrays.stream(parents)
                        .map(p -> software.amazon.awssdk.services.sagemaker.model.ParentHyperParameterTuningJob.builder()
                                .hyperParameterTuningJobName(p).build()).toList())
                .build();
        return this;
    }

    /**
     * A training job that started {@code offsetSeconds} after the tuning job and ran {@code seconds}.
     *
     * @param objective null for a job whose objective was not found
     */
    SyntheticTuningJob trial(String trialStatus, Map<String, String> tuned, Double objective, int offsetSeconds, int seconds,
                             String failureReason, String secondaryStatus) {
        String trialName = String.format("%s-%03d-%08x", name, summaries.size() + 1, Objects.hash(name, summaries.size()));
        Instant start = created.plusSeconds(offsetSeconds);
        Instant end = start.plusSeconds(seconds);
        HyperParameterTrainingJobSummary.Builder summary = HyperParameterTrainingJobSummary.builder().trainingJobName(trialName)
                .trainingJobStatus(trialStatus).objectiveStatus(objective == null ? "Failed" : "Succeeded").tunedHyperParameters(tuned)
                .creationTime(start).trainingStartTime(start).trainingEndTime(end).failureReason(failureReason);
        List<MetricData> finals = new ArrayList<>();
        if (objective != null) {
            summary.finalHyperParameterTuningJobObjectiveMetric(FinalHyperParameterTuningJobObjectiveMetric.builder()
                    .metricName(metricName).type(objectiveType).value(objective.floatValue()).build());
            finals.add(MetricData.builder().metricName(metricName).value(objective.floatValue()).timestamp(end).build());
        }
        summaries.add(summary.build());
        descriptions.put(trialName, DescribeTrainingJobResponse.builder().trainingJobName(trialName).trainingJobStatus(trialStatus)
                .secondaryStatus(secondaryStatus).hyperParameters(tuned).finalMetricDataList(finals)
                .modelArtifacts(ModelArtifacts.builder().s3ModelArtifacts("s3://bucket/out/" + trialName + "/output/model.tar.gz").build())
                .billableTimeInSeconds(Math.max(1, seconds)).failureReason(failureReason).build());
        return this;
    }

    List<String> trainingJobNames() {
        return summaries.stream().map(HyperParameterTrainingJobSummary::trainingJobName).toList();
    }

    TuningResults results() {
        return TuningResults.read(client(), name, name);
    }

    SageMakerClient client() {
        boolean maximize = objectiveType.equals("Maximize");
        Comparator<HyperParameterTrainingJobSummary> byObjective = Comparator.comparingDouble(s -> s.finalHyperParameterTuningJobObjectiveMetric().value());
        HyperParameterTrainingJobSummary best = summaries.stream().filter(s -> s.finalHyperParameterTuningJobObjectiveMetric() != null)
                .max(maximize ? byObjective : byObjective.reversed()).orElse(null);
        Map<String, Long> byStatus = new LinkedHashMap<>();
        summaries.forEach(s -> byStatus.merge(s.trainingJobStatusAsString(), 1L, Long::sum));
        Instant end = summaries.stream().map(HyperParameterTrainingJobSummary::trainingEndTime).max(Instant::compareTo).orElse(created);
        DescribeHyperParameterTuningJobResponse job = DescribeHyperParameterTuningJobResponse.builder()
                .hyperParameterTuningJobName(name)
                .hyperParameterTuningJobArn("arn:aws:sagemaker:us-east-1:111122223333:hyper-parameter-tuning-job/" + name)
                .hyperParameterTuningJobStatus(status).creationTime(created).hyperParameterTuningEndTime(end)
                .hyperParameterTuningJobConfig(c -> c.strategy(strategy)
                        .hyperParameterTuningJobObjective(HyperParameterTuningJobObjective.builder().type(objectiveType).metricName(metricName).build())
                        .resourceLimits(l -> l.maxParallelTrainingJobs(4))
                        .parameterRanges(ranges.continuousParameterRanges(continuous).integerParameterRanges(integers)
                                .categoricalParameterRanges(categoricals).build()))
                .trainingJobStatusCounters(TrainingJobStatusCounters.builder()
                        .completed(byStatus.getOrDefault("Completed", 0L).intValue())
                        .inProgress(byStatus.getOrDefault("InProgress", 0L).intValue())
                        .nonRetryableError(byStatus.getOrDefault("Failed", 0L).intValue()).retryableError(0)
                        .stopped(byStatus.getOrDefault("Stopped", 0L).intValue()).build())
                .bestTrainingJob(best)
                .warmStartConfig(warmStart)
                .build();
        List<HyperParameterTrainingJobSummary> listed = List.copyOf(summaries);
        Map<String, DescribeTrainingJobResponse> described = Map.copyOf(descriptions);
        return new SageMakerClient() {
            @Override
            public DescribeHyperParameterTuningJobResponse describeHyperParameterTuningJob(DescribeHyperParameterTuningJobRequest request) {
                return job;
            }

            @Override
            public ListTrainingJobsForHyperParameterTuningJobResponse listTrainingJobsForHyperParameterTuningJob(
                    ListTrainingJobsForHyperParameterTuningJobRequest request) {
                return ListTrainingJobsForHyperParameterTuningJobResponse.builder().trainingJobSummaries(listed).build();
            }

            @Override
            public DescribeTrainingJobResponse describeTrainingJob(DescribeTrainingJobRequest request) {
                return described.get(request.trainingJobName());
            }

            @Override
            public String serviceName() {
                return "sagemaker";
            }

            @Override
            public void close() {
            }
        };
    }
}
