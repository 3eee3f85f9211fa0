package io.tuneflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tuneflow.core.orchestration.CheckTuningJob;
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

            engine.engine().awaitEnd(started.tuningJobName());
            TuningStatus status = new CheckTuningJob(sageMaker).check(started.tuningJobName());
            assertThat(status.finished()).isTrue();
            assertThat(status.state()).isEqualTo("Completed");
            assertThat(status.trainingJobs()).containsEntry("Completed", 3).containsEntry("InProgress", 0);
            assertThat(status.bestObjective()).isEqualTo(Double.parseDouble(status.bestHyperParameters().get("width")));
            assertThat(status.nextPollSeconds()).isEqualTo(5);
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
