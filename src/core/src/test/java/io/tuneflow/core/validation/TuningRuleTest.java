package io.tuneflow.core.validation;

import static io.tuneflow.core.TestDocuments.GRID;
import static io.tuneflow.core.TestDocuments.HYPERBAND;
import static io.tuneflow.core.TestDocuments.MULTI;
import static io.tuneflow.core.TestDocuments.SINGLE;
import static io.tuneflow.core.validation.RuleCase.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.tuneflow.core.validation.rules.TuningRule;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each tuning rule at its edges: the last valid value and the first invalid one. */
class TuningRuleTest {

    private static final String C = "$.HyperParameterTuningJobConfig";
    private static final String PR = C + ".ParameterRanges";
    private static final String TD = "$.TrainingJobDefinition";
    private static final String TDS = "$.TrainingJobDefinitions";

    static List<RuleCase> cases() {
        return List.of(
                // ranges: value formats and order
                doc(SINGLE).set(PR + ".IntegerParameterRanges[0].MinValue", "\"1.5\"")
                        .rejects("range.integer-format", PR + ".IntegerParameterRanges[0].MinValue"),
                doc(SINGLE).set(PR + ".IntegerParameterRanges[0].MinValue", "\"-3\"").accepts("range.integer-format"),
                doc(SINGLE).set(PR + ".ContinuousParameterRanges[0].MaxValue", "\"abc\"")
                        .rejects("range.continuous-format", PR + ".ContinuousParameterRanges[0].MaxValue"),
                doc(SINGLE).set(PR + ".ContinuousParameterRanges[0].MaxValue", "\"1e-1\"").accepts("range.continuous-format"),
                doc(SINGLE).set(PR + ".IntegerParameterRanges[0].MinValue", "\"11\"")
                        .rejects("range.min-le-max", PR + ".IntegerParameterRanges[0].MinValue"),
                doc(SINGLE).set(PR + ".IntegerParameterRanges[0].MinValue", "\"10\"").accepts("range.min-le-max"),
                doc(SINGLE).set(PR + ".ContinuousParameterRanges[0].MinValue", "\"0.2\"")
                        .rejects("range.min-le-max", PR + ".ContinuousParameterRanges[0].MinValue"),
                // scaling types
                doc(SINGLE).set(PR + ".ContinuousParameterRanges[0].MinValue", "\"0\"")
                        .rejects("range.logarithmic-min", PR + ".ContinuousParameterRanges[0].MinValue"),
                doc(SINGLE).set(PR + ".ContinuousParameterRanges[0].MinValue", "\"1e-10\"").accepts("range.logarithmic-min"),
                doc(MULTI).set(TDS + "[1].HyperParameterRanges.IntegerParameterRanges[0].MinValue", "\"0\"")
                        .rejects("range.logarithmic-min", TDS + "[1].HyperParameterRanges.IntegerParameterRanges[0].MinValue"),
                doc(MULTI).set(TDS + "[1].HyperParameterRanges.IntegerParameterRanges[0].MinValue", "\"1\"").accepts("range.logarithmic-min"),
                doc(HYPERBAND).set(PR + ".ContinuousParameterRanges[1].MaxValue", "\"1\"")
                        .rejects("range.reverse-logarithmic-bounds", PR + ".ContinuousParameterRanges[1].MaxValue"),
                doc(HYPERBAND).set(PR + ".ContinuousParameterRanges[1].MaxValue", "\"0.99999\"").accepts("range.reverse-logarithmic-bounds"),
                doc(HYPERBAND).set(PR + ".ContinuousParameterRanges[1].MinValue", "\"-0.1\"")
                        .rejects("range.reverse-logarithmic-bounds", PR + ".ContinuousParameterRanges[1].MinValue"),
                doc(HYPERBAND).set(PR + ".ContinuousParameterRanges[1].MinValue", "\"0\"").accepts("range.reverse-logarithmic-bounds"),
                doc(HYPERBAND).set(PR + ".ContinuousParameterRanges[1].MinValue", "\"0.999\"")
                        .rejects("range.reverse-logarithmic-bounds", PR + ".ContinuousParameterRanges[1].MaxValue"),
                doc(SINGLE).set(PR + ".IntegerParameterRanges[0].ScalingType", "\"ReverseLogarithmic\"")
                        .rejects("range.reverse-logarithmic-integer", PR + ".IntegerParameterRanges[0].ScalingType"),
                doc(SINGLE).set(PR + ".IntegerParameterRanges[0].ScalingType", "\"Auto\"").accepts("range.reverse-logarithmic-integer"),
                doc(GRID).set(PR + ".CategoricalParameterRanges[0].Values", "[\"3\", \"3\", \"7\"]")
                        .warns("range.categorical-duplicate-value", PR + ".CategoricalParameterRanges[0].Values[1]"),
                doc(GRID).accepts("range.categorical-duplicate-value"),
                // names and counts
                doc(SINGLE).set(PR + ".IntegerParameterRanges", integerRanges(16)).set(PR + ".ContinuousParameterRanges", continuousRanges(15))
                        .rejects("ranges.total", PR),
                doc(SINGLE).set(PR + ".IntegerParameterRanges", integerRanges(15)).set(PR + ".ContinuousParameterRanges", continuousRanges(15))
                        .accepts("ranges.total"),
                doc(SINGLE).set(PR + ".IntegerParameterRanges[0].Name", "\"learning_rate\"")
                        .rejects("ranges.duplicate-name", PR + ".ContinuousParameterRanges[0].Name"),
                doc(SINGLE).set(PR + ".IntegerParameterRanges[0].Name", "\"learning-rate\"").accepts("ranges.duplicate-name"),
                doc(SINGLE).set(TD + ".StaticHyperParameters.epochs", "\"5\"")
                        .rejects("ranges.tuned-and-static", TD + ".StaticHyperParameters.epochs"),
                doc(SINGLE).set(TD + ".StaticHyperParameters.batch_size", "\"5\"").accepts("ranges.tuned-and-static"),
                doc(SINGLE).remove(PR).rejects("ranges.missing", PR),
                doc(SINGLE).set(PR, "{}").rejects("ranges.missing", PR),
                doc(SINGLE).remove(PR).set("$.Autotune", "{\"Mode\": \"Enabled\"}").accepts("ranges.missing"),
                doc(SINGLE).set(TD + ".StaticHyperParameters._tuning_objective_metric", "\"loss\"")
                        .warns("ranges.reserved-name", TD + ".StaticHyperParameters._tuning_objective_metric"),
                doc(SINGLE).set(PR + ".AutoParameters", "[{\"Name\": \"dropout\", \"ValueHint\": \"0.1\"}]")
                        .rejects("ranges.auto-parameters-need-autotune", PR + ".AutoParameters"),
                doc(SINGLE).set(PR + ".AutoParameters", "[{\"Name\": \"dropout\", \"ValueHint\": \"0.1\"}]")
                        .set("$.Autotune", "{\"Mode\": \"Enabled\"}").accepts("ranges.auto-parameters-need-autotune"),
                // metrics and objective
                doc(SINGLE).set(TD + ".AlgorithmSpecification.MetricDefinitions[0].Regex", "\"loss = ([0-9\"")
                        .rejects("metric.regex-invalid", TD + ".AlgorithmSpecification.MetricDefinitions[0].Regex"),
                doc(SINGLE).set(TD + ".AlgorithmSpecification.MetricDefinitions[1]", "{\"Name\": \"loss\", \"Regex\": \"l=(\\\\d+)\"}")
                        .rejects("metric.duplicate-name", TD + ".AlgorithmSpecification.MetricDefinitions[1].Name"),
                doc(SINGLE).set(TD + ".AlgorithmSpecification.MetricDefinitions[1]", "{\"Name\": \"acc\", \"Regex\": \"a=(\\\\d+)\"}")
                        .accepts("metric.duplicate-name"),
                doc(SINGLE).set(TD + ".AlgorithmSpecification.MetricDefinitions[0].Regex", "\"loss = [0-9.]+\"")
                        .warns("metric.no-capture-group", TD + ".AlgorithmSpecification.MetricDefinitions[0].Regex"),
                doc(SINGLE).accepts("metric.no-capture-group"),
                doc(SINGLE).set(TD + ".AlgorithmSpecification.MetricDefinitions[0].Regex", "\"loss = (.*?);\"")
                        .warns("metric.lint", TD + ".AlgorithmSpecification.MetricDefinitions[0].Regex"),
                doc(SINGLE).accepts("metric.lint"),
                doc(SINGLE).set(TD + ".AlgorithmSpecification.MetricDefinitions[0].Regex", "\"(?P<loss>[0-9.]+)\"")
                        .warns("metric.python-difference", TD + ".AlgorithmSpecification.MetricDefinitions[0].Regex"),
                doc(SINGLE).accepts("metric.python-difference"),
                doc(SINGLE).remove(C + ".HyperParameterTuningJobObjective").rejects("objective.missing", C + ".HyperParameterTuningJobObjective"),
                doc(SINGLE).set(C + ".HyperParameterTuningJobObjective.MetricName", "\"acc\"")
                        .rejects("objective.not-defined", C + ".HyperParameterTuningJobObjective.MetricName"),
                doc(GRID).accepts("objective.not-defined"),
                doc(GRID).set(TD + ".StaticHyperParameters.sagemaker_program", "\"\\\"train.py\\\"\"")
                        .rejects("objective.not-defined", C + ".HyperParameterTuningJobObjective.MetricName"),
                doc(MULTI).set(TDS + "[1].TuningObjective.MetricName", "\"acc\"")
                        .rejects("objective.not-defined", TDS + "[1].TuningObjective.MetricName"),
                doc(GRID).set(C + ".HyperParameterTuningJobObjective.MetricName", "\"validation:acc\"")
                        .warns("objective.built-in-metric", C + ".HyperParameterTuningJobObjective.MetricName"),
                doc(GRID).accepts("objective.built-in-metric"),
                // strategies and limits
                doc(HYPERBAND).set(C + ".Strategy", "\"Bayesian\"").rejects("strategy.config-hyperband-only", C + ".StrategyConfig"),
                doc(HYPERBAND).accepts("strategy.config-hyperband-only"),
                doc(HYPERBAND).set(C + ".TrainingJobEarlyStoppingType", "\"Auto\"")
                        .rejects("hyperband.early-stopping-off", C + ".TrainingJobEarlyStoppingType"),
                doc(SINGLE).set(C + ".TrainingJobEarlyStoppingType", "\"Auto\"").accepts("hyperband.early-stopping-off"),
                doc(HYPERBAND).set(C + ".StrategyConfig.HyperbandStrategyConfig.MinResource", "28")
                        .rejects("hyperband.min-le-max", C + ".StrategyConfig.HyperbandStrategyConfig.MinResource"),
                doc(HYPERBAND).set(C + ".StrategyConfig.HyperbandStrategyConfig.MinResource", "27").accepts("hyperband.min-le-max"),
                doc(HYPERBAND).remove(C + ".StrategyConfig.HyperbandStrategyConfig.MaxResource")
                        .rejects("hyperband.max-resource", C + ".StrategyConfig.HyperbandStrategyConfig.MaxResource"),
                doc(HYPERBAND).remove(C + ".StrategyConfig").rejects("hyperband.max-resource", C + ".StrategyConfig"),
                doc(HYPERBAND).remove(C + ".StrategyConfig").set(TD + ".StaticHyperParameters.num_epochs", "\"20\"").accepts("hyperband.max-resource"),
                doc(HYPERBAND).set(C + ".StrategyConfig.HyperbandStrategyConfig.MaxResource", "20001")
                        .rejects("hyperband.max-resource", C + ".StrategyConfig.HyperbandStrategyConfig.MaxResource"),
                doc(HYPERBAND).set(C + ".StrategyConfig.HyperbandStrategyConfig.MaxResource", "20000").accepts("hyperband.max-resource"),
                doc(GRID).set(PR + ".IntegerParameterRanges", "[{\"Name\": \"n\", \"MinValue\": \"1\", \"MaxValue\": \"3\"}]")
                        .rejects("grid.categorical-only", PR + ".IntegerParameterRanges[0]"),
                doc(GRID).set(PR + ".ContinuousParameterRanges", "[{\"Name\": \"x\", \"MinValue\": \"1\", \"MaxValue\": \"3\"}]")
                        .rejects("grid.categorical-only", PR + ".ContinuousParameterRanges[0]"),
                doc(GRID).accepts("grid.categorical-only"),
                doc(GRID).set(C + ".TrainingJobEarlyStoppingType", "\"Auto\"").warns("grid.early-stopping-off", C + ".TrainingJobEarlyStoppingType"),
                doc(GRID).set(C + ".TrainingJobEarlyStoppingType", "\"Off\"").accepts("grid.early-stopping-off"),
                doc(SINGLE).remove(C + ".ResourceLimits.MaxNumberOfTrainingJobs")
                        .warns("resources.max-training-jobs-required", C + ".ResourceLimits.MaxNumberOfTrainingJobs"),
                doc(GRID).accepts("resources.max-training-jobs-required"),
                doc(SINGLE).set(C + ".ResourceLimits.MaxParallelTrainingJobs", "10")
                        .warns("resources.parallel-exceeds-total", C + ".ResourceLimits.MaxParallelTrainingJobs"),
                doc(SINGLE).set(C + ".ResourceLimits.MaxParallelTrainingJobs", "9").accepts("resources.parallel-exceeds-total"),
                doc(GRID).set(C + ".ResourceLimits.MaxNumberOfTrainingJobs", "7")
                        .warns("grid.combinations-exceed-max", C + ".ResourceLimits.MaxNumberOfTrainingJobs"),
                doc(GRID).set(C + ".ResourceLimits.MaxNumberOfTrainingJobs", "6").accepts("grid.combinations-exceed-max"),
                doc(SINGLE).remove(PR + ".ContinuousParameterRanges").set(C + ".ResourceLimits.MaxNumberOfTrainingJobs", "11")
                        .rejects("ranges.discrete-combinations", C + ".ResourceLimits.MaxNumberOfTrainingJobs"),
                doc(SINGLE).remove(PR + ".ContinuousParameterRanges").set(C + ".ResourceLimits.MaxNumberOfTrainingJobs", "10")
                        .accepts("ranges.discrete-combinations"),
                doc(SINGLE).set(C + ".ResourceLimits.MaxNumberOfTrainingJobs", "500").accepts("ranges.discrete-combinations"),
                doc(GRID).set(PR + ".CategoricalParameterRanges[1].Values", strings(30))
                        .set(PR + ".CategoricalParameterRanges[2]", "{\"Name\": \"gamma\", \"Values\": " + strings(9) + "}")
                        .rejects("grid.combinations-limit", PR),
                doc(GRID).set(PR + ".CategoricalParameterRanges[1].Values", strings(25))
                        .set(PR + ".CategoricalParameterRanges[2]", "{\"Name\": \"gamma\", \"Values\": " + strings(10) + "}")
                        .accepts("grid.combinations-limit"),
                doc(SINGLE).set(TD + ".StaticHyperParameters", statics(98)).rejects("hyperparameters.total", TD + ".StaticHyperParameters"),
                doc(SINGLE).set(TD + ".StaticHyperParameters", statics(97)).accepts("hyperparameters.total"),
                doc(MULTI).set(TDS + "[0].Environment", environment(25)).set(TDS + "[1].Environment", environment(24))
                        .rejects("environment.total", TDS),
                doc(MULTI).set(TDS + "[0].Environment", environment(24)).set(TDS + "[1].Environment", environment(24))
                        .accepts("environment.total"),
                // definitions
                doc(SINGLE).copy(TD, TDS + "[0]").rejects("definition.exactly-one", TDS),
                doc(SINGLE).remove(TD).rejects("definition.exactly-one", TD),
                doc(MULTI).accepts("definition.exactly-one"),
                doc(MULTI).remove(TDS + "[1].DefinitionName").rejects("definition.name-required", TDS + "[1].DefinitionName"),
                doc(MULTI).set(TDS + "[1].DefinitionName", "\"tensorflow\"").rejects("definition.name-unique", TDS + "[1].DefinitionName"),
                doc(MULTI).accepts("definition.name-unique"),
                doc(MULTI).remove(TDS + "[0].HyperParameterRanges").rejects("definition.ranges-placement", TDS + "[0].HyperParameterRanges"),
                doc(SINGLE).copy(PR, TD + ".HyperParameterRanges").warns("definition.ranges-placement", TD + ".HyperParameterRanges"),
                doc(MULTI).remove(TDS + "[0].TuningObjective").rejects("definition.objective-placement", TDS + "[0].TuningObjective"),
                doc(MULTI).remove(TDS + "[0].TuningObjective").copy(TDS + "[1].TuningObjective", C + ".HyperParameterTuningJobObjective")
                        .accepts("definition.objective-placement"),
                doc(MULTI).remove(TDS + "[0].HyperParameterRanges").copy(TDS + "[1].HyperParameterRanges", C + ".ParameterRanges")
                        .accepts("definition.ranges-placement"),
                doc(MULTI).accepts("definition.objective-placement"),
                doc(SINGLE).set(TD + ".AlgorithmSpecification.AlgorithmName", "\"my-algorithm\"")
                        .rejects("algorithm.image-or-name", TD + ".AlgorithmSpecification.AlgorithmName"),
                doc(SINGLE).remove(TD + ".AlgorithmSpecification.TrainingImage")
                        .rejects("algorithm.image-or-name", TD + ".AlgorithmSpecification.TrainingImage"),
                doc(SINGLE).remove(TD + ".ResourceConfig").rejects("resources.config-exactly-one", TD + ".ResourceConfig"),
                doc(SINGLE).set(TD + ".HyperParameterTuningResourceConfig", "{\"InstanceType\": \"ml.m5.xlarge\", \"InstanceCount\": 1, \"VolumeSizeInGB\": 10}")
                        .rejects("resources.config-exactly-one", TD + ".HyperParameterTuningResourceConfig"),
                doc(SINGLE).remove(TD + ".ResourceConfig")
                        .set(TD + ".HyperParameterTuningResourceConfig", "{\"InstanceType\": \"ml.m5.xlarge\", \"InstanceCount\": 1, \"VolumeSizeInGB\": 10}")
                        .accepts("resources.config-exactly-one"),
                doc(SINGLE).remove(TD + ".ResourceConfig")
                        .set(TD + ".HyperParameterTuningResourceConfig", "{\"InstanceType\": \"ml.m5.xlarge\", \"InstanceConfigs\": "
                                + "[{\"InstanceType\": \"ml.m5.xlarge\", \"InstanceCount\": 1, \"VolumeSizeInGB\": 10}]}")
                        .rejects("resources.instance-configs-or-type", TD + ".HyperParameterTuningResourceConfig.InstanceConfigs"),
                doc(SINGLE).set(TD + ".EnableManagedSpotTraining", "true")
                        .rejects("spot.max-wait-required", TD + ".StoppingCondition.MaxWaitTimeInSeconds"),
                doc(HYPERBAND).accepts("spot.max-wait-required"),
                doc(HYPERBAND).set(TD + ".StoppingCondition.MaxWaitTimeInSeconds", "3599")
                        .rejects("spot.max-wait-at-least-runtime", TD + ".StoppingCondition.MaxWaitTimeInSeconds"),
                doc(HYPERBAND).set(TD + ".StoppingCondition.MaxWaitTimeInSeconds", "3600").accepts("spot.max-wait-at-least-runtime"),
                doc(SINGLE).set(TD + ".StoppingCondition.MaxWaitTimeInSeconds", "7200")
                        .rejects("spot.max-wait-without-spot", TD + ".StoppingCondition.MaxWaitTimeInSeconds"),
                doc(GRID).set(TD + ".InputDataConfig[1].ChannelName", "\"train\"")
                        .rejects("channel.name-unique", TD + ".InputDataConfig[1].ChannelName"),
                doc(GRID).accepts("channel.name-unique"),
                doc(SINGLE).set(TD + ".Environment.SM_LOG_LEVEL", "\"debug\"")
                        .warns("environment.sm-log-level", TD + ".Environment.SM_LOG_LEVEL"),
                doc(SINGLE).set(TD + ".Environment.SM_LOG_LEVEL", "\"10\"").accepts("environment.sm-log-level"),
                doc(SINGLE).set("$.Tags[0].Key", "\"aws:team\"").rejects("tag.reserved-prefix", "$.Tags[0].Key"),
                doc(SINGLE).set("$.Tags[0].Key", "\"team:aws\"").accepts("tag.reserved-prefix"),
                doc(SINGLE).set("$.Tags[1]", "{\"Key\": \"team\", \"Value\": \"other\"}").rejects("tag.duplicate-key", "$.Tags[1].Key"),
                // warm start
                doc(SINGLE).set("$.WarmStartConfig", warmStart("a", "a"))
                        .rejects("warm-start.duplicate-parent", "$.WarmStartConfig.ParentHyperParameterTuningJobs[1].HyperParameterTuningJobName"),
                doc(SINGLE).set("$.WarmStartConfig", warmStart("a", "b")).accepts("warm-start.duplicate-parent"),
                doc(HYPERBAND).set("$.WarmStartConfig", warmStart("a")).warns("warm-start.strategy", "$.WarmStartConfig"),
                doc(GRID).set("$.WarmStartConfig", warmStart("a")).warns("warm-start.strategy", "$.WarmStartConfig"),
                doc(SINGLE).set("$.WarmStartConfig", warmStart("a")).accepts("warm-start.strategy"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void ruleHoldsAtItsEdges(RuleCase ruleCase) {
        ruleCase.verify();
    }

    @Test
    void everyRuleHasACaseThatBreaksIt() {
        Set<String> tested = cases().stream().filter(RuleCase::expectsProblem).map(RuleCase::rule).collect(Collectors.toSet());
        Set<String> untested = Arrays.stream(TuningRule.values()).map(TuningRule::id)
                .filter(id -> !tested.contains(id))
                .collect(Collectors.toSet());
        assertThat(untested).as("rules without a failing case").isEmpty();
    }

    @Test
    void theValidDocumentsAreValid() {
        for (String name : io.tuneflow.core.TestDocuments.ALL) {
            var report = io.tuneflow.core.TestDocuments.read(io.tuneflow.core.TestDocuments.load(name)).report();
            assertThat(report.errors()).as(name).isEmpty();
            assertThat(report.warnings()).as(name).isEmpty();
        }
    }

    private static String integerRanges(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"Name\": \"i" + i + "\", \"MinValue\": \"1\", \"MaxValue\": \"9\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String continuousRanges(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"Name\": \"c" + i + "\", \"MinValue\": \"0.1\", \"MaxValue\": \"0.9\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String strings(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"v" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String statics(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"s" + i + "\": \"1\"").collect(Collectors.joining(",", "{", "}"));
    }

    private static String environment(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"E" + i + "\": \"1\"").collect(Collectors.joining(",", "{", "}"));
    }

    private static String warmStart(String... parents) {
        return Arrays.stream(parents).map(p -> "{\"HyperParameterTuningJobName\": \"" + p + "\"}")
                .collect(Collectors.joining(",", "{\"WarmStartType\": \"TransferLearning\", \"ParentHyperParameterTuningJobs\": [", "]}"));
    }
}
