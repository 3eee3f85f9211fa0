package io.tuneflow.workflow;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.aws.RetryableIoHttpClient;
import io.tuneflow.core.orchestration.ResultsLocation;
import io.tuneflow.core.report.MetricCurveSource;
import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.LocalEngine;
import io.tuneflow.engine.s3.EmbeddedS3;
import io.tuneflow.engine.training.Archives;
import io.tuneflow.functions.CheckTuningStatus;
import io.tuneflow.functions.FunctionSettings;
import io.tuneflow.functions.PublishResults;
import io.tuneflow.functions.RecordFailure;
import io.tuneflow.functions.StartTuning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Everything a workflow test runs: the local engine (SageMaker API and S3 endpoint), the four handlers with SDK
 * clients built as on Lambda, the loopback Lambda endpoint that serves them, and the state machine.
 */
final class WorkflowFixture implements AutoCloseable {

    static final String BUCKET = "tuning";
    static final String RESULTS = "s3://" + BUCKET + "/results";
    /** Every Retry pause of the state machine, shortened to this many milliseconds. */
    static final int RETRY_PAUSE_MILLIS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    final LocalEngine engine;
    final SageMakerClient sageMaker;
    final S3Client s3;
    final LoopbackLambda lambda;
    final LocalStepFunctions stepFunctions;
    /** SageMaker calls the handlers made, and the HTTP attempts they took (more attempts: the SDK retried). */
    final AtomicInteger sageMakerCalls = new AtomicInteger();
    final AtomicInteger sageMakerAttempts = new AtomicInteger();

    WorkflowFixture(Path workspace, FaultInjection faults) {
        engine = LocalEngine.start(new LocalEngine.Settings(workspace.resolve("engine"), "127.0.0.1", 0, 0, "python3", Map.of(),
                faults, Duration.ofSeconds(1)));
        sageMaker = SageMakerClient.builder().endpointOverride(engine.sageMakerEndpoint()).region(Region.US_EAST_1)
                .httpClient(RetryableIoHttpClient.wrap(UrlConnectionHttpClient.create()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(new CountingInterceptor()))
                .build();
        s3 = EmbeddedS3.client(engine.s3Endpoint());
        s3.createBucket(b -> b.bucket(BUCKET));
        FunctionSettings settings = FunctionSettings.defaults().withDefaultResults(ResultsLocation.parse(RESULTS)).withDefaultBucket(BUCKET);
        Map<String, RequestStreamHandler> handlers = Map.of(
                "StartTuning", new StartTuning(sageMaker, s3, settings),
                "CheckTuningStatus", new CheckTuningStatus(sageMaker),
                // On AWS the report's curves come from CloudWatch, which the engine does not serve.
                "PublishResults", new PublishResults(sageMaker, s3, MetricCurveSource.none("the local engine serves no CloudWatch metrics")),
                "RecordFailure", new RecordFailure(s3, settings));
        lambda = new LoopbackLambda(handlers);
        stepFunctions = new LocalStepFunctions(NodeToolchain.get(), StateMachineDefinition.substitutedJson(), lambda.endpoint());
        uploadTrainer(workspace);
    }

    /** The pauses of a test run: waits of {@code waitMillis} (null: as the state machine says), retries of 50 ms. */
    static LocalStepFunctions.Pauses pauses(Integer waitMillis) {
        Map<String, Integer> retries = Map.of("StartTuning", RETRY_PAUSE_MILLIS, "CheckTuningStatus", RETRY_PAUSE_MILLIS,
                "PublishResults", RETRY_PAUSE_MILLIS, "RecordFailure", RETRY_PAUSE_MILLIS, "ContinueAsNewExecution", RETRY_PAUSE_MILLIS);
        return new LocalStepFunctions.Pauses(waitMillis == null ? Map.of() : Map.of("WaitBeforeCheck", waitMillis), retries);
    }

    List<LocalStepFunctions.Execution> run(String executionName, JsonNode input, LocalStepFunctions.Pauses pauses) {
        return stepFunctions.run(executionName, input, pauses);
    }

    /**
     * A request for pipeline {@code pipeline}: {@code trials} training jobs, {@code parallel} at a time, each sleeping
     * {@code sleepSeconds} and reporting {@code loss = width}, or failing with {@code failWith} when it is not null.
     */
    static ObjectNode request(String pipeline, int trials, int parallel, int sleepSeconds, String failWith) {
        ObjectNode environment = JSON.createObjectNode().put("SLEEP_SECONDS", String.valueOf(sleepSeconds));
        if (failWith != null) {
            environment.put("FAIL_WITH", failWith);
        }
        try {
            ObjectNode request = (ObjectNode) JSON.readTree("""
                    {"HyperParameterTuningJobName": "workflow",
                     "HyperParameterTuningJobConfig": {"Strategy": "Random", "RandomSeed": 3,
                       "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
                       "ResourceLimits": {"MaxNumberOfTrainingJobs": 3, "MaxParallelTrainingJobs": 3},
                       "ParameterRanges": {"IntegerParameterRanges": [{"Name": "width", "MinValue": "1", "MaxValue": "9"}]}},
                     "TrainingJobDefinition": {
                       "AlgorithmSpecification": {"TrainingImage": "111122223333.dkr.ecr.us-east-1.amazonaws.com/trainer:1",
                         "TrainingInputMode": "File", "MetricDefinitions": [{"Name": "loss", "Regex": "loss = ([0-9.]+)"}]},
                       "StaticHyperParameters": {"sagemaker_program": "\\"train.sh\\"",
                         "sagemaker_submit_directory": "\\"s3://tuning/code/sourcedir.tar.gz\\""},
                       "RoleArn": "arn:aws:iam::111122223333:role/SageMakerExecutionRole",
                       "OutputDataConfig": {"S3OutputPath": "s3://tuning/out"},
                       "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
                       "StoppingCondition": {"MaxRuntimeInSeconds": 120}}}
                    """);
            ((ObjectNode) request.get("HyperParameterTuningJobConfig").get("ResourceLimits"))
                    .put("MaxNumberOfTrainingJobs", trials).put("MaxParallelTrainingJobs", parallel);
            ((ObjectNode) request.get("TrainingJobDefinition")).set("Environment", environment);
            request.putObject("Tuneflow").put("PipelineName", pipeline).put("Results", RESULTS);
            return request;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void put(String key, JsonNode document) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(document.toPrettyString()));
    }

    JsonNode read(String uri) {
        try {
            return JSON.readTree(readText(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String readText(String uri) {
        String prefix = "s3://" + BUCKET + "/";
        if (!uri.startsWith(prefix)) {
            throw new IllegalArgumentException(uri + " is not in " + prefix);
        }
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(uri.substring(prefix.length()))).asUtf8String();
    }

    boolean exists(String key) {
        return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents().stream().anyMatch(o -> o.key().equals(key));
    }

    int tuningJobs() {
        return sageMaker.listHyperParameterTuningJobs(b -> b.maxResults(100)).hyperParameterTuningJobSummaries().size();
    }

    /** S3's EventBridge event for a new object. */
    static ObjectNode objectCreated(String key) {
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", java.util.UUID.randomUUID().toString())
                .put("detail-type", "Object Created").put("source", "aws.s3").put("account", "000000000000")
                .put("time", "2026-11-12T00:00:00Z").put("region", "us-east-1");
        event.putArray("resources").add("arn:aws:s3:::" + BUCKET);
        ObjectNode detail = event.putObject("detail").put("version", "0");
        detail.putObject("bucket").put("name", BUCKET);
        detail.putObject("object").put("key", key).put("size", 1).put("etag", "0123456789abcdef").put("sequencer", "01");
        detail.put("reason", "PutObject");
        return event;
    }

    private void uploadTrainer(Path workspace) {
        try {
            Path source = Files.createDirectories(workspace.resolve("trainer"));
            Files.writeString(source.resolve("train.sh"), """
                    while [ $# -gt 0 ]; do [ "$1" = --width ] && w=$2; shift 2; done
                    sleep "${SLEEP_SECONDS:-0}"
                    if [ -n "$FAIL_WITH" ]; then echo "$FAIL_WITH" > "$SM_OUTPUT_DIR/failure"; exit 1; fi
                    echo "loss = $w"
                    """);
            Path tarGz = workspace.resolve("sourcedir.tar.gz");
            Archives.packTarGz(source, tarGz);
            s3.putObject(b -> b.bucket(BUCKET).key("code/sourcedir.tar.gz"), RequestBody.fromFile(tarGz));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        lambda.close();
        sageMaker.close();
        s3.close();
        engine.close();
    }

    private final class CountingInterceptor implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            sageMakerCalls.incrementAndGet();
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            sageMakerAttempts.incrementAndGet();
        }
    }
}
