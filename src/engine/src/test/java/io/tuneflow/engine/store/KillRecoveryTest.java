package io.tuneflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tuneflow.core.request.TuningRequestReader;
import io.tuneflow.engine.s3.EmbeddedS3;
import io.tuneflow.engine.training.Archives;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;

/** kill -9 of the engine in the middle of a tuning job: a restarted engine loses no finished trial and finishes the job. */
class KillRecoveryTest {

    @TempDir
    Path workspace;

    private record Engine(Process process, URI sageMaker, URI s3) {
    }

    private Engine startEngine() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), EngineProcess.class.getName(),
                workspace.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("engine started").startsWith("ready ");
        String[] ports = line.split(" ");
        return new Engine(process, URI.create("http://127.0.0.1:" + ports[1]), URI.create("http://127.0.0.1:" + ports[2]));
    }

    private static SageMakerClient sageMaker(Engine engine) {
        return SageMakerClient.builder().endpointOverride(engine.sageMaker()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY));
    }

    private static DescribeHyperParameterTuningJobResponse awaitState(SageMakerClient client, Predicate<DescribeHyperParameterTuningJobResponse> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            DescribeHyperParameterTuningJobResponse described = client.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("survivor"));
            if (condition.test(described)) {
                return described;
            }
            assertThat(Instant.now()).as("condition reached in time; last state %s", described).isBefore(deadline);
            Thread.sleep(100); // polling Describe, as a client of the engine does
        }
    }

    @Test
    void aKilledEngineLosesNoFinishedTrialAndTheJobContinues() throws Exception {
        Engine first = startEngine();
        List<Map<String, Object>> before;
        try (S3Client s3 = EmbeddedS3.client(first.s3());
             SageMakerClient client = sageMaker(first)) {
            s3.createBucket(b -> b.bucket("recovery"));
            Path source = Files.createDirectories(workspace.resolve("source"));
            // Each trial reports its loss, then trains for a while: long enough to be caught running.
            Files.writeString(source.resolve("train.sh"), "while [ $# -gt 0 ]; do [ \"$1\" = --alpha ] && a=$2; shift 2; done\n"
                    + "echo \"loss = $a\"; sleep 2; echo done > \"$SM_MODEL_DIR/m\"\n");
            Path tarGz = workspace.resolve("sourcedir.tar.gz");
            Archives.packTarGz(source, tarGz);
            s3.putObject(b -> b.bucket("recovery").key("code/sourcedir.tar.gz"), RequestBody.fromFile(tarGz));
            String request = """
                    {"HyperParameterTuningJobName": "survivor",
                     "HyperParameterTuningJobConfig": {"Strategy": "Random", "RandomSeed": 5,
                       "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
                       "ResourceLimits": {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 1},
                       "ParameterRanges": {"IntegerParameterRanges": [{"Name": "alpha", "MinValue": "1", "MaxValue": "99"}]}},
                     "TrainingJobDefinition": {
                       "AlgorithmSpecification": {"TrainingImage": "111122223333.dkr.ecr.us-east-1.amazonaws.com/trainer:1",
                         "TrainingInputMode": "File", "MetricDefinitions": [{"Name": "loss", "Regex": "loss = ([0-9.]+)"}]},
                       "StaticHyperParameters": {"sagemaker_program": "\\"train.sh\\"",
                         "sagemaker_submit_directory": "\\"s3://recovery/code/sourcedir.tar.gz\\""},
                       "RoleArn": "arn:aws:iam::111122223333:role/SageMakerExecutionRole",
                       "OutputDataConfig": {"S3OutputPath": "s3://recovery/out"},
                       "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
                       "StoppingCondition": {"MaxRuntimeInSeconds": 60},
                       "RetryStrategy": {"MaximumRetryAttempts": 1}}}
                    """;
            client.createHyperParameterTuningJob(TuningRequestReader.read("r.json", request).validRequest().sageMakerRequest());
            awaitState(client, d -> d.trainingJobStatusCounters().completed() >= 1 && d.trainingJobStatusCounters().inProgress() == 1);
            before = summaries(client);
        }
        first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no last write
        first.process().waitFor();

        Engine second = startEngine();
        try (SageMakerClient client = sageMaker(second)) {
            DescribeHyperParameterTuningJobResponse done = awaitState(client, d -> !d.hyperParameterTuningJobStatusAsString().equals("InProgress"));
            String logs;
            try (var walk = Files.walk(workspace.resolve("jobs"))) {
                logs = walk.filter(p -> p.getFileName().toString().equals("training.log")).map(p -> {
                    try {
                        return p + ": " + Files.readString(p);
                    } catch (IOException e) {
                        return p + ": " + e;
                    }
                }).collect(Collectors.joining("\n"));
            }
            assertThat(done.hyperParameterTuningJobStatusAsString()).as("%s %s %s", logs, done.failureReason(),
                    client.listTrainingJobsForHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("survivor"))
                            .trainingJobSummaries().stream().map(t -> t.trainingJobName() + ":" + t.trainingJobStatusAsString() + ":" + t.failureReason()).toList())
                    .isEqualTo("Completed");
            assertThat(done.trainingJobStatusCounters().completed()).isEqualTo(4);
            List<Map<String, Object>> after = summaries(client);
            for (Map<String, Object> finished : before.stream().filter(s -> "Completed".equals(s.get("status"))).toList()) {
                assertThat(after).as("finished trial %s kept as it was", finished.get("name")).contains(finished);
            }
        } finally {
            second.process().destroyForcibly();
            second.process().waitFor();
        }
    }

    private static List<Map<String, Object>> summaries(SageMakerClient client) {
        return client.listTrainingJobsForHyperParameterTuningJobPaginator(b -> b.hyperParameterTuningJobName("survivor"))
                .trainingJobSummaries().stream()
                .sorted(java.util.Comparator.comparing(HyperParameterTrainingJobSummary::trainingJobName))
                .map(s -> Map.<String, Object>of("name", s.trainingJobName(), "status", s.trainingJobStatusAsString(),
                        "tuned", s.tunedHyperParameters().toString(),
                        "objective", s.finalHyperParameterTuningJobObjectiveMetric() == null ? "none"
                                : Float.toString(s.finalHyperParameterTuningJobObjectiveMetric().value())))
                .collect(Collectors.toList());
    }
}
