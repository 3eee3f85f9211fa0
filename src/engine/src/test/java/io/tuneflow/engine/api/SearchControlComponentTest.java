package io.tuneflow.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tuneflow.engine.LocalSageMaker;
import io.tuneflow.engine.s3.EmbeddedS3;
import io.tuneflow.engine.s3.S3Transfers;
import io.tuneflow.engine.training.Archives;
import io.tuneflow.engine.training.TrainingJobRunner;
import io.tuneflow.engine.tuning.HyperbandSchedule;
import io.tuneflow.engine.tuning.Trial;
import io.tuneflow.engine.tuning.TuningJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Early stopping, Hyperband, completion criteria and warm start, end to end: tuning jobs of a real (shell) trainer
 * that logs its objective each epoch, created and read through the SDK's SageMakerClient.
 */
class SearchControlComponentTest {

    /**
     * loss at epoch e = (x - 0.3)^2 + 1/e: improves with epochs, and x ranks the trials the same way at every epoch.
     * (The toolkit passes a one-letter hyperparameter as {@code -x}.)
     */
    private static final String TRAIN_SH = """
            x=""; epochs=9; pause=0
            while [ $# -gt 0 ]; do
              case "$1" in -x) x="$2";; --epochs) epochs="$2";; --pause) pause="$2";; esac; shift 2
            done
            e=1
            while [ $e -le $epochs ]; do
              awk -v x="$x" -v e="$e" 'BEGIN { printf "epoch %d loss = %.6f\\n", e, (x-0.3)^2 + 1/e }'
              sleep "$pause"
              e=$((e+1))
            done
            """;

    @TempDir
    Path workspace;

    private EmbeddedS3 s3Endpoint;
    private LocalSageMaker engine;
    private ApiServer server;
    private SageMakerClient sageMaker;

    @BeforeEach
    void start() throws IOException {
        s3Endpoint = EmbeddedS3.start(workspace.resolve("s3"), "127.0.0.1", 0);
        S3Client s3 = EmbeddedS3.client(s3Endpoint.endpoint());
        engine = new LocalSageMaker(new TrainingJobRunner(new S3Transfers(s3), "python3", Duration.ofSeconds(2)),
                new S3Transfers(s3), workspace.resolve("jobs"), Map.of());
        server = ApiServer.start(new SageMakerApi(engine), "127.0.0.1", 0);
        sageMaker = SageMakerClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .build();
        s3.createBucket(b -> b.bucket("search"));
        Path source = Files.createDirectories(workspace.resolve("source"));
        Files.writeString(source.resolve("train.sh"), TRAIN_SH);
        Path tarGz = workspace.resolve("sourcedir.tar.gz");
        Archives.packTarGz(source, tarGz);
        s3.putObject(b -> b.bucket("search").key("source/sourcedir.tar.gz"), RequestBody.fromFile(tarGz));
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
        s3Endpoint.close();
    }

    /** A request of the trainer above; {@code config} is spliced into HyperParameterTuningJobConfig. */
    private static String request(String name, String config, String pause, String extra) {
        return """
                {"HyperParameterTuningJobName": "%s",
                 "HyperParameterTuningJobConfig": {"RandomSeed": 11,
                   "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
                   "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "x", "MinValue": "0", "MaxValue": "1"}]},
                   %s},
                 "TrainingJobDefinition": {
                   "AlgorithmSpecification": {"TrainingImage": "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1-cpu-py310",
                     "TrainingInputMode": "File", "MetricDefinitions": [{"Name": "loss", "Regex": "loss = ([0-9\\\\.]+)"}]},
                   "StaticHyperParameters": {"epochs": "9", "pause": "%s", "sagemaker_program": "\\"train.sh\\"",
                     "sagemaker_submit_directory": "\\"s3://search/source/sourcedir.tar.gz\\""},
                   "RoleArn": "arn:aws:iam::111122223333:role/SageMakerExecutionRole",
                   "OutputDataConfig": {"S3OutputPath": "s3://search/output"},
                   "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
                   "StoppingCondition": {"MaxRuntimeInSeconds": 600}}%s}
                """.formatted(name, config, pause, extra);
    }

    private DescribeHyperParameterTuningJobResponse run(String json) throws InterruptedException {
        var document = io.tuneflow.core.request.TuningRequestReader.read("request.json", json);
        assertThat(document.report().errors()).isEmpty();
        var request = document.validRequest().sageMakerRequest();
        sageMaker.createHyperParameterTuningJob(request);
        engine.awaitEnd(request.hyperParameterTuningJobName());
        return sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(request.hyperParameterTuningJobName()));
    }

    private List<Trial> trials(String tuningJob) {
        return engine.tuningJob(tuningJob).trials();
    }

    @Test
    void autoEarlyStoppingStopsTrialsWorseThanTheMedianAndKeepsTheirObjective() throws Exception {
        DescribeHyperParameterTuningJobResponse described = run(request("median", """
                "Strategy": "Random", "TrainingJobEarlyStoppingType": "Auto",
                "ResourceLimits": {"MaxNumberOfTrainingJobs": 10, "MaxParallelTrainingJobs": 1}""", "0.1", ""));

        assertThat(described.hyperParameterTuningJobStatusAsString()).isEqualTo("Completed");
        List<Trial> trials = trials("median");
        assertThat(trials).hasSize(10);
        List<Trial> stopped = trials.stream().filter(t -> t.status().equals("Stopped")).toList();
        assertThat(stopped).as("with one trial at a time, some of 10 random x are worse than the median of the earlier ones")
                .isNotEmpty();
        assertThat(described.trainingJobStatusCounters().stopped()).isEqualTo(stopped.size());
        assertThat(described.trainingJobStatusCounters().completed()).isEqualTo(10 - stopped.size());
        for (Trial t : stopped) {
            // stopped at the first epoch the rule could judge, far from the ninth
            assertThat(t.objectiveCurve()).hasSizeLessThan(9);
            assertThat(t.objectiveStatus()).isEqualTo("Succeeded");
            assertThat(t.objective()).isEqualTo(t.objectiveCurve().get(t.objectiveCurve().size() - 1));
            // the rule, checked from the outside: at the epoch of its first value after the stop decision, the trial
            // was worse than the median running average of the trials before it
            int epoch = firstEpochWorseThanMedian(t, trials);
            assertThat(epoch).as(t.trainingJobName()).isPositive();
        }
        // the first three trials can never be stopped: there are not three previous ones to judge against
        assertThat(trials.subList(0, 3)).allSatisfy(t -> assertThat(t.status()).isEqualTo("Completed"));
    }

    private static int firstEpochWorseThanMedian(Trial trial, List<Trial> all) {
        for (int epoch = 1; epoch <= trial.objectiveCurve().size(); epoch++) {
            List<Double> averages = new ArrayList<>();
            for (Trial previous : all.subList(0, trial.index() - 1)) {
                if (previous.objectiveCurve().size() >= epoch) {
                    averages.add(previous.objectiveCurve().subList(0, epoch).stream().mapToDouble(Double::doubleValue).average().orElseThrow());
                }
            }
            if (averages.size() >= 3) {
                double[] sorted = averages.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
                if (trial.objectiveCurve().get(epoch - 1) > median) {
                    return epoch;
                }
            }
        }
        return -1;
    }

    @Test
    void hyperbandStopsTrialsAtTheRungsOfTheirBracketAndLetsBracketZeroRun() throws Exception {
        DescribeHyperParameterTuningJobResponse described = run(request("hyperband", """
                "Strategy": "Hyperband", "TrainingJobEarlyStoppingType": "Off",
                "StrategyConfig": {"HyperbandStrategyConfig": {"MinResource": 1, "MaxResource": 9}},
                "ResourceLimits": {"MaxNumberOfTrainingJobs": 12, "MaxParallelTrainingJobs": 2}""", "0.1", ""));

        assertThat(described.hyperParameterTuningJobStatusAsString()).isEqualTo("Completed");
        List<Trial> trials = trials("hyperband");
        assertThat(trials).hasSize(12);
        HyperbandSchedule schedule = new HyperbandSchedule(1, 9);
        List<Trial> stopped = trials.stream().filter(t -> t.status().equals("Stopped")).toList();
        assertThat(stopped).isNotEmpty();
        for (Trial t : stopped) {
            int bracket = schedule.bracketOf(t.index());
            assertThat(bracket).as("bracket 0 never stops a trial").isPositive();
            // stopped at one of its rungs: the last value logged is that rung's, or one more that raced the stop
            int logged = t.objectiveCurve().size();
            assertThat(schedule.rungs(bracket)).anySatisfy(rung -> assertThat(logged).isBetween(rung, rung + 1));
        }
        trials.stream().filter(t -> schedule.bracketOf(t.index()) == 0)
                .forEach(t -> assertThat(t.status()).isEqualTo("Completed"));
        int epochs = trials.stream().mapToInt(t -> t.objectiveCurve().size()).sum();
        assertThat(epochs).as("epochs trained in all").isLessThan(12 * 9);
        // the best trial trained to the end: stopping only cut trials that were behind
        assertThat(described.bestTrainingJob().trainingJobStatusAsString()).isEqualTo("Completed");
    }

    @Test
    void bestObjectiveNotImprovingEndsTheJobEarlyAndDescribeCountsTheJobs() throws Exception {
        DescribeHyperParameterTuningJobResponse described = run(request("plateau", """
                "Strategy": "Random",
                "TuningJobCompletionCriteria": {"BestObjectiveNotImproving": {"MaxNumberOfTrainingJobsNotImproving": 3}},
                "ResourceLimits": {"MaxNumberOfTrainingJobs": 40, "MaxParallelTrainingJobs": 1}""", "0", ""));

        assertThat(described.hyperParameterTuningJobStatusAsString()).isEqualTo("Completed");
        assertThat(described.tuningJobCompletionDetails().numberOfTrainingJobsObjectiveNotImproving()).isEqualTo(3);
        assertThat(io.tuneflow.core.orchestration.CompletionReason.of(described)).isEqualTo("BestObjectiveNotImproving");
        List<Trial> trials = trials("plateau");
        assertThat(trials.size()).isLessThan(40);
        // the last three did not improve on the best before them by 1%
        List<Trial> done = trials.stream().filter(t -> t.objective() != null).toList();
        double bestBefore = done.subList(0, done.size() - 3).stream().mapToDouble(Trial::objective).min().orElseThrow();
        assertThat(done.subList(done.size() - 3, done.size())).allSatisfy(t -> assertThat(t.objective()).isGreaterThan(bestBefore * 0.99));
        assertThat(described.consumedResources().runtimeInSeconds()).isNotNull();
    }

    @Test
    void theTargetObjectiveEndsTheJobAndStopsTheTrialsStillRunning() throws Exception {
        DescribeHyperParameterTuningJobResponse described = run(request("target", """
                "Strategy": "Random", "TuningJobCompletionCriteria": {"TargetObjectiveMetricValue": 0.2},
                "ResourceLimits": {"MaxNumberOfTrainingJobs": 30, "MaxParallelTrainingJobs": 2}""", "0.05", ""));

        assertThat(described.hyperParameterTuningJobStatusAsString()).isEqualTo("Completed");
        assertThat(io.tuneflow.core.orchestration.CompletionReason.of(described)).isEqualTo("TargetObjectiveMetricValue");
        assertThat(described.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric().value()).isLessThanOrEqualTo(0.2f);
        List<Trial> trials = trials("target");
        assertThat(trials.size()).isLessThan(30);
        assertThat(trials).noneSatisfy(t -> assertThat(t.running()).isTrue());
    }

    @Test
    void warmStartFromAParentReportsTheOverallBestAndRejectsWhatSageMakerRejects() throws Exception {
        run(request("parent", """
                "Strategy": "Random", "ResourceLimits": {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 2}""", "0", ""));
        TuningJob parent = engine.tuningJob("parent");
        String warmStart = """
                , "WarmStartConfig": {"WarmStartType": "IdenticalDataAndAlgorithm",
                   "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "%s"}]}""";
        DescribeHyperParameterTuningJobResponse child = run(request("child", """
                "Strategy": "Random", "ResourceLimits": {"MaxNumberOfTrainingJobs": 3, "MaxParallelTrainingJobs": 1}""", "0",
                warmStart.formatted("parent")).replace("\"RandomSeed\": 11", "\"RandomSeed\": 99"));

        assertThat(child.hyperParameterTuningJobStatusAsString()).isEqualTo("Completed");
        assertThat(child.warmStartConfig().parentHyperParameterTuningJobs()).hasSize(1);
        // the parents' trials, as observations in the child's space (what a learning strategy starts from)
        var prior = io.tuneflow.engine.tuning.WarmStart.priorTrials(List.of(parent),
                io.tuneflow.engine.tuning.SearchSpace.of(engine.tuningJob("child").request().hyperParameterTuningJobConfig().parameterRanges()));
        assertThat(prior).hasSize(4).allSatisfy(t -> assertThat(t.tunedHyperParameters()).containsOnlyKeys("x"));
        double parentBest = parent.best().orElseThrow().objective();
        double childBest = engine.tuningJob("child").best().orElseThrow().objective();
        assertThat(child.overallBestTrainingJob().finalHyperParameterTuningJobObjectiveMetric().value())
                .isEqualTo((float) Math.min(parentBest, childBest));
        assertThat(child.overallBestTrainingJob().tuningJobName()).isEqualTo(parentBest <= childBest ? "parent" : "child");

        assertThatThrownBy(() -> run(request("orphan", """
                "Strategy": "Random", "ResourceLimits": {"MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 1}""", "0",
                warmStart.formatted("no-such-parent"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("no-such-parent");
        String otherObjective = request("other-objective", """
                "Strategy": "Random", "ResourceLimits": {"MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 1}""", "0",
                warmStart.formatted("parent")).replace("\"Type\": \"Minimize\"", "\"Type\": \"Maximize\"");
        assertThatThrownBy(() -> run(otherObjective)).isInstanceOf(SageMakerException.class)
                .satisfies(e -> assertThat(((SageMakerException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("objective");
    }
}
