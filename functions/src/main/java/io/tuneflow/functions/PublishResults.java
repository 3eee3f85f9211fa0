package io.tuneflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.tuneflow.core.orchestration.PublishedResults;
import io.tuneflow.core.orchestration.ResultsLocation;
import io.tuneflow.core.report.MetricCurveSource;
import io.tuneflow.functions.internal.FunctionEnvironment;
import io.tuneflow.functions.internal.HandlerIo;
import io.tuneflow.functions.internal.JsonIo;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Publishes a finished tuning job — Completed, Failed or Stopped alike — as best.json, trials.json, trials.csv,
 * report.html (with each training job's objective curve from CloudWatch on AWS) and the pipeline's latest.json.
 * Input: {@code {"tuningJobName", "pipelineName", "results": "s3://bucket/prefix"}}. Output: {@link PublishedResults},
 * the files' locations and the best objective. Publishing again rewrites the same files, so a retried state is
 * harmless.
 */
public final class PublishResults implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PublishResults.class);
    private static final String SHAPE = "{\"tuningJobName\": \"...\", \"pipelineName\": \"...\", \"results\": \"s3://bucket/prefix\"}";

    private final io.tuneflow.core.orchestration.PublishResults publish;

    /** For Lambda: clients from the environment, built once per container. */
    public PublishResults() {
        this(FunctionEnvironment.system());
    }

    private PublishResults(FunctionEnvironment environment) {
        this(environment.sageMaker(), environment.s3(), environment.metricCurves());
    }

    /** @param curves where the report finds each training job's metric series */
    public PublishResults(SageMakerClient sageMaker, S3Client s3, MetricCurveSource curves) {
        this.publish = new io.tuneflow.core.orchestration.PublishResults(sageMaker, s3).withCurves(curves);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonIo.handle("PublishResults", context, input, output, this::publish);
    }

    PublishedResults publish(JsonNode input) {
        String name = JsonIo.requiredText(input, "tuningJobName", "PublishResults", SHAPE);
        HandlerIo.logAbout(name);
        String pipeline = JsonIo.requiredText(input, "pipelineName", "PublishResults", SHAPE);
        String resultsUri = JsonIo.requiredText(input, "results", "PublishResults", SHAPE);
        ResultsLocation results;
        try {
            results = ResultsLocation.parse(resultsUri);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("PublishResults' \"results\" must be an s3://bucket/prefix URI, not \"" + resultsUri + "\"");
        }
        PublishedResults published = publish.publish(name, pipeline, results);
        LOG.info("Published tuning job {} ({})", name, published.status(), entry("best", published.best()),
                entry("best_training_job", published.bestTrainingJob()), entry("best_objective", published.bestObjective()));
        return published;
    }
}
