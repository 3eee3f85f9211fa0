package io.tuneflow.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tuneflow.engine.LocalSageMaker;
import io.tuneflow.engine.s3.EmbeddedS3;
import io.tuneflow.engine.s3.S3Transfers;
import io.tuneflow.engine.training.Archives;
import io.tuneflow.engine.training.TrainingJobRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsForHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSortByOptions;

/** The engine behind its SageMaker endpoint and its S3 endpoint, driven by the unmodified AWS SDK v2 clients. */
class LocalEngineComponentTest {

    @TempDir
    Path workspace;

    private EmbeddedS3 s3Endpoint;
    private LocalSageMaker engine;
    private ApiServer server;
    private S3Client s3;
    private SageMakerClient sageMaker;

    /** A script-mode trainer in shell: loss = (lr - 0.03)^2 per epoch, reads its channel, writes a model. */
    private static final String TRAIN_SH = """
            lr=""; epochs=3
            while [ $# -gt 0 ]; do
              case "$1" in --lr) lr="$2";; --epochs) epochs="$2";; esac; shift 2
            done
            rows=$(wc -l < "$SM_CHANNEL_TRAIN/data.csv")
            e=1
            while [ $e -le $epochs ]; do
              awk -v lr="$lr" -v e="$e" -v rows="$rows" 'BEGIN { printf "epoch %d loss = %.6f rows=%d\\n", e, (lr-0.03)^2 + 0.01/e, rows }'
              e=$((e+1))
            done
            echo "lr=$lr" > "$SM_MODEL_DIR/model.txt"
            """;

    @BeforeEach
    void start() throws IOException {
        s3Endpoint = EmbeddedS3.start(workspace.resolve("s3"), "127.0.0.1", 0);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY));
        s3 = EmbeddedS3.client(s3Endpoint.endpoint());
        engine = new LocalSageMaker(new TrainingJobRunner(new S3Transfers(s3), "python3", Duration.ofSeconds(2)),
                new S3Transfers(s3), workspace.resolve("jobs"), Map.of());
        server = ApiServer.start(new SageMakerApi(engine), "127.0.0.1", 0);
        sageMaker = SageMakerClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials).build();

        s3.createBucket(b -> b.bucket("tuneflow-examples"));
        s3.putObject(b -> b.bucket("tuneflow-examples").key("demo/train/data.csv"), RequestBody.fromString("1\n2\n3\n4\n"));
        Path source = Files.createDirectories(workspace.resolve("source"));
        Files.writeString(source.resolve("train.sh"), TRAIN_SH);
        Path tarGz = workspace.resolve("sourcedir.tar.gz");
        Archives.packTarGz(source, tarGz);
        s3.putObject(b -> b.bucket("tuneflow-examples").key("demo/source/sourcedir.tar.gz"), RequestBody.fromFile(tarGz));
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
        s3Endpoint.close();
    }

    private static String request(String name, String strategy, String ranges, int maxJobs, int parallel) {
        return """
                {"HyperParameterTuningJobName": "%s",
                 "HyperParameterTuningJobConfig": {"Strategy": "%s", "RandomSeed": 7,
                   "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
                   "ResourceLimits": {"MaxNumberOfTrainingJobs": %d, "MaxParallelTrainingJobs": %d},
                   "ParameterRanges": %s},
                 "TrainingJobDefinition": {
                   "AlgorithmSpecification": {"TrainingImage": "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1-cpu-py310",
                     "TrainingInputMode": "File", "MetricDefinitions": [{"Name": "loss", "Regex": "loss = ([0-9\\\\.]+)"}]},
                   "StaticHyperParameters": {"epochs": "3", "sagemaker_program": "\\"train.sh\\"",
                     "sagemaker_submit_directory": "\\"s3://tuneflow-examples/demo/source/sourcedir.tar.gz\\""},
                   "RoleArn": "arn:aws:iam::111122223333:role/SageMakerExecutionRole",
                   "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://tuneflow-examples/demo/train"}}}],
                   "OutputDataConfig": {"S3OutputPath": "s3://tuneflow-examples/demo/output"},
                   "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
                   "StoppingCondition": {"MaxRuntimeInSeconds": 600}}}
                """.formatted(name, strategy, maxJobs, parallel, ranges);
    }

    private void create(String json) {
        // The SDK's marshaller would drop nothing and add nothing; sending the document through its model class
        // proves the request shape round-trips through the real client.
        var document = io.tuneflow.core.request.TuningRequestReader.read("request.json", json);
        assertThat(document.report().errors()).isEmpty();
        sageMaker.createHyperParameterTuningJob(document.validRequest().sageMakerRequest());
    }

    private DescribeHyperParameterTuningJobResponse awaitEnd(String name) throws InterruptedException {
        engine.awaitEnd(name);
        return sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(name));
    }

    @Test
    void randomSearchRunsEveryTrialAndReportsTheBest() throws Exception {
        create(request("random-demo", "Random",
                "{\"ContinuousParameterRanges\": [{\"Name\": \"lr\", \"MinValue\": \"0.001\", \"MaxValue\": \"0.1\", \"ScalingType\": \"Logarithmic\"}]}",
                5, 2));
        DescribeHyperParameterTuningJobResponse described = awaitEnd("random-demo");

        assertThat(described.hyperParameterTuningJobStatusAsString()).isEqualTo("Completed");
        assertThat(described.trainingJobStatusCounters().completed()).isEqualTo(5);
        assertThat(described.objectiveStatusCounters().succeeded()).isEqualTo(5);
        assertThat(described.hyperParameterTuningJobArn()).isEqualTo("arn:aws:sagemaker:us-east-1:000000000000:hyper-parameter-tuning-job/random-demo");
        HyperParameterTrainingJobSummary best = described.bestTrainingJob();
        assertThat(best.trainingJobName()).matches("random-demo-00[1-5]-[0-9a-f]{8}");

        List<HyperParameterTrainingJobSummary> all = sageMaker.listTrainingJobsForHyperParameterTuningJobPaginator(b -> b
                .hyperParameterTuningJobName("random-demo").maxResults(2)).trainingJobSummaries().stream().toList();
        assertThat(all).hasSize(5);
        double lowest = all.stream().mapToDouble(s -> s.finalHyperParameterTuningJobObjectiveMetric().value()).min().orElseThrow();
        assertThat(best.finalHyperParameterTuningJobObjectiveMetric().value()).isEqualTo((float) lowest);
        double lr = Double.parseDouble(best.tunedHyperParameters().get("lr"));
        assertThat(best.finalHyperParameterTuningJobObjectiveMetric().value()).isCloseTo((float) (Math.pow(lr - 0.03, 2) + 0.01 / 3), org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(all).allSatisfy(s -> {
            double v = Double.parseDouble(s.tunedHyperParameters().get("lr"));
            assertThat(v).isBetween(0.001, 0.1);
        });

        ListTrainingJobsForHyperParameterTuningJobResponse sorted = sageMaker.listTrainingJobsForHyperParameterTuningJob(b -> b
                .hyperParameterTuningJobName("random-demo").sortBy(TrainingJobSortByOptions.FINAL_OBJECTIVE_METRIC_VALUE)
                .sortOrder(SortOrder.ASCENDING).maxResults(1));
        assertThat(sorted.trainingJobSummaries().get(0).trainingJobName()).isEqualTo(best.trainingJobName());
        assertThat(sorted.nextToken()).isNotNull();

        DescribeTrainingJobResponse training = sageMaker.describeTrainingJob(b -> b.trainingJobName(best.trainingJobName()));
        assertThat(training.trainingJobStatusAsString()).isEqualTo("Completed");
        assertThat(training.hyperParameters()).containsEntry("_tuning_objective_metric", "loss").containsEntry("epochs", "3");
        assertThat(training.finalMetricDataList()).anySatisfy(m -> assertThat(m.metricName()).isEqualTo("loss"));
        assertThat(training.billableTimeInSeconds()).isPositive();
        assertThat(training.secondaryStatusAsString()).isEqualTo("Completed");
        assertThat(training.secondaryStatusTransitions()).extracting(SecondaryStatusTransition::statusAsString)
                .containsExactly("Starting", "Downloading", "Training", "Completed");
        assertThat(training.secondaryStatusTransitions().get(2).startTime()).isEqualTo(training.trainingStartTime());
        assertThat(training.secondaryStatusTransitions().get(3).startTime()).isEqualTo(training.trainingEndTime());
        for (int k = 1; k < training.secondaryStatusTransitions().size(); k++) {
            SecondaryStatusTransition previous = training.secondaryStatusTransitions().get(k - 1);
            assertThat(previous.endTime()).as("each phase ends when the next begins")
                    .isEqualTo(training.secondaryStatusTransitions().get(k).startTime());
        }
        String model = training.modelArtifacts().s3ModelArtifacts();
        assertThat(model).isEqualTo("s3://tuneflow-examples/demo/output/" + best.trainingJobName() + "/output/model.tar.gz");
        Path downloaded = workspace.resolve("model.tar.gz");
        s3.getObject(b -> b.bucket("tuneflow-examples").key("demo/output/" + best.trainingJobName() + "/output/model.tar.gz"), downloaded);
        Path unpacked = Files.createDirectories(workspace.resolve("model"));
        Archives.unpackTarGz(downloaded, unpacked);
        assertThat(unpacked.resolve("model.txt")).hasContent("lr=" + best.tunedHyperParameters().get("lr"));
    }

    @Test
    void gridSearchTriesEveryCombinationOnce() throws Exception {
        create(request("grid-demo", "Grid",
                "{\"CategoricalParameterRanges\": [{\"Name\": \"lr\", \"Values\": [\"0.01\", \"0.03\"]}, {\"Name\": \"epochs\", \"Values\": [\"1\", \"2\", \"3\"]}]}",
                100, 3).replace("\"epochs\": \"3\", ", "").replace("\"MaxNumberOfTrainingJobs\": 100, ", ""));
        DescribeHyperParameterTuningJobResponse described = awaitEnd("grid-demo");
        assertThat(described.trainingJobStatusCounters().completed()).isEqualTo(6);
        List<Map<String, String>> tried = sageMaker.listTrainingJobsForHyperParameterTuningJobPaginator(b -> b
                .hyperParameterTuningJobName("grid-demo")).trainingJobSummaries().stream()
                .map(HyperParameterTrainingJobSummary::tunedHyperParameters).toList();
        assertThat(tried).containsExactlyInAnyOrder(
                Map.of("lr", "0.01", "epochs", "1"), Map.of("lr", "0.01", "epochs", "2"), Map.of("lr", "0.01", "epochs", "3"),
                Map.of("lr", "0.03", "epochs", "1"), Map.of("lr", "0.03", "epochs", "2"), Map.of("lr", "0.03", "epochs", "3"));
        assertThat(described.bestTrainingJob().tunedHyperParameters()).isEqualTo(Map.of("lr", "0.03", "epochs", "3"));
    }

    @Test
    void bayesianSearchOverDiscreteRangesTrainsEachConfigurationOnce() throws Exception {
        // 2 × 3 configurations and as many jobs as SageMaker allows: 3 at a time, every one a new configuration
        create(request("discrete-demo", "Bayesian",
                "{\"IntegerParameterRanges\": [{\"Name\": \"epochs\", \"MinValue\": \"1\", \"MaxValue\": \"3\"}],"
                        + " \"CategoricalParameterRanges\": [{\"Name\": \"lr\", \"Values\": [\"0.01\", \"0.03\"]}]}",
                6, 3).replace("\"epochs\": \"3\", ", ""));
        DescribeHyperParameterTuningJobResponse described = awaitEnd("discrete-demo");
        assertThat(described.trainingJobStatusCounters().completed()).isEqualTo(6);
        List<Map<String, String>> tried = sageMaker.listTrainingJobsForHyperParameterTuningJobPaginator(b -> b
                .hyperParameterTuningJobName("discrete-demo")).trainingJobSummaries().stream()
                .map(HyperParameterTrainingJobSummary::tunedHyperParameters).toList();
        assertThat(new java.util.HashSet<>(tried)).hasSize(6);
        assertThat(described.bestTrainingJob().tunedHyperParameters()).isEqualTo(Map.of("lr", "0.03", "epochs", "3"));
    }

    @Test
    void errorsAreSageMakersExceptions() throws Exception {
        String json = request("dup-demo", "Random",
                "{\"ContinuousParameterRanges\": [{\"Name\": \"lr\", \"MinValue\": \"0.001\", \"MaxValue\": \"0.1\"}]}", 1, 1);
        create(json);
        assertThatThrownBy(() -> create(json)).isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        String overQuota = request("big-demo", "Random",
                "{\"ContinuousParameterRanges\": [{\"Name\": \"lr\", \"MinValue\": \"0.001\", \"MaxValue\": \"0.1\"}]}", 751, 1);
        assertThatThrownBy(() -> create(overQuota)).isInstanceOfSatisfying(ResourceLimitExceededException.class,
                e -> assertThat(e.awsErrorDetails().errorMessage()).contains("750"));
        var invalid = io.tuneflow.core.request.TuningRequestReader.read("r.json", json.replace("\"MinValue\": \"0.001\"", "\"MinValue\": \"0\"")
                .replace("\"MaxValue\": \"0.1\"}", "\"MaxValue\": \"0.1\", \"ScalingType\": \"Logarithmic\"}").replace("dup-demo", "bad-demo"));
        assertThatThrownBy(() -> sageMaker.createHyperParameterTuningJob(invalid.request().orElseThrow().sageMakerRequest()))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("ContinuousParameterRanges[0].MinValue").contains("Logarithmic");
                });
        awaitEnd("dup-demo");
    }

    @Test
    void stoppingATuningJobStopsItsTrainingJobs() throws Exception {
        Files.writeString(workspace.resolve("source/train.sh"), "echo 'loss = 0.5'; exec sleep 300\n");
        Path tarGz = workspace.resolve("slow.tar.gz");
        Archives.packTarGz(workspace.resolve("source"), tarGz);
        s3.putObject(b -> b.bucket("tuneflow-examples").key("demo/source/sourcedir.tar.gz"), RequestBody.fromFile(tarGz));
        create(request("stop-demo", "Random",
                "{\"ContinuousParameterRanges\": [{\"Name\": \"lr\", \"MinValue\": \"0.001\", \"MaxValue\": \"0.1\"}]}", 4, 2));
        Instant deadline = Instant.now().plusSeconds(30);
        while (sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("stop-demo"))
                .trainingJobStatusCounters().inProgress() < 2 && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        String first = sageMaker.listTrainingJobs(b -> b.nameContains("stop-demo").sortBy("CreationTime").sortOrder("Ascending"))
                .trainingJobSummaries().get(0).trainingJobName();
        // While its trainer runs, a training job says Training, and its last transition has no end yet.
        DescribeTrainingJobResponse running = sageMaker.describeTrainingJob(b -> b.trainingJobName(first));
        while (!running.secondaryStatusAsString().equals("Training") && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
            running = sageMaker.describeTrainingJob(b -> b.trainingJobName(first));
        }
        assertThat(running.secondaryStatusAsString()).isEqualTo("Training");
        assertThat(running.trainingJobStatusAsString()).isEqualTo("InProgress");
        assertThat(running.secondaryStatusTransitions()).extracting(SecondaryStatusTransition::statusAsString)
                .containsExactly("Starting", "Downloading", "Training");
        assertThat(running.secondaryStatusTransitions().get(2).endTime()).isNull();
        assertThat(running.trainingStartTime()).isAfter(running.creationTime());
        sageMaker.stopTrainingJob(b -> b.trainingJobName(first));
        engine.awaitTrialEnd(first);
        DescribeTrainingJobResponse stopped = sageMaker.describeTrainingJob(b -> b.trainingJobName(first));
        assertThat(stopped.trainingJobStatusAsString()).isEqualTo("Stopped");
        assertThat(stopped.secondaryStatusTransitions()).extracting(SecondaryStatusTransition::statusAsString)
                .containsExactly("Starting", "Downloading", "Training", "Stopped");
        sageMaker.stopHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("stop-demo"));
        assertThat(sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("stop-demo"))
                .hyperParameterTuningJobStatusAsString()).isIn("Stopping", "Stopped");
        DescribeHyperParameterTuningJobResponse described = awaitEnd("stop-demo");
        assertThat(described.hyperParameterTuningJobStatusAsString()).isEqualTo("Stopped");
        // the stopped trial's slot was refilled before the tuning job was stopped
        assertThat(described.trainingJobStatusCounters().stopped()).isBetween(2, 3);
        assertThat(described.trainingJobStatusCounters().inProgress()).isZero();
    }
}
