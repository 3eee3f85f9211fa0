package io.tuneflow.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tuneflow.engine.tuning.Dimension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

public class ProblemFileTest {

    static final Path PROBLEMS = Path.of("../../bench/problems");

    @TempDir
    Path dir;

    /** The problem files in bench/problems, in file-name order (the order the bench command runs them in). */
    public static Stream<Path> problemFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROBLEMS)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(3);
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("problemFiles")
    void everyProblemReachesItsKnownOptimumWhereTheFileSays(Path file) {
        BenchProblem problem = ProblemFile.read(file);
        double value = problem.objective().valueAt(new HyperParameterStrings(problem.optimumAt()));
        assertThat(value).isCloseTo(problem.knownOptimum(), within(1e-5));
    }

    @Test
    void readsBraninAsAContinuousTwoDimensionalMinimization() {
        BenchProblem branin = ProblemFile.read(PROBLEMS.resolve("branin.json"));
        assertThat(branin.name()).isEqualTo("branin");
        assertThat(branin.maximize()).isFalse();
        assertThat(branin.knownOptimum()).isEqualTo(0.397887);
        assertThat(branin.space().dimensions()).containsExactly(
                new Dimension.Continuous("x1", -5, 10, "Linear"), new Dimension.Continuous("x2", 0, 15, "Linear"));
    }

    @Test
    void theMixedSpaceResolvesAutoScalingAsTheEngineDoes() {
        BenchProblem mixed = ProblemFile.read(PROBLEMS.resolve("training-loss.json"));
        assertThat(mixed.space().dimensions()).containsExactly(
                new Dimension.Integer("num_layers", 1, 8, "Linear"),
                new Dimension.Continuous("learning_rate", 0.00001, 0.1, "Logarithmic"),
                new Dimension.Categorical("optimizer", List.of("sgd", "momentum", "adam")));
    }

    @Test
    void aBadFileIsReportedWithFileLineAndFieldOfEveryProblem() throws IOException {
        Path file = write("bad.json", """
                {
                  "Objective": {"Function": "branin", "Type": "Minimise",
                                "KnownOptimum": {"Value": 0.397887, "HyperParameters": {"x1": "3.14", "x2": "2.275"}}},
                  "ParameterRanges": {
                    "ContinuousParameterRanges": [
                      {"Name": "x1", "MinValue": -5, "MaxValue": "10"},
                      {"Name": "x2", "MinValue": "0", "MaxValue": "15", "ScalingTyp": "Linear"}
                    ]
                  }
                }
                """);
        assertThatThrownBy(() -> ProblemFile.read(file))
                .isInstanceOf(InvalidProblemFileException.class)
                .satisfies(e -> assertThat(((InvalidProblemFileException) e).problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith(file + ":2:").contains("$.Objective.Type", "\"Minimise\" is not a direction",
                                "\"Maximize\""),
                        p -> assertThat(p).startsWith(file + ":6:").contains("$.ParameterRanges.ContinuousParameterRanges[0].MinValue",
                                "string"),
                        p -> assertThat(p).startsWith(file + ":7:").contains("$.ParameterRanges.ContinuousParameterRanges[1].ScalingTyp",
                                "Did you mean \"ScalingType\"")));
    }

    @Test
    void noiseIsOptionalAndMustBePositive() throws IOException {
        assertThat(ProblemFile.read(PROBLEMS.resolve("branin.json")).noise()).isZero();
        assertThat(ProblemFile.read(PROBLEMS.resolve("noisy-accuracy.json")).noise()).isEqualTo(0.002);
        Path file = write("noise.json", """
                {"Objective": {"Function": "branin", "Type": "Minimize", "Noise": {"StandardDeviation": -1},
                   "KnownOptimum": {"Value": 0.397887, "HyperParameters": {"x1": "3.14", "x2": "2.275"}}},
                 "ParameterRanges": {"ContinuousParameterRanges": [
                   {"Name": "x1", "MinValue": "-5", "MaxValue": "10"}, {"Name": "x2", "MinValue": "0", "MaxValue": "15"}]}}
                """);
        assertThatThrownBy(() -> ProblemFile.read(file))
                .hasMessageContaining(file + ":1:")
                .hasMessageContaining("$.Objective.Noise.StandardDeviation: The noise's standard deviation must be above 0")
                .hasMessageContaining("leave Noise out");
    }

    @Test
    void anUnknownFunctionSuggestsTheNearestName() throws IOException {
        Path file = write("typo.json", branin("\"Function\": \"branninn\"", "\"x1\""));
        assertThatThrownBy(() -> ProblemFile.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("$.Objective.Function")
                .hasMessageContaining("Did you mean \"branin\"");
    }

    @Test
    void theRangesMustTuneExactlyWhatTheFunctionReads() throws IOException {
        Path file = write("names.json", branin("\"Function\": \"branin\"", "\"y1\""));
        assertThatThrownBy(() -> ProblemFile.read(file))
                .hasMessageContaining("$.ParameterRanges: The ranges tune [x2, y1] but branin reads [x1, x2]");
    }

    @Test
    void boundsMustMakeAnIntervalTheScaleAllows() throws IOException {
        Path file = write("bounds.json", """
                {"Objective": {"Function": "hartmann6", "Type": "Minimize",
                   "KnownOptimum": {"Value": -3.32237, "HyperParameters": {"x1": "0", "x2": "0", "x3": "0", "x4": "0", "x5": "0", "x6": "0"}}},
                 "ParameterRanges": {"ContinuousParameterRanges": [
                   {"Name": "x1", "MinValue": "0", "MaxValue": "1", "ScalingType": "Logarithmic"},
                   {"Name": "x2", "MinValue": "1", "MaxValue": "0"},
                   {"Name": "x3", "MinValue": "zero", "MaxValue": "1"},
                   {"Name": "x4", "MinValue": "0", "MaxValue": "1", "ScalingType": "ReverseLogarithmic"},
                   {"Name": "x5", "MinValue": "0", "MaxValue": "1"},
                   {"Name": "x6", "MinValue": "0", "MaxValue": "1"}]}}
                """);
        assertThatThrownBy(() -> ProblemFile.read(file))
                .isInstanceOf(InvalidProblemFileException.class)
                .satisfies(e -> assertThat(((InvalidProblemFileException) e).problems()).satisfiesExactly(
                        p -> assertThat(p).contains("ContinuousParameterRanges[0].ScalingType", "Logarithmic scaling needs MinValue > 0"),
                        p -> assertThat(p).contains("ContinuousParameterRanges[1]", "MinValue must be below MaxValue"),
                        p -> assertThat(p).contains("ContinuousParameterRanges[2].MinValue", "\"zero\" is not a finite number"),
                        p -> assertThat(p).contains("ContinuousParameterRanges[3].ScalingType", "0 <= x < 1")));
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path file = write("broken.json", "{\n  \"Objective\": {,\n}\n");
        assertThatThrownBy(() -> ProblemFile.read(file))
                .isInstanceOf(InvalidProblemFileException.class)
                .hasMessageStartingWith(file + ":2:");
    }

    @Test
    void missingSectionsAreNamed() throws IOException {
        Path file = write("empty.json", "{\"Description\": \"nothing else\"}");
        assertThatThrownBy(() -> ProblemFile.read(file))
                .hasMessageContaining("$.Objective: Objective is required")
                .hasMessageContaining("$.ParameterRanges: ParameterRanges is required");
    }

    private static String branin(String function, String firstName) {
        return """
                {"Objective": {%s, "Type": "Minimize",
                   "KnownOptimum": {"Value": 0.397887, "HyperParameters": {"x1": "3.14", "x2": "2.275"}}},
                 "ParameterRanges": {"ContinuousParameterRanges": [
                   {"Name": %s, "MinValue": "-5", "MaxValue": "10"},
                   {"Name": "x2", "MinValue": "0", "MaxValue": "15"}]}}
                """.formatted(function, firstName);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
