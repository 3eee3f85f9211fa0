package io.tuneflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static final String VALID = """
            HyperParameterTuningJobName: cli-test
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
                MetricDefinitions: [{Name: loss, Regex: "loss=([0-9.]+)"}]
              RoleArn: arn:aws:iam::111122223333:role/SageMakerExecutionRole
              OutputDataConfig: {S3OutputPath: "s3://bucket/output"}
              ResourceConfig: {InstanceType: ml.m5.large, InstanceCount: 1, VolumeSizeInGB: 5}
              StoppingCondition: {MaxRuntimeInSeconds: 600}
              Environment: {SM_LOG_LEVEL: "10"}
            """;

    @Test
    void validDocumentExitsZero() throws IOException {
        CliRun run = CliRun.of("validate", write("ok.yaml", VALID).toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ok.yaml: valid");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void invalidDocumentExitsTwoWithPathLineAndFix() throws IOException {
        Path bad = write("bad.yaml", VALID.replace("SM_LOG_LEVEL: \"10\"", "SM_LOG_LEVEL: 10"));
        CliRun run = CliRun.of("validate", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out())
                .contains("invalid: 1 error")
                .contains("bad.yaml:17:31 $.TrainingJobDefinition.Environment.SM_LOG_LEVEL")
                .contains("fix: Put the value in quotes: SM_LOG_LEVEL: \"10\".");
    }

    @Test
    void jsonOutputIsOneObjectPerFile() throws IOException {
        Path ok = write("ok.yaml", VALID);
        Path bad = write("bad.yaml", VALID.replace("Strategy: Random", "Strategy: random"));
        CliRun run = CliRun.of("validate", "--output", "json", ok.toString(), bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines[0]);
        JsonNode second = JSON.readTree(lines[1]);
        assertThat(first.get("file").asText()).endsWith("ok.yaml");
        assertThat(first.get("valid").asBoolean()).isTrue();
        assertThat(second.get("valid").asBoolean()).isFalse();
        JsonNode error = second.get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo("$.HyperParameterTuningJobConfig.Strategy");
        assertThat(error.get("fix").asText()).contains("Did you mean \"Random\"");
        assertThat(error.get("line").asInt()).isEqualTo(3);
        assertThat(second.get("warnings").isArray()).isTrue();
    }

    @Test
    void malformedAndMissingFilesAreInvalidInputWithoutStackTraces() throws IOException {
        Path malformed = write("broken.json", "{\"HyperParameterTuningJobName\": \"x\",}");
        CliRun run = CliRun.of("validate", malformed.toString(), dir.resolve("nope.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("broken.json:1:").contains("trailing comma").contains("File not found");
        assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun run = CliRun.of("validate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter").contains("--help");
        assertThat(CliRun.of("validate", "--output", "xml", "x.json").exitCode()).isEqualTo(2);
    }

    @Test
    void helpAndVersion() {
        CliRun help = CliRun.of("validate", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: tuneflow validate").contains("--output");
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("tuneflow ");
    }
}
