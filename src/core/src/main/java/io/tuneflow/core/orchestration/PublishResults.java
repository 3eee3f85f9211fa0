package io.tuneflow.core.orchestration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjective;
import software.amazon.awssdk.services.sagemaker.model.MetricData;

/**
 * The Publish step: reads a tuning job and every training job it ran, and writes, under
 * {@code <results>/<pipeline>/<tuning-job>/}, {@code best.json}, {@code trials.json} and {@code trials.csv}, then the
 * pipeline's {@code latest.json}. Shapes: the JSON Schemas next to this class ({@code best.schema.json}, …).
 *
 * <p>Each file is one PutObject, which S3 makes visible whole or not at all; {@code latest.json} is written last, so
 * whoever follows it finds the job's files already there.
 */
public final class PublishResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SageMakerClient sageMaker;
    private final S3Client s3;
    private final Clock clock;

    public PublishResults(SageMakerClient sageMaker, S3Client s3) {
        this(sageMaker, s3, Clock.systemUTC());
    }

    public PublishResults(SageMakerClient sageMaker, S3Client s3, Clock clock) {
        this.sageMaker = sageMaker;
        this.s3 = s3;
        this.clock = clock;
    }

    public PublishedResults publish(String tuningJobName, String pipelineName, ResultsLocation results) {
        DescribeHyperParameterTuningJobResponse job = sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(tuningJobName));
        HyperParameterTuningJobObjective objective = objectiveOf(job);
        List<Trial> trials = new ArrayList<>();
        for (HyperParameterTrainingJobSummary summary : sageMaker.listTrainingJobsForHyperParameterTuningJobPaginator(
                b -> b.hyperParameterTuningJobName(tuningJobName).sortBy("CreationTime").sortOrder("Ascending")).trainingJobSummaries()) {
            DescribeTrainingJobResponse training = sageMaker.describeTrainingJob(b -> b.trainingJobName(summary.trainingJobName()));
            trials.add(new Trial(summary, training));
        }
        HyperParameterTrainingJobSummary best = job.bestTrainingJob();
        Trial bestTrial = best == null ? null : trials.stream().filter(t -> t.summary.trainingJobName().equals(best.trainingJobName()))
                .findFirst().orElse(null);
        String publishedAt = Instant.now(clock).toString();

        String bestKey = results.key(pipelineName, tuningJobName, "best.json");
        String trialsKey = results.key(pipelineName, tuningJobName, "trials.json");
        String csvKey = results.key(pipelineName, tuningJobName, "trials.csv");
        String latestKey = results.key(pipelineName, "latest.json");
        Double bestObjective = best == null || best.finalHyperParameterTuningJobObjectiveMetric() == null ? null
                : MetricValues.decimal(best.finalHyperParameterTuningJobObjectiveMetric().value());

        put(results.bucket(), bestKey, bestJson(job, pipelineName, objective, bestTrial, bestObjective, publishedAt).toPrettyString(), "application/json");
        put(results.bucket(), trialsKey, trialsJson(job, objective, trials).toPrettyString(), "application/json");
        put(results.bucket(), csvKey, trialsCsv(objective, trials), "text/csv");
        ObjectNode latest = JSON.createObjectNode().put("schemaVersion", 1).put("pipelineName", pipelineName)
                .put("tuningJobName", tuningJobName).put("tuningJobArn", job.hyperParameterTuningJobArn())
                .put("status", job.hyperParameterTuningJobStatusAsString())
                .put("bestTrainingJob", best == null ? null : best.trainingJobName())
                .put("objectiveValue", bestObjective)
                .put("results", results.uri(pipelineName, tuningJobName) + "/")
                .put("publishedAt", publishedAt);
        put(results.bucket(), latestKey, latest.toPrettyString(), "application/json");
        return new PublishedResults(tuningJobName, job.hyperParameterTuningJobStatusAsString(), uri(results, bestKey),
                uri(results, trialsKey), uri(results, csvKey), uri(results, latestKey),
                best == null ? null : best.trainingJobName(), bestObjective);
    }

    private static ObjectNode bestJson(DescribeHyperParameterTuningJobResponse job, String pipelineName,
                                       HyperParameterTuningJobObjective objective, Trial best, Double bestObjective, String publishedAt) {
        ObjectNode out = JSON.createObjectNode().put("schemaVersion", 1).put("tuningJobName", job.hyperParameterTuningJobName())
                .put("tuningJobArn", job.hyperParameterTuningJobArn()).put("pipelineName", pipelineName)
                .put("status", job.hyperParameterTuningJobStatusAsString()).put("failureReason", job.failureReason());
        out.putObject("objective").put("metricName", objective.metricName()).put("type", objective.typeAsString()).put("value", bestObjective);
        if (best == null) {
            out.putNull("bestTrainingJob");
        } else {
            ObjectNode b = out.putObject("bestTrainingJob");
            b.put("name", best.summary.trainingJobName());
            b.set("tunedHyperParameters", JSON.valueToTree(best.summary.tunedHyperParameters()));
            b.set("hyperParameters", JSON.valueToTree(best.training.hyperParameters()));
            b.put("modelArtifact", best.training.modelArtifacts() == null ? null : best.training.modelArtifacts().s3ModelArtifacts());
            b.set("metrics", JSON.valueToTree(best.metrics()));
        }
        var counters = job.trainingJobStatusCounters();
        out.putObject("trainingJobs").put("Completed", counters.completed()).put("InProgress", counters.inProgress())
                .put("RetryableError", counters.retryableError()).put("NonRetryableError", counters.nonRetryableError())
                .put("Stopped", counters.stopped());
        out.put("publishedAt", publishedAt);
        return out;
    }

    private static ObjectNode trialsJson(DescribeHyperParameterTuningJobResponse job, HyperParameterTuningJobObjective objective, List<Trial> trials) {
        ObjectNode out = JSON.createObjectNode().put("schemaVersion", 1).put("tuningJobName", job.hyperParameterTuningJobName());
        out.putObject("objective").put("metricName", objective.metricName()).put("type", objective.typeAsString());
        ArrayNode list = out.putArray("trials");
        for (Trial t : trials) {
            ObjectNode n = list.addObject().put("name", t.summary.trainingJobName()).put("status", t.summary.trainingJobStatusAsString())
                    .put("objectiveStatus", t.summary.objectiveStatusAsString());
            n.set("tunedHyperParameters", JSON.valueToTree(t.summary.tunedHyperParameters()));
            n.put("objective", t.objective());
            n.set("metrics", JSON.valueToTree(t.metrics()));
            n.put("startTime", t.summary.trainingStartTime() == null ? null : t.summary.trainingStartTime().toString());
            n.put("endTime", t.summary.trainingEndTime() == null ? null : t.summary.trainingEndTime().toString());
            n.put("billableSeconds", t.training.billableTimeInSeconds());
            n.put("failureReason", t.summary.failureReason());
        }
        return out;
    }

    /** One row per training job; a column per tuned hyperparameter and per metric, in name order. */
    private static String trialsCsv(HyperParameterTuningJobObjective objective, List<Trial> trials) {
        TreeSet<String> hyperparameters = new TreeSet<>();
        TreeSet<String> metrics = new TreeSet<>();
        trials.forEach(t -> {
            hyperparameters.addAll(t.summary.tunedHyperParameters().keySet());
            metrics.addAll(t.metrics().keySet());
        });
        List<String> header = new ArrayList<>(List.of("training_job_name", "status", "objective_status", objective.metricName() + " (objective)"));
        hyperparameters.forEach(h -> header.add("hp:" + h));
        metrics.forEach(m -> header.add("metric:" + m));
        header.addAll(List.of("start_time", "end_time", "billable_seconds", "failure_reason"));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (Trial t : trials) {
                List<Object> row = new ArrayList<>(List.of(t.summary.trainingJobName(), t.summary.trainingJobStatusAsString(),
                        String.valueOf(t.summary.objectiveStatusAsString()), t.objective() == null ? "" : t.objective()));
                hyperparameters.forEach(h -> row.add(t.summary.tunedHyperParameters().getOrDefault(h, "")));
                metrics.forEach(m -> row.add(t.metrics().containsKey(m) ? t.metrics().get(m) : ""));
                row.add(t.summary.trainingStartTime() == null ? "" : t.summary.trainingStartTime().toString());
                row.add(t.summary.trainingEndTime() == null ? "" : t.summary.trainingEndTime().toString());
                row.add(t.training.billableTimeInSeconds() == null ? "" : t.training.billableTimeInSeconds());
                row.add(t.summary.failureReason() == null ? "" : t.summary.failureReason());
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static HyperParameterTuningJobObjective objectiveOf(DescribeHyperParameterTuningJobResponse job) {
        if (job.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective() != null) {
            return job.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective();
        }
        return job.trainingJobDefinitions().get(0).tuningObjective();
    }

    private void put(String bucket, String key, String body, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromString(body));
    }

    private static String uri(ResultsLocation results, String key) {
        return "s3://" + results.bucket() + "/" + key;
    }

    /** A training job: its summary in the tuning job and its own description (final metrics, billable time). */
    private record Trial(HyperParameterTrainingJobSummary summary, DescribeTrainingJobResponse training) {
        Double objective() {
            return summary.finalHyperParameterTuningJobObjectiveMetric() == null ? null
                    : MetricValues.decimal(summary.finalHyperParameterTuningJobObjectiveMetric().value());
        }

        Map<String, Double> metrics() {
            Map<String, Double> out = new java.util.TreeMap<>();
            for (MetricData metric : training.finalMetricDataList()) {
                out.put(metric.metricName(), MetricValues.decimal(metric.value()));
            }
            return out;
        }
    }
}
