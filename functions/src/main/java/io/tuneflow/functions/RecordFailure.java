package io.tuneflow.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.orchestration.ResultsLocation;
import io.tuneflow.functions.internal.FunctionEnvironment;
import io.tuneflow.functions.internal.HandlerIo;
import io.tuneflow.functions.internal.JsonIo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Records why a workflow failed, for the state machine's Catch branches and for tuning jobs that ended Failed or
 * Stopped, and decides the error and cause the execution fails with.
 *
 * <p>Input: {@code {"executionId": "...", "state": <the workflow's state>}}, where the state may hold {@code job}
 * (Start's output), {@code status} (the last check), {@code published} and {@code error} ({@code {"Error", "Cause"}},
 * what a Catch caught). Output: {@link RecordFailureOutput}.
 *
 * <p>The record, {@code failure.json}, goes beside the job's results ({@code <results>/<pipeline>/<job>/}); when the
 * workflow failed before there was a job, to {@code <TUNEFLOW_RESULTS>/failures/<execution>.json}.
 */
public final class RecordFailure implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFailure.class);

    private final S3Client s3;
    private final FunctionSettings settings;
    private final Clock clock;

    /** For Lambda: the client and settings from the environment, built once per container. */
    public RecordFailure() {
        this(FunctionEnvironment.system());
    }

    private RecordFailure(FunctionEnvironment environment) {
        this(environment.s3(), environment.settings());
    }

    public RecordFailure(S3Client s3, FunctionSettings settings) {
        this(s3, settings, Clock.systemUTC());
    }

    RecordFailure(S3Client s3, FunctionSettings settings, Clock clock) {
        this.s3 = s3;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonIo.handle("RecordFailure", context, input, output, this::record);
    }

    RecordFailureOutput record(JsonNode input) {
        JsonNode state = input.path("state");
        String executionId = input.path("executionId").asText("unknown-execution");
        String jobName = state.path("job").path("tuningJobName").textValue();
        String pipeline = state.path("job").path("pipelineName").textValue();
        HandlerIo.logAbout(jobName);

        String error;
        String cause;
        JsonNode caught = state.path("error");
        JsonNode status = state.path("status");
        if (caught.isObject()) {
            error = caught.path("Error").asText("States.TaskFailed");
            cause = readableCause(caught.path("Cause").asText(""));
        } else {
            String ended = status.path("state").asText("Unknown");
            error = "Tuneflow.TuningJob" + ended;
            cause = "Tuning job " + jobName + " ended " + ended
                    + (status.path("failureReason").isTextual() ? ": " + status.get("failureReason").textValue() : "")
                    + (state.path("published").path("best").isTextual()
                    ? ". Its results are published: " + state.get("published").get("best").textValue() : "");
        }

        String record = null;
        Location location = location(state.path("job").path("results").textValue(), pipeline, jobName, executionId);
        if (location != null) {
            ObjectNode body = JsonIo.JSON.createObjectNode().put("schemaVersion", 1).put("executionId", executionId)
                    .put("tuningJobName", jobName).put("pipelineName", pipeline).put("error", error).put("cause", cause)
                    .put("tuningJobStatus", status.path("state").textValue())
                    .put("failureReason", status.path("failureReason").textValue())
                    .put("results", state.path("published").path("best").textValue())
                    .put("recordedAt", Instant.now(clock).toString());
            body.set("state", state);
            s3.putObject(b -> b.bucket(location.bucket()).key(location.key()).contentType("application/json"),
                    RequestBody.fromString(body.toPrettyString()));
            record = "s3://" + location.bucket() + "/" + location.key();
        } else {
            LOG.warn("The failure is not recorded: the workflow failed before it knew where results go, and {} is not set",
                    FunctionSettings.RESULTS);
        }
        LOG.error("Workflow failed: {}: {}", error, cause, entry("execution", executionId), entry("record", record));
        return new RecordFailureOutput(error, cause, record);
    }

    private record Location(String bucket, String key) {
    }

    private Location location(String results, String pipeline, String jobName, String executionId) {
        if (results != null && pipeline != null && jobName != null) {
            try {
                ResultsLocation location = ResultsLocation.parse(results);
                return new Location(location.bucket(), location.key(pipeline, jobName, "failure.json"));
            } catch (IllegalArgumentException e) {
                LOG.warn("The job's results location {} is not an s3:// URI; recording the failure elsewhere", results);
            }
        }
        if (settings.defaultResults() == null) {
            return null;
        }
        String execution = executionId.substring(executionId.lastIndexOf(':') + 1);
        return new Location(settings.defaultResults().bucket(), settings.defaultResults().key("failures", execution + ".json"));
    }

    /**
     * Step Functions passes a Lambda function's error as its JSON payload, {@code {"errorMessage", "errorType",
     * "stackTrace"}}; the message is what a person needs. Any other cause is kept as it is.
     */
    static String readableCause(String cause) {
        if (cause.startsWith("{")) {
            try {
                JsonNode payload = JsonIo.JSON.readTree(cause);
                if (payload.path("errorMessage").isTextual()) {
                    return payload.get("errorMessage").textValue();
                }
            } catch (IOException e) {
                // not JSON after all
            }
        }
        return cause;
    }
}
