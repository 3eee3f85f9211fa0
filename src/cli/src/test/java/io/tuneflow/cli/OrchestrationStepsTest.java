package io.tuneflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.tuneflow.core.orchestration.CheckTuningJob;
import io.tuneflow.core.orchestration.PublishResults;
import io.tuneflow.core.orchestration.PublishedResults;
import io.tuneflow.core.orchestration.ResultsLocation;
import java.util.List;
import io.tuneflow.core.orchestration.JobReference;
import io.tuneflow.core.orchestration.StartTuningJob;
import io.tuneflow.core.orchestration.TuningStatus;
import io.tuneflow.core.request.InvalidRequestException;
import io.tuneflow.core.request.TuningRequestReader;
import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.LocalEngine;
import io.tuneflow.engine.s3.EmbeddedS3;
import io.tuneflow.engine.training.Archives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The orchestration steps against the local engine, through the real SDK clients, as they will run in Lambda. */
class OrchestrationStepsTest {

    @TempDir
    Path workspace;

    private static final String REQUEST = """
            {"HyperParameterTuningJobName": "steps-demo",
             "HyperParameterTuningJobConfig": {"Strategy": "Random", "RandomSeed": 3,
               "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
               "ResourceLimits": {"MaxNumberOfTrainingJobs": 3, "MaxParallelTrainingJobs": 3},
               "ParameterRanges": {"IntegerParameterRanges": [{"Name": "width", "MinValue": "1", "MaxValue": "9"}]}},
             "TrainingJobDefinition": {
               "AlgorithmSpecification": {"TrainingImage": "111122223333.dkr.ecr.us-east-1.amazonaws.com/trainer:1",
                 "TrainingInputMode": "File", "MetricDefinitions": [{"Name": "loss", "Regex": "loss = ([0-9.]+)"}]},
               "StaticHyperParameters": {"sagemaker_program": "\\"train.sh\\"",
                 "sagemaker_submit_directory": "\\"s3://steps/code/sourcedir.tar.gz\\""},
               "RoleArn": "arn:aws:iam::111122223333:role/SageMakerExecutionRole",
               "OutputDataConfig": {"S3OutputPath": "s3://steps/out"},
               "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
               "StoppingCondition": {"MaxRuntimeInSeconds": 60}},
             "Tuneflow": {"PipelineName": "steps"}}
            """;

    private SageMakerClient client(LocalEngine engine) {
        return SageMakerClient.builder().endpointOverride(engine.sageMakerEndpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(10)))
                .build();
    }

    private void uploadTrainer(LocalEngine engine) throws Exception {
        try (S3Client s3 = EmbeddedS3.client(engine.s3Endpoint())) {
            s3.createBucket(b -> b.bucket("steps"));
            Path source = Files.createDirectories(workspace.resolve("source"));
            Files.writeString(source.resolve("train.sh"), "while [ $# -gt 0 ]; do [ \"$1\" = --width ] && w=$2; shift 2; done\n"
                    + "echo \"loss = $w\"\n");
            Path tarGz = workspace.resolve("sourcedir.tar.gz");
            Archives.packTarGz(source, tarGz);
            s3.putObject(b -> b.bucket("steps").key("code/sourcedir.tar.gz"), RequestBody.fromFile(tarGz));
        }
    }

    @Test
    void startThenCheckUntilDoneAndARepeatedStartIsTheSameJob() throws Exception {
        // Throttling on a third of the calls: the steps rely on the SDK's retry policy, not on their own loops.
        try (LocalEngine engine = LocalEngine.start(new LocalEngine.Settings(workspace.resolve("engine"), "127.0.0.1", 0, 0,
                "python3", Map.of(), new FaultInjection(0.3, 0, 0, 11), Duration.ofSeconds(1)));
             SageMakerClient sageMaker = client(engine)) {
            uploadTrainer(engine);
            var read = TuningRequestReader.read("request.json", REQUEST);

            JobReference started = new StartTuningJob(sageMaker).start(read);
            assertThat(started.alreadyStarted()).isFalse();
            assertThat(started.tuningJobName()).matches("steps-[0-9a-f]{8}");
            assertThat(started.pipelineName()).isEqualTo("steps");

            JobReference again = new StartTuningJob(sageMaker).start(TuningRequestReader.read("copy.json", REQUEST));
            assertThat(again.alreadyStarted()).isTrue();
            assertThat(again.tuningJobName()).isEqualTo(started.tuningJobName());
            assertThat(sageMaker.listHyperParameterTuningJobs(b -> b.maxResults(10)).hyperParameterTuningJobSummaries()).hasSize(1);

            // A caller that names itself (a workflow execution): its own retry is not a duplicate, another caller's is.
            String execution = "arn:aws:states:us-east-1:000000000000:execution:tuning:nightly";
            JobReference tagged = new StartTuningJob(sageMaker).start(TuningRequestReader.read("request.json", REQUEST), null, "nightly", execution);
            assertThat(tagged.alreadyStarted()).isFalse();
            assertThat(sageMaker.listTags(b -> b.resourceArn(tagged.tuningJobArn())).tags())
                    .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo(StartTuningJob.STARTED_BY_TAG + "=" + execution));
            assertThat(new StartTuningJob(sageMaker).start(TuningRequestReader.read("request.json", REQUEST), null, "nightly", execution)
                    .alreadyStarted()).as("the same execution, retried").isFalse();
            assertThat(new StartTuningJob(sageMaker).start(TuningRequestReader.read("request.json", REQUEST), null, "nightly",
                    execution + "-again").alreadyStarted()).as("another execution of the same trigger").isTrue();
            assertThat(sageMaker.listHyperParameterTuningJobs(b -> b.maxResults(10)).hyperParameterTuningJobSummaries()).hasSize(2);
            engine.engine().awaitEnd(tagged.tuningJobName());

            engine.engine().awaitEnd(started.tuningJobName());
            TuningStatus status = new CheckTuningJob(sageMaker).check(started.tuningJobName());
            assertThat(status.finished()).isTrue();
            assertThat(status.state()).isEqualTo("Completed");
            assertThat(status.trainingJobs()).containsEntry("Completed", 3).containsEntry("InProgress", 0);
            assertThat(status.bestObjective()).isEqualTo(Double.parseDouble(status.bestHyperParameters().get("width")));
            assertThat(status.nextPollSeconds()).isEqualTo(5);

            CliRun statusCommand = CliRun.of("status", started.tuningJobName(), "--endpoint-url", engine.sageMakerEndpoint().toString(),
                    "--output", "json");
            assertThat(statusCommand.exitCode()).as(statusCommand.err()).isZero();
            assertThat(new ObjectMapper().readTree(statusCommand.out()).get("state").asText()).isEqualTo("Completed");
            CliRun resultsCommand = CliRun.of("results", started.tuningJobName(), "--endpoint-url", engine.sageMakerEndpoint().toString());
            assertThat(resultsCommand.exitCode()).as(resultsCommand.err()).isZero();
            assertThat(resultsCommand.out().lines().skip(1).findFirst().orElseThrow()).contains(status.bestTrainingJob());
            Path report = workspace.resolve("job-report.html");
            CliRun reportCommand = CliRun.of("report", started.tuningJobName(), "--endpoint-url", engine.sageMakerEndpoint().toString(),
                    "--output", report.toString());
            assertThat(reportCommand.exitCode()).as(reportCommand.err()).isZero();
            assertThat(reportCommand.out()).isEqualTo("Report: " + report.toUri() + System.lineSeparator());
            JsonNode reportData = ReportScenarios.dataOf(Files.readString(report));
            assertThat(reportData.get("trials").get("trials")).hasSize(3);
            assertThat(reportData.get("best").get("bestTrainingJob").get("name").asText()).isEqualTo(status.bestTrainingJob());

            try (S3Client s3 = EmbeddedS3.client(engine.s3Endpoint())) {
                s3.createBucket(b -> b.bucket("results"));
                PublishedResults published = new PublishResults(sageMaker, s3)
                        .publish(started.tuningJobName(), started.pipelineName(), ResultsLocation.parse("s3://results/tuning"));
                String prefix = "tuning/steps/" + started.tuningJobName() + "/";
                assertThat(published.best()).isEqualTo("s3://results/" + prefix + "best.json");
                assertThat(published.latest()).isEqualTo("s3://results/tuning/steps/latest.json");
                assertThat(published.report()).isEqualTo("s3://results/" + prefix + "report.html");
                assertThat(s3.headObject(b -> b.bucket("results").key(prefix + "report.html")).contentType()).startsWith("text/html");

                JsonNode best = read(s3, prefix + "best.json");
                JsonNode trials = read(s3, prefix + "trials.json");
                JsonNode latest = read(s3, "tuning/steps/latest.json");
                assertValid("best.schema.json", best);
                assertThat(best.get("completion").get("reason").asText()).isEqualTo("MaxNumberOfTrainingJobs");
                assertValid("trials.schema.json", trials);
                assertValid("latest.schema.json", latest);
                assertThat(best.get("strategy").asText()).isEqualTo("Random");
                assertThat(best.get("warmStart").isNull()).isTrue();
                assertThat(trials.get("parameterRanges").toString())
                        .isEqualTo("[{\"name\":\"width\",\"type\":\"Integer\",\"scaling\":\"Auto\",\"minValue\":1.0,\"maxValue\":9.0}]");

                // the files agree with each other and with the engine
                assertThat(trials.get("trials")).hasSize(3);
                JsonNode lowest = java.util.stream.StreamSupport.stream(trials.get("trials").spliterator(), false)
                        .min(java.util.Comparator.comparingDouble(t -> t.get("objective").asDouble())).orElseThrow();
                assertThat(best.get("bestTrainingJob").get("name").asText()).isEqualTo(lowest.get("name").asText());
                assertThat(best.get("objective").get("value").asDouble()).isEqualTo(lowest.get("objective").asDouble());
                assertThat(best.get("bestTrainingJob").get("modelArtifact").asText()).startsWith("s3://steps/out/" + lowest.get("name").asText());
                assertThat(best.get("trainingJobs").get("Completed").asInt()).isEqualTo(3);
                assertThat(latest.get("bestTrainingJob").asText()).isEqualTo(lowest.get("name").asText());
                assertThat(latest.get("results").asText()).isEqualTo("s3://results/" + prefix);

                List<String> csv = s3.getObjectAsBytes(b -> b.bucket("results").key(prefix + "trials.csv")).asUtf8String().lines().toList();
                assertThat(csv).hasSize(4);
                assertThat(csv.get(0)).startsWith("training_job_name,status,objective_status,loss (objective),hp:width,metric:loss,");
                assertThat(csv.subList(1, 4)).anySatisfy(row -> assertThat(row).startsWith(lowest.get("name").asText() + ",Completed,Succeeded,"));
            }
        }
    }

    private static JsonNode read(S3Client s3, String key) throws java.io.IOException {
        return new ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket("results").key(key)).asByteArray());
    }

    private static void assertValid(String schemaName, JsonNode document) {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(PublishResults.class.getResourceAsStream("/io/tuneflow/core/results/" + schemaName));
        assertThat(schema.validate(document)).as("%s validates %s", schemaName, document.toPrettyString()).isEmpty();
    }

    @Test
    void aFailedJobIsPublishedWithItsReasonsAndNoBest() throws Exception {
        try (LocalEngine engine = LocalEngine.start(new LocalEngine.Settings(workspace.resolve("engine"), "127.0.0.1", 0, 0,
                "python3", Map.of(), FaultInjection.none(), Duration.ofSeconds(1)));
             SageMakerClient sageMaker = client(engine);
             S3Client s3 = EmbeddedS3.client(engine.s3Endpoint())) {
            s3.createBucket(b -> b.bucket("steps"));
            Path source = Files.createDirectories(workspace.resolve("failing"));
            Files.writeString(source.resolve("train.sh"), "echo 'out of memory' > \"$SM_OUTPUT_DIR/failure\"; exit 1\n");
            Path tarGz = workspace.resolve("failing.tar.gz");
            Archives.packTarGz(source, tarGz);
            s3.putObject(b -> b.bucket("steps").key("code/sourcedir.tar.gz"), RequestBody.fromFile(tarGz));

            JobReference started = new StartTuningJob(sageMaker).start(TuningRequestReader.read("request.json", REQUEST));
            engine.engine().awaitEnd(started.tuningJobName());
            TuningStatus status = new CheckTuningJob(sageMaker).check(started.tuningJobName());
            assertThat(status.state()).isEqualTo("Failed");
            assertThat(status.trainingJobs()).containsEntry("NonRetryableError", 3);
            assertThat(status.bestTrainingJob()).isNull();

            s3.createBucket(b -> b.bucket("results"));
            new PublishResults(sageMaker, s3).publish(started.tuningJobName(), started.pipelineName(), ResultsLocation.parse("s3://results/tuning"));
            String prefix = "tuning/steps/" + started.tuningJobName() + "/";
            JsonNode best = read(s3, prefix + "best.json");
            JsonNode trials = read(s3, prefix + "trials.json");
            assertValid("best.schema.json", best);
            assertThat(best.get("completion").get("reason").asText()).isEqualTo("Failed");
            assertValid("trials.schema.json", trials);
            assertValid("latest.schema.json", read(s3, "tuning/steps/latest.json"));
            assertThat(best.get("bestTrainingJob").isNull()).isTrue();
            assertThat(best.get("objective").get("value").isNull()).isTrue();
            assertThat(best.get("failureReason").asText()).contains("objective metric loss");
            assertThat(trials.get("trials")).hasSize(3).allSatisfy(t -> {
                assertThat(t.get("status").asText()).isEqualTo("Failed");
                assertThat(t.get("failureReason").asText()).isEqualTo("AlgorithmError: out of memory");
            });
        }
    }

    @Test
    void anInvalidRequestSendsNothing() {
        try (LocalEngine engine = LocalEngine.start(new LocalEngine.Settings(workspace.resolve("engine"), "127.0.0.1", 0, 0,
                "python3", Map.of(), FaultInjection.none(), Duration.ofSeconds(1)));
             SageMakerClient sageMaker = client(engine)) {
            var invalid = TuningRequestReader.read("bad.json", REQUEST.replace("\"Strategy\": \"Random\"", "\"Strategy\": \"random\""));
            assertThatThrownBy(() -> new StartTuningJob(sageMaker).start(invalid))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.report().errors()).anySatisfy(p -> assertThat(p.path().toString()).isEqualTo("$.HyperParameterTuningJobConfig.Strategy")));
            assertThat(sageMaker.listHyperParameterTuningJobs(b -> b.maxResults(10)).hyperParameterTuningJobSummaries()).isEmpty();
        }
    }
}
