package io.tuneflow.core.orchestration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The Publish step: reads a tuning job's {@link TuningResults} and writes, under
 * {@code <results>/<pipeline>/<tuning-job>/}, {@code best.json}, {@code trials.json} and {@code trials.csv}, then the
 * pipeline's {@code latest.json}. Shapes: the JSON Schemas in {@code io/tuneflow/core/results/}.
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
        TuningResults read = TuningResults.read(sageMaker, tuningJobName, pipelineName);
        String publishedAt = Instant.now(clock).toString();
        String bestKey = results.key(pipelineName, tuningJobName, "best.json");
        String trialsKey = results.key(pipelineName, tuningJobName, "trials.json");
        String csvKey = results.key(pipelineName, tuningJobName, "trials.csv");
        String latestKey = results.key(pipelineName, "latest.json");

        put(results.bucket(), bestKey, read.best(publishedAt).toPrettyString(), "application/json");
        put(results.bucket(), trialsKey, read.trials().toPrettyString(), "application/json");
        put(results.bucket(), csvKey, read.trialsCsv(), "text/csv");
        ObjectNode latest = JSON.createObjectNode().put("schemaVersion", 1).put("pipelineName", pipelineName)
                .put("tuningJobName", tuningJobName).put("tuningJobArn", read.tuningJobArn())
                .put("status", read.status())
                .put("bestTrainingJob", read.bestTrainingJobName())
                .put("objectiveValue", read.bestObjective())
                .put("results", results.uri(pipelineName, tuningJobName) + "/")
                .put("publishedAt", publishedAt);
        put(results.bucket(), latestKey, latest.toPrettyString(), "application/json");
        return new PublishedResults(tuningJobName, read.status(), uri(results, bestKey), uri(results, trialsKey),
                uri(results, csvKey), uri(results, latestKey), read.bestTrainingJobName(), read.bestObjective());
    }

    private void put(String bucket, String key, String body, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromString(body));
    }

    private static String uri(ResultsLocation results, String key) {
        return "s3://" + results.bucket() + "/" + key;
    }
}
