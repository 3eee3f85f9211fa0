package io.tuneflow.core.validation;

import static io.tuneflow.core.TestDocuments.GRID;
import static io.tuneflow.core.TestDocuments.HYPERBAND;
import static io.tuneflow.core.TestDocuments.SINGLE;
import static io.tuneflow.core.validation.RuleCase.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.tuneflow.core.TestDocuments;
import io.tuneflow.core.validation.Problem;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The service model's per-field constraints, checked generically, at their edges. */
class ShapeConstraintTest {

    private static final String C = "$.HyperParameterTuningJobConfig";
    private static final String PR = C + ".ParameterRanges";
    private static final String TD = "$.TrainingJobDefinition";

    static List<RuleCase> cases() {
        return List.of(
                // required members
                doc(SINGLE).remove("$.HyperParameterTuningJobName").rejects("shape.required", "$.HyperParameterTuningJobName"),
                doc(SINGLE).remove(TD + ".RoleArn").rejects("shape.required", TD + ".RoleArn"),
                doc(SINGLE).remove(C + ".ResourceLimits.MaxParallelTrainingJobs")
                        .rejects("shape.required", C + ".ResourceLimits.MaxParallelTrainingJobs"),
                doc(SINGLE).remove(PR + ".ContinuousParameterRanges[0].Name").rejects("shape.required", PR + ".ContinuousParameterRanges[0].Name"),
                // lengths
                doc(SINGLE).set("$.HyperParameterTuningJobName", "\"" + "a".repeat(32) + "\"").accepts("shape.length"),
                doc(SINGLE).set("$.HyperParameterTuningJobName", "\"" + "a".repeat(33) + "\"").rejects("shape.length", "$.HyperParameterTuningJobName"),
                doc(SINGLE).set(TD + ".Environment.SM_LOG_LEVEL", "\"" + "1".repeat(512) + "\"").accepts("shape.length"),
                doc(SINGLE).set(TD + ".Environment.SM_LOG_LEVEL", "\"" + "1".repeat(513) + "\"").rejects("shape.length", TD + ".Environment.SM_LOG_LEVEL"),
                doc(SINGLE).set(TD + ".AlgorithmSpecification.MetricDefinitions[0].Regex", "\"\"")
                        .rejects("shape.length", TD + ".AlgorithmSpecification.MetricDefinitions[0].Regex"),
                // patterns: whole value must match, as SageMaker checks it
                doc(SINGLE).set("$.HyperParameterTuningJobName", "\"tf_mnist\"").rejects("shape.pattern", "$.HyperParameterTuningJobName"),
                doc(SINGLE).set("$.HyperParameterTuningJobName", "\"tf-mnist-\"").rejects("shape.pattern", "$.HyperParameterTuningJobName"),
                doc(SINGLE).set("$.HyperParameterTuningJobName", "\"tf--mnist-2\"").accepts("shape.pattern"),
                doc(SINGLE).set(TD + ".RoleArn", "\"SageMakerExecutionRole\"").rejects("shape.pattern", TD + ".RoleArn"),
                doc(SINGLE).set(TD + ".Environment['1BAD']", "\"x\"").rejects("shape.pattern", TD + ".Environment['1BAD']"),
                doc(SINGLE).set(TD + ".Environment._GOOD_1", "\"x\"").accepts("shape.pattern"),
                doc(SINGLE).set(TD + ".StaticHyperParameters.note", "\"two\\nlines\"").rejects("shape.pattern", TD + ".StaticHyperParameters.note"),
                doc(SINGLE).set(TD + ".Environment.NOTE", "\"two\\nlines\"").accepts("shape.pattern"),
                doc(SINGLE).set(TD + ".OutputDataConfig.S3OutputPath", "\"bucket/prefix\"").rejects("shape.pattern", TD + ".OutputDataConfig.S3OutputPath"),
                // enums
                doc(SINGLE).set(C + ".Strategy", "\"bayesian\"").rejects("shape.enum", C + ".Strategy"),
                doc(SINGLE).set(C + ".Strategy", "\"Random\"").accepts("shape.enum"),
                doc(SINGLE).set(PR + ".ContinuousParameterRanges[0].ScalingType", "\"Log\"").rejects("shape.enum", PR + ".ContinuousParameterRanges[0].ScalingType"),
                // numeric ranges
                doc(SINGLE).set(C + ".ResourceLimits.MaxRuntimeInSeconds", "119").rejects("shape.range", C + ".ResourceLimits.MaxRuntimeInSeconds"),
                doc(SINGLE).set(C + ".ResourceLimits.MaxRuntimeInSeconds", "120").accepts("shape.range"),
                doc(SINGLE).set(C + ".ResourceLimits.MaxRuntimeInSeconds", "15768000").accepts("shape.range"),
                doc(SINGLE).set(C + ".ResourceLimits.MaxRuntimeInSeconds", "15768001").rejects("shape.range", C + ".ResourceLimits.MaxRuntimeInSeconds"),
                doc(SINGLE).set(C + ".ResourceLimits.MaxParallelTrainingJobs", "0").rejects("shape.range", C + ".ResourceLimits.MaxParallelTrainingJobs"),
                doc(SINGLE).set(C + ".TuningJobCompletionCriteria.BestObjectiveNotImproving.MaxNumberOfTrainingJobsNotImproving", "2")
                        .rejects("shape.range", C + ".TuningJobCompletionCriteria.BestObjectiveNotImproving.MaxNumberOfTrainingJobsNotImproving"),
                doc(SINGLE).set(C + ".TuningJobCompletionCriteria.BestObjectiveNotImproving.MaxNumberOfTrainingJobsNotImproving", "3").accepts("shape.range"),
                doc(SINGLE).set(C + ".ResourceLimits.MaxNumberOfTrainingJobs", "3000000000").rejects("shape.range", C + ".ResourceLimits.MaxNumberOfTrainingJobs"),
                // list and map sizes
                doc(GRID).set(PR + ".CategoricalParameterRanges[0].Values", strings(30)).accepts("shape.size"),
                doc(GRID).set(PR + ".CategoricalParameterRanges[0].Values", strings(31)).rejects("shape.size", PR + ".CategoricalParameterRanges[0].Values"),
                doc(GRID).set(PR + ".CategoricalParameterRanges[0].Values", "[]").rejects("shape.size", PR + ".CategoricalParameterRanges[0].Values"),
                doc(SINGLE).set(TD + ".AlgorithmSpecification.MetricDefinitions", metrics(40)).accepts("shape.size"),
                doc(SINGLE).set(TD + ".AlgorithmSpecification.MetricDefinitions", metrics(41)).rejects("shape.size", TD + ".AlgorithmSpecification.MetricDefinitions"),
                doc(SINGLE).set(TD + ".Environment", environment(48)).accepts("shape.size"),
                doc(SINGLE).set(TD + ".Environment", environment(49)).rejects("shape.size", TD + ".Environment"),
                doc(SINGLE).set("$.WarmStartConfig", "{\"WarmStartType\": \"TransferLearning\", \"ParentHyperParameterTuningJobs\": []}")
                        .rejects("shape.size", "$.WarmStartConfig.ParentHyperParameterTuningJobs"),
                doc(SINGLE).set("$.WarmStartConfig", "{\"WarmStartType\": \"TransferLearning\", \"ParentHyperParameterTuningJobs\": "
                        + IntStream.range(0, 6).mapToObj(i -> "{\"HyperParameterTuningJobName\": \"p" + i + "\"}").collect(Collectors.joining(",", "[", "]")) + "}")
                        .rejects("shape.size", "$.WarmStartConfig.ParentHyperParameterTuningJobs"),
                doc(SINGLE).copy(TD, "$.TrainingJobDefinitions[0]").remove(TD).set("$.TrainingJobDefinitions", "[]")
                        .rejects("shape.size", "$.TrainingJobDefinitions"),
                // types, as strict as the AWS CLI
                doc(SINGLE).set(TD + ".Environment.SM_LOG_LEVEL", "10").rejects("shape.type", TD + ".Environment.SM_LOG_LEVEL"),
                doc(SINGLE).set(TD + ".Environment", "[{\"SM_LOG_LEVEL\": 10}]").rejects("shape.type", TD + ".Environment"),
                doc(SINGLE).set(PR + ".ContinuousParameterRanges[0].MinValue", "0.001").rejects("shape.type", PR + ".ContinuousParameterRanges[0].MinValue"),
                doc(SINGLE).set(C + ".ResourceLimits.MaxParallelTrainingJobs", "\"3\"").rejects("shape.type", C + ".ResourceLimits.MaxParallelTrainingJobs"),
                doc(SINGLE).set(C + ".ResourceLimits.MaxParallelTrainingJobs", "3.0").rejects("shape.type", C + ".ResourceLimits.MaxParallelTrainingJobs"),
                doc(SINGLE).set(TD + ".EnableManagedSpotTraining", "\"false\"").rejects("shape.type", TD + ".EnableManagedSpotTraining"),
                doc(SINGLE).set("$.Tags", "{\"team\": \"ml\"}").rejects("shape.type", "$.Tags"),
                doc(SINGLE).set(C + ".TuningJobCompletionCriteria.TargetObjectiveMetricValue", "\"0.05\"")
                        .rejects("shape.type", C + ".TuningJobCompletionCriteria.TargetObjectiveMetricValue"),
                doc(SINGLE).set(C + ".TuningJobCompletionCriteria.TargetObjectiveMetricValue", "1").accepts("shape.type"),
                doc(SINGLE).set(C + ".ParameterRanges", "null").rejects("shape.type", C + ".ParameterRanges"),
                doc(SINGLE).set(TD + ".InputDataConfig", "{\"ChannelName\": \"training\"}").rejects("shape.type", TD + ".InputDataConfig"),
                // unknown fields
                doc(SINGLE).set("$.HyperParameterTuningJobConfg", "{}").rejects("shape.unknown-field", "$.HyperParameterTuningJobConfg"),
                doc(SINGLE).set(PR + ".ContinuousParameterRanges[0].Scaling", "\"Linear\"")
                        .rejects("shape.unknown-field", PR + ".ContinuousParameterRanges[0].Scaling"),
                doc(SINGLE).set("$.Tuneflow.Pipeline", "\"x\"").rejects("shape.unknown-field", "$.Tuneflow.Pipeline"),
                doc(HYPERBAND).accepts("shape.unknown-field"),
                doc(SINGLE).set("$.Tuneflow.PipelineName", "\"bad_name\"").rejects("shape.pattern", "$.Tuneflow.PipelineName"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void constraintHoldsAtItsEdges(RuleCase ruleCase) {
        ruleCase.verify();
    }

    @Test
    void typeErrorsSayHowToWriteTheValue() {
        var report = TestDocuments.read(TestDocuments.set(TestDocuments.load(SINGLE), TD + ".Environment", "[{\"SM_LOG_LEVEL\": 10}, {\"A\": true}]")).report();
        Problem problem = report.errors().stream().filter(p -> p.path().toString().equals(TD + ".Environment")).findFirst().orElseThrow();
        assertThat(problem.fix()).contains("{\"SM_LOG_LEVEL\":\"10\",\"A\":\"true\"}");

        report = TestDocuments.read(TestDocuments.set(TestDocuments.load(SINGLE), "$.Tags", "{\"team\": \"ml\"}")).report();
        problem = report.errors().stream().filter(p -> p.path().toString().equals("$.Tags")).findFirst().orElseThrow();
        assertThat(problem.fix()).contains("[{\"Key\":\"team\",\"Value\":\"ml\"}]");
    }

    @Test
    void yamlScalarsThatAreNotStringsAreQuotedAsWritten() {
        var report = io.tuneflow.core.request.TuningRequestReader.read("r.yaml", """
                HyperParameterTuningJobName: yaml-scalars
                HyperParameterTuningJobConfig:
                  Strategy: Random
                  TrainingJobEarlyStoppingType: Off
                  ResourceLimits: {MaxNumberOfTrainingJobs: 2, MaxParallelTrainingJobs: 1}
                  ParameterRanges:
                    CategoricalParameterRanges: [{Name: depth, Values: ["3", 010]}]
                """).report();
        assertThat(report.errors()).anySatisfy(p -> {
            assertThat(p.path().toString()).isEqualTo(C + ".TrainingJobEarlyStoppingType");
            assertThat(p.fix()).isEqualTo("Put the value in quotes: TrainingJobEarlyStoppingType: \"Off\" (unquoted, YAML reads Off as false).");
        });
        assertThat(report.errors()).anySatisfy(p -> {
            assertThat(p.path().toString()).isEqualTo(PR + ".CategoricalParameterRanges[0].Values[1]");
            assertThat(p.fix()).contains("\"010\"");
        });
    }

    @Test
    void unknownFieldsSuggestTheNearestName() {
        var report = TestDocuments.read(TestDocuments.set(TestDocuments.load(SINGLE), "$.hyperParameterTuningJobName", "\"x\"")).report();
        assertThat(report.errors()).anySatisfy(p -> {
            assertThat(p.rule()).isEqualTo("shape.unknown-field");
            assertThat(p.fix()).startsWith("Did you mean \"HyperParameterTuningJobName\"?");
        });
        report = TestDocuments.read(TestDocuments.set(TestDocuments.load(SINGLE), C + ".Strategy", "\"Baysian\"")).report();
        assertThat(report.errors()).anySatisfy(p -> assertThat(p.fix()).startsWith("Did you mean \"Bayesian\"?"));
    }

    @Test
    void allErrorsAreReportedAtOnce() {
        var document = TestDocuments.load(SINGLE);
        TestDocuments.set(document, "$.HyperParameterTuningJobName", "\"bad_name\"");
        TestDocuments.set(document, C + ".Strategy", "\"Bayes\"");
        TestDocuments.set(document, TD + ".Environment.SM_LOG_LEVEL", "10");
        TestDocuments.set(document, PR + ".ContinuousParameterRanges[0].MinValue", "\"0\"");
        var report = TestDocuments.read(document).report();
        assertThat(report.errors()).extracting(p -> p.rule()).contains("shape.pattern", "shape.enum", "shape.type", "range.logarithmic-min");
    }

    private static String strings(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"v" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String metrics(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"Name\": \"" + (i == 0 ? "loss" : "m" + i) + "\", \"Regex\": \"m" + i + "=([0-9.]+)\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String environment(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"VAR_" + i + "\": \"x\"").collect(Collectors.joining(",", "{", "}"));
    }
}
