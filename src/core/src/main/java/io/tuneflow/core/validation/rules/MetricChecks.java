package io.tuneflow.core.validation.rules;

import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.validation.rules.RuleContext.Definition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import io.tuneflow.core.metrics.MetricLint;
import io.tuneflow.core.metrics.MetricRegex;
import io.tuneflow.core.metrics.MetricRegexLint;
import io.tuneflow.core.metrics.PythonRegexDifference;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterAlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;

/** Rules on MetricDefinitions and the objective metric. */
final class MetricChecks {

    /** The static hyperparameter the SageMaker Python SDK sets for script mode: the image then runs the user's code. */
    private static final String SCRIPT_MODE_PROGRAM = "sagemaker_program";

    private MetricChecks() {
    }

    static void check(RuleContext context) {
        for (Definition definition : context.definitions()) {
            HyperParameterAlgorithmSpecification algorithm = definition.definition().algorithmSpecification();
            List<MetricDefinition> metrics = algorithm == null ? List.of() : algorithm.metricDefinitions();
            Map<String, JsonPath> names = new HashMap<>();
            for (MetricDefinition metric : metrics) {
                checkDefinition(context, metric, names);
            }
            checkObjective(context, definition, algorithm, names.keySet());
        }
    }

    private static void checkDefinition(RuleContext context, MetricDefinition metric, Map<String, JsonPath> names) {
        if (metric.name() != null) {
            JsonPath first = names.putIfAbsent(metric.name(), context.pathOf(metric, "Name"));
            if (first != null) {
                context.error(TuningRule.METRIC_DUPLICATE_NAME, context.pathOf(metric, "Name"),
                        "Metric \"" + metric.name() + "\" is already defined at " + first.parent() + ".",
                        "Give each MetricDefinition its own Name, or remove the duplicate.");
            }
        }
        if (metric.regex() == null) {
            return;
        }
        JsonPath regexPath = context.pathOf(metric, "Regex");
        MetricRegex regex = MetricRegex.compile(metric.regex());
        if (regex.error().isPresent()) {
            context.error(TuningRule.METRIC_REGEX_INVALID, regexPath,
                    "Regex \"" + metric.regex() + "\" of metric \"" + metric.name() + "\" is not a valid regular expression: "
                            + regex.error().get() + ".",
                    "Fix the regular expression; test it against a training log with `tuneflow check-metrics`.");
            return;
        }
        for (PythonRegexDifference difference : regex.differences()) {
            context.warning(TuningRule.METRIC_PYTHON_DIFFERENCE, regexPath,
                    "Metric \"" + metric.name() + "\": " + difference.construct() + " at index " + difference.index() + ": "
                            + difference.message(), difference.fix());
        }
        for (MetricLint lint : MetricRegexLint.lint(metric.regex())) {
            TuningRule rule = lint.code().equals("no-capture-group") ? TuningRule.METRIC_NO_CAPTURE_GROUP : TuningRule.METRIC_LINT;
            context.warning(rule, regexPath, "Metric \"" + metric.name() + "\": " + lint.message(), lint.fix());
        }
    }

    private static void checkObjective(RuleContext context, Definition definition,
                                       HyperParameterAlgorithmSpecification algorithm, Set<String> defined) {
        if (definition.objective() == null) {
            if (!context.multiDefinition() && !context.alreadyReported(definition.objectivePath())) {
                context.error(TuningRule.OBJECTIVE_MISSING, definition.objectivePath(),
                        "The tuning job has no objective: SageMaker needs to know which metric to optimise and in which direction.",
                        "Add \"HyperParameterTuningJobObjective\": {\"Type\": \"Minimize\"|\"Maximize\", \"MetricName\": \"...\"}.");
            }
            return;
        }
        String objective = definition.objective().metricName();
        if (objective == null || algorithm == null) {
            return;
        }
        JsonPath objectivePath = definition.objectivePath().field("MetricName");
        Optional<String> builtIn = scriptMode(definition) ? Optional.empty() : BuiltInAlgorithms.algorithmOf(algorithm.trainingImage());
        if (builtIn.isPresent()) {
            Set<String> emitted = BuiltInAlgorithms.metricsOf(builtIn.get());
            if (!emitted.isEmpty() && !emitted.contains(objective) && !defined.contains(objective)) {
                context.warning(TuningRule.OBJECTIVE_BUILT_IN_METRIC, objectivePath,
                        "The built-in algorithm " + builtIn.get() + " does not emit a metric named \"" + objective + "\".",
                        "Use one of: " + String.join(", ", new TreeSet<>(emitted)) + ".");
            }
            return;
        }
        if (algorithm.algorithmName() != null) {
            return; // an algorithm resource declares its own metrics; they cannot be seen offline
        }
        if (!defined.contains(objective)) {
            context.error(TuningRule.OBJECTIVE_NOT_DEFINED, objectivePath,
                    "The objective metric \"" + objective + "\" is not among the MetricDefinitions of "
                            + (context.multiDefinition() ? "this definition" : "the training job definition")
                            + ", so SageMaker cannot find its value in the training log.",
                    defined.isEmpty()
                            ? "Add a MetricDefinition {\"Name\": \"" + objective + "\", \"Regex\": \"...([0-9\\\\.]+)\"} to AlgorithmSpecification.MetricDefinitions."
                            : "Use one of the defined metrics (" + String.join(", ", new TreeSet<>(defined))
                                    + "), or add a MetricDefinition named \"" + objective + "\".");
        }
    }

    private static boolean scriptMode(Definition definition) {
        return definition.definition().staticHyperParameters().containsKey(SCRIPT_MODE_PROGRAM);
    }
}
