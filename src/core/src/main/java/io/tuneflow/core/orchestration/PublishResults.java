package io.tuneflow.core.orchestration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.report.MetricCurveSource;
import io.tuneflow.core.report.TuningReport;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The Publish step: reads a tuning job's {@link TuningResults} and writes, under
 * {@code <results>/<pipeline>/<tuning-job>/}, {@code best.json}, {@code trials.json}, {@code trials.csv} and
 * {@code report.html} (a {@link TuningReport} of the same data), then the pipeline's {@code latest.json}. Shapes: the
 * JSON Schemas in {@code io/tuneflow/core/results/}.
 *
 * <p>Each file is one PutObject, which S3 makes visible whole or not at all; {@code latest.json} is written last, so
 * whoever follows it finds the job's files already there.
 */
public final class PublishResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SageMakerClient sageMaker;
    private final S3Client s3;
    private final Clock clock;
    private final MetricCurveSource curves;

    public PublishResults(SageMakerClient sageMaker, S3Client s3) {
        this(sageMaker, s3, Clock.systemUTC());
    }

    public PublishResults(SageMakerClient sageMaker, S3Client s3, Clock clock) {
        this(sageMaker, s3, clock, NO_CURVES);
    }

    /** @param curves where the report finds each training job's metric series */
    public PublishResults(SageMakerClient sageMaker, S3Client s3, Clock clock, MetricCurveSource curves) {
        this.sageMaker = sageMaker;
        this.s3 = s3;
        this.clock = clock;
        this.curves = curves;
    }

    /** The same step, with the report's metric series from {@code curves}. */
    public PublishResults withCurves(MetricCurveSource curves) {
        return new PublishResults(sageMaker, s3, clock, curves);
    }

    private static final MetricCurveSource NO_CURVES = MetricCurveSource.none(
            "SageMaker's API keeps only final metric values, and no series source was configured");

    public PublishedResults publish(String tuningJobName, String pipelineName, ResultsLocation results) {
        TuningResults read = TuningResults.read(sageMaker, tuningJobName, pipelineName);
        String publishedAt = Instant.now(clock).toString();
        String bestKey = results.key(pipelineName, tuningJobName, "best.json");
        String trialsKey = results.key(pipelineName, tuningJobName, "trials.json");
        String csvKey = results.key(pipelineName, tuningJobName, "trials.csv");
        String reportKey = results.key(pipelineName, tuningJobName, "report.html");
        String latestKey = results.key(pipelineName, "latest.json");

        ObjectNode best = read.best(publishedAt);
        ObjectNode trials = read.trials();
        put(results.bucket(), bestKey, best.toPrettyString(), "application/json");
        put(results.bucket(), trialsKey, trials.toPrettyString(), "application/json");
        put(results.bucket(), csvKey, read.trialsCsv(), "text/csv");
        String objectiveMetric = trials.path("objective").path("metricName").asText();
        TuningReport report = TuningReport.of(best, trials, curves.curves(objectiveMetric, TuningReport.trainingJobs(trials)));
        put(results.bucket(), reportKey, report.html(), "text/html; charset=utf-8");
        ObjectNode latest = JSON.createObjectNode().put("schemaVersion", 1).put("pipelineName", pipelineName)
                .put("tuningJobName", tuningJobName).put("tuningJobArn", read.tuningJobArn())
                .put("status", read.status())
                .put("bestTrainingJob", read.bestTrainingJobName())
                .put("objectiveValue", read.bestObjective())
                .put("results", results.uri(pipelineName, tuningJobName) + "/")
                .put("publishedAt", publishedAt);
        put(results.bucket(), latestKey, latest.toPrettyString(), "application/json");
        return new PublishedResults(tuningJobName, read.status(), uri(results, bestKey), uri(results, trialsKey),
                uri(results, csvKey), uri(results, reportKey), uri(results, latestKey), read.bestTrainingJobName(), read.bestObjective());
    }

    private void put(String bucket, String key, String body, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromString(body));
    }

    private static String uri(ResultsLocation results, String key) {
        return "s3://" + results.bucket() + "/" + key;
    }
}
