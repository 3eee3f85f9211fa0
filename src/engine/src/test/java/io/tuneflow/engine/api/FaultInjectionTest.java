package io.tuneflow.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.LocalSageMaker;
import io.tuneflow.engine.s3.EmbeddedS3;
import io.tuneflow.engine.s3.S3Transfers;
import io.tuneflow.engine.training.TrainingJobRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** Injected throttling as the SDK's retry policy sees it, and injected training failures as RetryStrategy sees them. */
class FaultInjectionTest {

    @TempDir
    Path workspace;

    private static SageMakerClient client(ApiServer server, int maxAttempts) {
        return SageMakerClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(maxAttempts)))
                .build();
    }

    @Test
    void throttlingIsRetriedByTheSdkAndSurfacesWithoutRetries() {
        try (EmbeddedS3 s3Endpoint = EmbeddedS3.start(workspace.resolve("s3"), "127.0.0.1", 0);
             S3Client s3 = EmbeddedS3.client(s3Endpoint.endpoint());
             LocalSageMaker engine = new LocalSageMaker(new TrainingJobRunner(new S3Transfers(s3), "python3", Duration.ofSeconds(1)),
                     new S3Transfers(s3), workspace.resolve("jobs"), Map.of())) {
            FaultInjection faults = new FaultInjection(0.4, 0, 0, 42);
            try (ApiServer server = ApiServer.start(new SageMakerApi(engine), "127.0.0.1", 0, faults);
                 SageMakerClient patient = client(server, 12);
                 SageMakerClient impatient = client(server, 1)) {
                for (int k = 0; k < 20; k++) {
                    assertThat(patient.listHyperParameterTuningJobs(b -> b.maxResults(5)).hyperParameterTuningJobSummaries()).isEmpty();
                }
                assertThatThrownBy(() -> {
                    for (int k = 0; k < 50; k++) {
                        impatient.listHyperParameterTuningJobs(b -> b.maxResults(5));
                    }
                }).isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.isThrottlingException()).isTrue();
                });
            }
        }
    }

    @Test
    void injectedTrainingFailuresAreRetriedPerRetryStrategyAndCountedAsRetryable() throws Exception {
        String request = """
                {"HyperParameterTuningJobName": "flaky",
                 "HyperParameterTuningJobConfig": {"Strategy": "Random", "RandomSeed": 1,
                   "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
                   "ResourceLimits": {"MaxNumberOfTrainingJobs": 3, "MaxParallelTrainingJobs": 3},
                   "ParameterRanges": {"IntegerParameterRanges": [{"Name": "n", "MinValue": "1", "MaxValue": "9"}]}},
                 "TrainingJobDefinition": {
                   "AlgorithmSpecification": {"TrainingImage": "111122223333.dkr.ecr.us-east-1.amazonaws.com/trainer:1",
                     "TrainingInputMode": "File", "MetricDefinitions": [{"Name": "loss", "Regex": "loss=([0-9.]+)"}]},
                   "RoleArn": "arn:aws:iam::111122223333:role/SageMakerExecutionRole",
                   "OutputDataConfig": {"S3OutputPath": "s3://bucket/out"},
                   "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
                   "StoppingCondition": {"MaxRuntimeInSeconds": 60},
                   "RetryStrategy": {"MaximumRetryAttempts": 2}}}
                """;
        try (EmbeddedS3 s3Endpoint = EmbeddedS3.start(workspace.resolve("s3"), "127.0.0.1", 0);
             S3Client s3 = EmbeddedS3.client(s3Endpoint.endpoint());
             LocalSageMaker engine = new LocalSageMaker(new TrainingJobRunner(new S3Transfers(s3), "python3", Duration.ofSeconds(1)),
                     new S3Transfers(s3), workspace.resolve("jobs"), Map.of(), new FaultInjection(0, 1.0, 0, 7));
             ApiServer server = ApiServer.start(new SageMakerApi(engine), "127.0.0.1", 0);
             SageMakerClient sageMaker = client(server, 3)) {
            var read = io.tuneflow.core.request.TuningRequestReader.read("flaky.json", request);
            sageMaker.createHyperParameterTuningJob(read.validRequest().sageMakerRequest());
            engine.awaitEnd("flaky");
            var described = sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("flaky"));
            assertThat(described.hyperParameterTuningJobStatusAsString()).isEqualTo("Failed");
            assertThat(described.trainingJobStatusCounters().retryableError()).isEqualTo(3);
            assertThat(described.trainingJobStatusCounters().nonRetryableError()).isZero();
            assertThat(sageMaker.listTrainingJobsForHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("flaky"))
                    .trainingJobSummaries()).allSatisfy(t -> assertThat(t.failureReason()).contains("attempt 3 of 3"));
        }
    }
}
