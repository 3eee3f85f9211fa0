package io.tuneflow.core.validation.rules;

import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.validation.rules.RuleContext.Definition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterAlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.StoppingCondition;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** Rules on the training job definitions: which fields go where, algorithm, resources, spot, channels, environment. */
final class DefinitionChecks {

    private static final Set<String> LOG_LEVELS = Set.of("0", "10", "20", "30", "40", "50");

    private DefinitionChecks() {
    }

    static void check(RuleContext context) {
        checkDefinitionChoice(context);
        boolean multi = context.multiDefinition();
        Map<String, JsonPath> names = new HashMap<>();
        for (Definition definition : context.definitions()) {
            HyperParameterTrainingJobDefinition d = definition.definition();
            if (multi) {
                checkMultiDefinition(context, definition, names);
            } else if (d.hyperParameterRanges() != null) {
                context.warning(TuningRule.DEFINITION_RANGES_PLACEMENT, context.pathOf(d, "HyperParameterRanges"),
                        "HyperParameterRanges inside a single TrainingJobDefinition is documented for multi-algorithm tuning"
                                + " (TrainingJobDefinitions); the tuning job searches HyperParameterTuningJobConfig.ParameterRanges.",
                        "Move the ranges to $.HyperParameterTuningJobConfig.ParameterRanges.");
            }
            checkAlgorithm(context, d);
            checkResources(context, d);
            checkSpot(context, d);
            checkChannels(context, d);
            checkEnvironment(context, d);
        }
        checkTags(context);
        checkTotals(context);
    }

    static final int MAX_HYPERPARAMETERS = 100;
    static final int MAX_ENVIRONMENT_VARIABLES = 48;

    /** Limits over the whole job: hyperparameters per definition (with SageMaker's own), environment variables summed. */
    private static void checkTotals(RuleContext context) {
        int environment = 0;
        for (Definition definition : context.definitions()) {
            HyperParameterTrainingJobDefinition d = definition.definition();
            environment += d.environment().size();
            var r = definition.ranges();
            int tuned = r == null ? 0 : r.integerParameterRanges().size() + r.continuousParameterRanges().size()
                    + r.categoricalParameterRanges().size();
            int total = d.staticHyperParameters().size() + tuned + 1; // + _tuning_objective_metric, which SageMaker adds
            if (total > MAX_HYPERPARAMETERS) {
                context.error(TuningRule.HYPERPARAMETERS_TOTAL, context.pathOf(d, "StaticHyperParameters"),
                        total + " hyperparameters (" + d.staticHyperParameters().size() + " static, " + tuned
                                + " tuned, and _tuning_objective_metric); SageMaker allows " + MAX_HYPERPARAMETERS + " in total.",
                        "Remove " + (total - MAX_HYPERPARAMETERS) + " static hyperparameters or ranges.");
            }
        }
        if (context.multiDefinition() && environment > MAX_ENVIRONMENT_VARIABLES) {
            context.error(TuningRule.ENVIRONMENT_TOTAL, JsonPath.root().field("TrainingJobDefinitions"),
                    "The training job definitions set " + environment + " environment variables together; SageMaker allows "
                            + MAX_ENVIRONMENT_VARIABLES + " for the whole tuning job.",
                    "Remove " + (environment - MAX_ENVIRONMENT_VARIABLES) + " environment variables across the definitions.");
        }
    }

    private static void checkDefinitionChoice(RuleContext context) {
        boolean single = context.request().trainingJobDefinition() != null;
        boolean several = context.request().hasTrainingJobDefinitions();
        if (single && several) {
            context.error(TuningRule.DEFINITION_EXACTLY_ONE, JsonPath.root().field("TrainingJobDefinitions"),
                    "The request has both TrainingJobDefinition and TrainingJobDefinitions.",
                    "Keep TrainingJobDefinition for one algorithm, or TrainingJobDefinitions (1-10) for several, not both.");
        } else if (!single && !several && !context.alreadyReported(JsonPath.root().field("TrainingJobDefinition"))
                && !context.alreadyReported(JsonPath.root().field("TrainingJobDefinitions"))) {
            context.error(TuningRule.DEFINITION_EXACTLY_ONE, JsonPath.root().field("TrainingJobDefinition"),
                    "The request does not say what to train: it has neither TrainingJobDefinition nor TrainingJobDefinitions.",
                    "Add a TrainingJobDefinition (AlgorithmSpecification, RoleArn, OutputDataConfig, ResourceConfig, StoppingCondition, ...).");
        }
    }

    private static void checkMultiDefinition(RuleContext context, Definition definition, Map<String, JsonPath> names) {
        HyperParameterTrainingJobDefinition d = definition.definition();
        if (d.definitionName() == null) {
            context.error(TuningRule.DEFINITION_NAME_REQUIRED, context.pathOf(d, "DefinitionName"),
                    "Each of several training job definitions needs a DefinitionName; this one has none.",
                    "Add \"DefinitionName\": a unique name such as \"xgboost\" (letters, digits and hyphens).");
        } else {
            JsonPath first = names.putIfAbsent(d.definitionName(), context.pathOf(d, "DefinitionName"));
            if (first != null) {
                context.error(TuningRule.DEFINITION_NAME_UNIQUE, context.pathOf(d, "DefinitionName"),
                        "DefinitionName \"" + d.definitionName() + "\" is already used at " + first + ".",
                        "Give each definition its own DefinitionName.");
            }
        }
        if (definition.objective() == null && !context.alreadyReported(context.pathOf(d, "TuningObjective"))) {
            context.error(TuningRule.DEFINITION_OBJECTIVE_PLACEMENT, context.pathOf(d, "TuningObjective"),
                    "This definition has no TuningObjective, and the tuning job config has no HyperParameterTuningJobObjective for all.",
                    "Add \"TuningObjective\": {\"Type\": \"Maximize\"|\"Minimize\", \"MetricName\": \"...\"} to this definition.");
        }
        if (definition.ranges() == null && !context.alreadyReported(context.pathOf(d, "HyperParameterRanges"))) {
            context.error(TuningRule.DEFINITION_RANGES_PLACEMENT, context.pathOf(d, "HyperParameterRanges"),
                    "This definition has no HyperParameterRanges, and the tuning job config has no ParameterRanges for all.",
                    "Add \"HyperParameterRanges\" to this definition (the ranges of this algorithm's hyperparameters).");
        }
    }

    private static void checkAlgorithm(RuleContext context, HyperParameterTrainingJobDefinition d) {
        HyperParameterAlgorithmSpecification algorithm = d.algorithmSpecification();
        if (algorithm == null) {
            return;
        }
        boolean image = algorithm.trainingImage() != null;
        boolean name = algorithm.algorithmName() != null;
        JsonPath path = context.pathOf(algorithm, image ? "AlgorithmName" : "TrainingImage");
        if (image && name) {
            context.error(TuningRule.ALGORITHM_IMAGE_OR_NAME, path,
                    "AlgorithmSpecification has both TrainingImage and AlgorithmName.",
                    "Keep TrainingImage for a container image, or AlgorithmName for an algorithm resource, not both.");
        } else if (!image && !name) {
            context.error(TuningRule.ALGORITHM_IMAGE_OR_NAME, path,
                    "AlgorithmSpecification has neither TrainingImage nor AlgorithmName, so nothing says what to run.",
                    "Add \"TrainingImage\": the ECR URI of the training image (or \"AlgorithmName\" for an algorithm resource).");
        }
    }

    private static void checkResources(RuleContext context, HyperParameterTrainingJobDefinition d) {
        boolean fixed = d.resourceConfig() != null;
        HyperParameterTuningResourceConfig tuning = d.hyperParameterTuningResourceConfig();
        if (fixed && tuning != null) {
            context.error(TuningRule.RESOURCE_CONFIG_EXACTLY_ONE, context.pathOf(d, "HyperParameterTuningResourceConfig"),
                    "The definition has both ResourceConfig and HyperParameterTuningResourceConfig.",
                    "Keep one: ResourceConfig for one instance type, HyperParameterTuningResourceConfig for a list of them.");
        } else if (!fixed && tuning == null) {
            context.error(TuningRule.RESOURCE_CONFIG_EXACTLY_ONE, context.pathOf(d, "ResourceConfig"),
                    "The definition does not say which instances to train on.",
                    "Add \"ResourceConfig\": {\"InstanceType\": \"ml.m5.xlarge\", \"InstanceCount\": 1, \"VolumeSizeInGB\": 10}.");
        }
        if (tuning != null) {
            boolean configs = tuning.hasInstanceConfigs() && !tuning.instanceConfigs().isEmpty();
            boolean single = tuning.instanceType() != null || tuning.instanceCount() != null || tuning.volumeSizeInGB() != null;
            if (configs && single) {
                context.error(TuningRule.INSTANCE_CONFIGS_OR_TYPE, context.pathOf(tuning, "InstanceConfigs"),
                        "HyperParameterTuningResourceConfig has InstanceConfigs and also InstanceType/InstanceCount.",
                        "Use InstanceConfigs for several instance types, or InstanceType and InstanceCount for one, not both.");
            } else if (!configs && !single) {
                context.error(TuningRule.INSTANCE_CONFIGS_OR_TYPE, context.pathOf(tuning, "InstanceConfigs"),
                        "HyperParameterTuningResourceConfig names no instance type.",
                        "Add \"InstanceConfigs\": [{\"InstanceType\": \"ml.m5.xlarge\", \"InstanceCount\": 1, \"VolumeSizeInGB\": 10}].");
            }
        }
    }

    private static void checkSpot(RuleContext context, HyperParameterTrainingJobDefinition d) {
        StoppingCondition stopping = d.stoppingCondition();
        boolean spot = Boolean.TRUE.equals(d.enableManagedSpotTraining());
        Integer maxWait = stopping == null ? null : stopping.maxWaitTimeInSeconds();
        Integer maxRuntime = stopping == null ? null : stopping.maxRuntimeInSeconds();
        if (spot && maxWait == null && stopping != null) {
            context.error(TuningRule.SPOT_MAX_WAIT_REQUIRED, context.pathOf(stopping, "MaxWaitTimeInSeconds"),
                    "EnableManagedSpotTraining is true, which needs a MaxWaitTimeInSeconds: how long to wait for spot capacity plus training.",
                    "Add \"MaxWaitTimeInSeconds\" of at least MaxRuntimeInSeconds" + (maxRuntime == null ? "" : " (" + maxRuntime + ")") + ".");
        }
        if (!spot && maxWait != null) {
            context.error(TuningRule.SPOT_MAX_WAIT_WITHOUT_SPOT, context.pathOf(stopping, "MaxWaitTimeInSeconds"),
                    "MaxWaitTimeInSeconds is set but managed spot training is not enabled.",
                    "Set \"EnableManagedSpotTraining\": true in the definition, or remove MaxWaitTimeInSeconds.");
        }
        if (maxWait != null && maxRuntime != null && maxWait < maxRuntime) {
            context.error(TuningRule.SPOT_MAX_WAIT_AT_LEAST_RUNTIME, context.pathOf(stopping, "MaxWaitTimeInSeconds"),
                    "MaxWaitTimeInSeconds (" + maxWait + ") is less than MaxRuntimeInSeconds (" + maxRuntime + ").",
                    "Use a MaxWaitTimeInSeconds of at least " + maxRuntime + ", or lower MaxRuntimeInSeconds.");
        }
    }

    private static void checkChannels(RuleContext context, HyperParameterTrainingJobDefinition d) {
        Set<String> seen = new HashSet<>();
        for (Channel channel : d.inputDataConfig()) {
            if (channel.channelName() != null && !seen.add(channel.channelName())) {
                context.error(TuningRule.CHANNEL_NAME_UNIQUE, context.pathOf(channel, "ChannelName"),
                        "Input channel \"" + channel.channelName() + "\" is defined twice.",
                        "Give each channel its own ChannelName, or merge them.");
            }
        }
    }

    private static void checkEnvironment(RuleContext context, HyperParameterTrainingJobDefinition d) {
        String level = d.environment().get("SM_LOG_LEVEL");
        if (level != null && !LOG_LEVELS.contains(level.strip())) {
            context.warning(TuningRule.ENVIRONMENT_LOG_LEVEL, context.pathOf(d, "Environment").field("SM_LOG_LEVEL"),
                    "SM_LOG_LEVEL \"" + level + "\" is not a Python logging level, so the training toolkit will not apply it.",
                    "Use \"0\" (NOTSET), \"10\" (DEBUG), \"20\" (INFO), \"30\" (WARN), \"40\" (ERROR) or \"50\" (CRITICAL).");
        }
    }

    private static void checkTags(RuleContext context) {
        Set<String> keys = new HashSet<>();
        for (Tag tag : context.request().tags()) {
            if (tag.key() == null) {
                continue;
            }
            if (tag.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                context.error(TuningRule.TAG_RESERVED_PREFIX, context.pathOf(tag, "Key"),
                        "Tag key \"" + tag.key() + "\" starts with aws:, a prefix AWS reserves for its own tags.",
                        "Choose a key without the aws: prefix.");
            }
            if (!keys.add(tag.key())) {
                context.error(TuningRule.TAG_DUPLICATE_KEY, context.pathOf(tag, "Key"),
                        "Tag key \"" + tag.key() + "\" appears more than once.",
                        "Keep one tag per key.");
            }
        }
    }
}
