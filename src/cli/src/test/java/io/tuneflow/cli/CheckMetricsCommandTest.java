package io.tuneflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMetricsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String REQUEST = """
            HyperParameterTuningJobName: metrics-test
            HyperParameterTuningJobConfig:
              Strategy: Random
              HyperParameterTuningJobObjective: {Type: Minimize, MetricName: loss}
              ResourceLimits: {MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2}
              ParameterRanges:
                ContinuousParameterRanges: [{Name: lr, MinValue: "0.001", MaxValue: "0.1", ScalingType: Logarithmic}]
            TrainingJobDefinition:
              AlgorithmSpecification:
                TrainingImage: 111122223333.dkr.ecr.us-east-1.amazonaws.com/my-trainer:latest
                TrainingInputMode: File
                MetricDefinitions:
                  - {Name: loss, Regex: "loss=([0-9.]+)"}
                  - {Name: acc, Regex: "acc=(.*?);"}
              RoleArn: arn:aws:iam::111122223333:role/SageMakerExecutionRole
              OutputDataConfig: {S3OutputPath: "s3://bucket/output"}
              ResourceConfig: {InstanceType: ml.m5.large, InstanceCount: 1, VolumeSizeInGB: 5}
              StoppingCondition: {MaxRuntimeInSeconds: 600}
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void objectiveMatchedExitsZeroAndJsonListsEveryMetric() throws IOException {
        Path request = file("r.yaml", REQUEST);
        Path log = file("train.log", "epoch 1 loss=0.9 acc=0.5;\r\nepoch 2 loss=0.4 acc=n/a;\r\n");
        CliRun run = CliRun.of("check-metrics", "--request", request.toString(), "--log", log.toString(), "--output", "json");
        assertThat(run.exitCode()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("objective").asText()).isEqualTo("loss");
        JsonNode loss = result.get("metrics").get(0);
        assertThat(loss.get("name").asText()).isEqualTo("loss");
        assertThat(loss.get("matches").asInt()).isEqualTo(2);
        assertThat(loss.get("values")).extracting(JsonNode::asDouble).containsExactly(0.9, 0.4);
        assertThat(loss.get("final").asDouble()).isEqualTo(0.4);
        JsonNode acc = result.get("metrics").get(1);
        assertThat(acc.get("final").asDouble()).isEqualTo(0.5);
        assertThat(result.get("problems")).extracting(p -> p.get("code").asText())
                .contains("captures-non-number", "non-numeric-captures");
    }

    @Test
    void objectiveThatNeverMatchesExitsTwo() throws IOException {
        Path request = file("r.yaml", REQUEST);
        Path log = file("train.log", "epoch 1 Loss: 0.9\n");
        CliRun run = CliRun.of("check-metrics", "--request", request.toString(), "--log", log.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("loss (objective)").contains("objective-never-matched");
    }

    @Test
    void invalidRequestExitsTwoAndMissingLogIsAUserError() throws IOException {
        Path request = file("r.yaml", REQUEST.replace("Strategy: Random", "Strategy: random"));
        Path log = file("train.log", "loss=0.1\n");
        CliRun run = CliRun.of("check-metrics", "--request", request.toString(), "--log", log.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("request-invalid");

        CliRun missing = CliRun.of("check-metrics", "--request", request.toString(), "--log", dir.resolve("nope.log").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the log").doesNotContain("Exception");
    }
}
