package io.tuneflow.core.orchestration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjective;
import software.amazon.awssdk.services.sagemaker.model.MetricData;

/**
 * A tuning job's results as read through the SageMaker API — the job, and every training job it ran with its own
 * description — in the shapes of {@code best.json}, {@code trials.json} and {@code trials.csv}. Publishing writes them;
 * the CLI's {@code results} command prints them.
 */
public final class TuningResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DescribeHyperParameterTuningJobResponse job;
    private final String pipelineName;
    private final HyperParameterTuningJobObjective objective;
    private final List<Trial> trials;

    private TuningResults(DescribeHyperParameterTuningJobResponse job, String pipelineName, List<Trial> trials) {
        this.job = job;
        this.pipelineName = pipelineName;
        this.objective = objectiveOf(job);
        this.trials = List.copyOf(trials);
    }

    /** One Describe, one paged List, and one DescribeTrainingJob per training job (for final metrics and billing). */
    public static TuningResults read(SageMakerClient sageMaker, String tuningJobName, String pipelineName) {
        DescribeHyperParameterTuningJobResponse job = sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(tuningJobName));
        List<Trial> trials = new ArrayList<>();
        for (HyperParameterTrainingJobSummary summary : sageMaker.listTrainingJobsForHyperParameterTuningJobPaginator(
                b -> b.hyperParameterTuningJobName(tuningJobName).sortBy("CreationTime").sortOrder("Ascending")).trainingJobSummaries()) {
            DescribeTrainingJobResponse training = sageMaker.describeTrainingJob(b -> b.trainingJobName(summary.trainingJobName()));
            trials.add(new Trial(summary, training));
        }
        return new TuningResults(job, pipelineName, trials);
    }

    public String tuningJobName() {
        return job.hyperParameterTuningJobName();
    }

    public String status() {
        return job.hyperParameterTuningJobStatusAsString();
    }

    public String tuningJobArn() {
        return job.hyperParameterTuningJobArn();
    }

    public String bestTrainingJobName() {
        return job.bestTrainingJob() == null ? null : job.bestTrainingJob().trainingJobName();
    }

    public Double bestObjective() {
        HyperParameterTrainingJobSummary best = job.bestTrainingJob();
        return best == null || best.finalHyperParameterTuningJobObjectiveMetric() == null ? null
                : MetricValues.decimal(best.finalHyperParameterTuningJobObjectiveMetric().value());
    }

    /** The content of best.json, stamped {@code publishedAt}. */
    public ObjectNode best(String publishedAt) {
        Trial best = trials.stream().filter(t -> t.summary.trainingJobName().equals(bestTrainingJobName())).findFirst().orElse(null);
        return bestJson(job, pipelineName, objective, best, bestObjective(), publishedAt);
    }

    /** The content of trials.json. */
    public ObjectNode trials() {
        return trialsJson(job, objective, trials);
    }

    /** The content of trials.csv. */
    public String trialsCsv() {
        return trialsCsv(objective, trials);
    }

    private static ObjectNode bestJson(DescribeHyperParameterTuningJobResponse job, String pipelineName,
                                       HyperParameterTuningJobObjective objective, Trial best, Double bestObjective, String publishedAt) {
        ObjectNode out = JSON.createObjectNode().put("schemaVersion", 1).put("tuningJobName", job.hyperParameterTuningJobName())
                .put("tuningJobArn", job.hyperParameterTuningJobArn()).put("pipelineName", pipelineName)
                .put("status", job.hyperParameterTuningJobStatusAsString()).put("failureReason", job.failureReason())
                .put("strategy", job.hyperParameterTuningJobConfig().strategyAsString())
                .put("creationTime", job.creationTime() == null ? null : job.creationTime().toString())
                .put("endTime", job.hyperParameterTuningEndTime() == null ? null : job.hyperParameterTuningEndTime().toString());
        out.set("warmStart", warmStartJson(job));
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
        ObjectNode completion = out.putObject("completion").put("reason", CompletionReason.of(job));
        var details = job.tuningJobCompletionDetails();
        completion.put("trainingJobsNotImproving", details == null ? null : details.numberOfTrainingJobsObjectiveNotImproving());
        completion.put("convergenceDetectedTime", details == null || details.convergenceDetectedTime() == null ? null
                : details.convergenceDetectedTime().toString());
        if (job.overallBestTrainingJob() != null) {
            var overall = job.overallBestTrainingJob();
            out.putObject("overallBestTrainingJob").put("name", overall.trainingJobName()).put("tuningJobName", overall.tuningJobName())
                    .put("objective", overall.finalHyperParameterTuningJobObjectiveMetric() == null ? null
                            : (double) overall.finalHyperParameterTuningJobObjectiveMetric().value());
        }
        out.put("publishedAt", publishedAt);
        return out;
    }

    private static ObjectNode trialsJson(DescribeHyperParameterTuningJobResponse job, HyperParameterTuningJobObjective objective, List<Trial> trials) {
        ObjectNode out = JSON.createObjectNode().put("schemaVersion", 1).put("tuningJobName", job.hyperParameterTuningJobName());
        out.putObject("objective").put("metricName", objective.metricName()).put("type", objective.typeAsString());
        out.set("parameterRanges", SearchSpaceJson.of(job));
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
            n.put("secondaryStatus", t.training.secondaryStatusAsString());
        }
        return out;
    }

    /** The warm-start type and parent tuning jobs, or null for a job that did not warm start. */
    private static ObjectNode warmStartJson(DescribeHyperParameterTuningJobResponse job) {
        if (job.warmStartConfig() == null) {
            return null;
        }
        ObjectNode warmStart = JSON.createObjectNode().put("type", job.warmStartConfig().warmStartTypeAsString());
        ArrayNode parents = warmStart.putArray("parents");
        job.warmStartConfig().parentHyperParameterTuningJobs().forEach(p -> parents.add(p.hyperParameterTuningJobName()));
        return warmStart;
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
