package io.tuneflow.core.validation.rules;

import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.validation.rules.RuleContext.Definition;
import java.math.BigInteger;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.CategoricalParameterRange;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobConfig;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStrategyType;
import software.amazon.awssdk.services.sagemaker.model.HyperbandStrategyConfig;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimits;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobEarlyStoppingType;

/** Rules tying the search strategy to its configuration, the resource limits and early stopping. */
final class StrategyChecks {

    static final List<String> EPOCH_HYPERPARAMETERS = io.tuneflow.core.request.HyperbandResources.EPOCH_HYPERPARAMETERS;
    static final int MAX_HYPERBAND_RESOURCE = 20_000;
    static final int GRID_LIMIT = 750;

    private StrategyChecks() {
    }

    static void check(RuleContext context) {
        HyperParameterTuningJobConfig config = context.config();
        HyperParameterTuningJobStrategyType strategy = config.strategy();
        JsonPath configPath = context.configPath();
        if (config.strategyConfig() != null && strategy != null && strategy != HyperParameterTuningJobStrategyType.HYPERBAND
                && strategy != HyperParameterTuningJobStrategyType.UNKNOWN_TO_SDK_VERSION) {
            context.error(TuningRule.STRATEGY_CONFIG_HYPERBAND_ONLY, configPath.field("StrategyConfig"),
                    "StrategyConfig configures Hyperband, but the strategy is " + strategy + ".",
                    "Remove StrategyConfig, or set \"Strategy\": \"Hyperband\".");
        }
        if (strategy == HyperParameterTuningJobStrategyType.HYPERBAND) {
            checkHyperband(context, config, configPath);
        }
        if (strategy == HyperParameterTuningJobStrategyType.GRID) {
            checkGrid(context, config, configPath);
        }
        checkResourceLimits(context, config, strategy);
        if (strategy != HyperParameterTuningJobStrategyType.GRID && config.resourceLimits() != null
                && config.resourceLimits().maxNumberOfTrainingJobs() != null) {
            checkDiscreteCombinations(context, config.resourceLimits());
        }
    }

    /** Integer and categorical ranges alone have finitely many combinations; SageMaker will not run more jobs than that. */
    private static void checkDiscreteCombinations(RuleContext context, ResourceLimits limits) {
        for (Definition definition : context.definitions()) {
            ParameterRanges ranges = definition.ranges();
            if (ranges == null || !ranges.continuousParameterRanges().isEmpty() || !ranges.autoParameters().isEmpty()
                    || ranges.integerParameterRanges().isEmpty() && ranges.categoricalParameterRanges().isEmpty()) {
                continue;
            }
            BigInteger combinations = BigInteger.ONE;
            try {
                for (var r : ranges.integerParameterRanges()) {
                    long span = Long.parseLong(r.maxValue().strip()) - Long.parseLong(r.minValue().strip()) + 1;
                    combinations = combinations.multiply(BigInteger.valueOf(Math.max(0, span)));
                }
            } catch (NumberFormatException | NullPointerException e) {
                continue; // malformed bounds are reported by the range rules
            }
            for (CategoricalParameterRange r : ranges.categoricalParameterRanges()) {
                combinations = combinations.multiply(BigInteger.valueOf(r.values().size()));
            }
            if (combinations.compareTo(BigInteger.valueOf(limits.maxNumberOfTrainingJobs())) < 0) {
                context.error(TuningRule.RANGES_DISCRETE_COMBINATIONS, context.pathOf(limits, "MaxNumberOfTrainingJobs"),
                        "The integer and categorical ranges have only " + combinations + " combinations, fewer than MaxNumberOfTrainingJobs ("
                                + limits.maxNumberOfTrainingJobs() + ").",
                        "Lower MaxNumberOfTrainingJobs to " + combinations + ", or widen the ranges.");
            }
        }
    }

    private static void checkHyperband(RuleContext context, HyperParameterTuningJobConfig config, JsonPath configPath) {
        if (config.trainingJobEarlyStoppingType() == TrainingJobEarlyStoppingType.AUTO) {
            context.error(TuningRule.HYPERBAND_EARLY_STOPPING_OFF, configPath.field("TrainingJobEarlyStoppingType"),
                    "Hyperband stops under-performing training jobs itself; TrainingJobEarlyStoppingType must be Off with it.",
                    "Set \"TrainingJobEarlyStoppingType\": \"Off\" (or remove it: Off is the default).");
        }
        HyperbandStrategyConfig hyperband = config.strategyConfig() == null ? null : config.strategyConfig().hyperbandStrategyConfig();
        // Point at the deepest part that exists: the user adds what is missing below it.
        JsonPath maxResourcePath = hyperband != null ? context.pathOf(hyperband, "MaxResource")
                : config.strategyConfig() != null ? context.pathOf(config.strategyConfig(), "HyperbandStrategyConfig")
                : configPath.field("StrategyConfig");
        if (hyperband != null && hyperband.maxResource() != null) {
            if (hyperband.maxResource() > MAX_HYPERBAND_RESOURCE) {
                context.error(TuningRule.HYPERBAND_MAX_RESOURCE, maxResourcePath,
                        "MaxResource " + hyperband.maxResource() + " is above Hyperband's limit of " + MAX_HYPERBAND_RESOURCE + " epochs.",
                        "Use a MaxResource of at most " + MAX_HYPERBAND_RESOURCE + ".");
            }
        } else {
            for (Definition definition : context.definitions()) {
                if (EPOCH_HYPERPARAMETERS.stream().noneMatch(definition.definition().staticHyperParameters()::containsKey)) {
                    context.error(TuningRule.HYPERBAND_MAX_RESOURCE, maxResourcePath,
                            "Hyperband needs the maximum resource (epochs) a training job may use: MaxResource is not given and"
                                    + " there is no static " + String.join(", ", EPOCH_HYPERPARAMETERS) + " hyperparameter to infer it from.",
                            "Add \"StrategyConfig\": {\"HyperbandStrategyConfig\": {\"MinResource\": 1, \"MaxResource\": 27}}"
                                    + " (in epochs), or a static \"epochs\" hyperparameter.");
                    break;
                }
            }
        }
        if (hyperband != null && hyperband.minResource() != null && hyperband.maxResource() != null
                && hyperband.minResource() > hyperband.maxResource()) {
            context.error(TuningRule.HYPERBAND_MIN_LE_MAX, context.pathOf(hyperband, "MinResource"),
                    "MinResource (" + hyperband.minResource() + ") is greater than MaxResource (" + hyperband.maxResource() + ").",
                    "Use a MinResource of at most " + hyperband.maxResource() + ", e.g. 1.");
        }
    }

    private static void checkGrid(RuleContext context, HyperParameterTuningJobConfig config, JsonPath configPath) {
        if (config.trainingJobEarlyStoppingType() == TrainingJobEarlyStoppingType.AUTO) {
            context.warning(TuningRule.GRID_EARLY_STOPPING_OFF, configPath.field("TrainingJobEarlyStoppingType"),
                    "Grid search promises every combination; early stopping would cut some of them short.",
                    "Set \"TrainingJobEarlyStoppingType\": \"Off\" (or remove it), or use the Bayesian or Random strategy.");
        }
        for (Definition definition : context.definitions()) {
            ParameterRanges ranges = definition.ranges();
            if (ranges == null) {
                continue;
            }
            notCategorical(context, definition, "IntegerParameterRanges", ranges.integerParameterRanges().size());
            notCategorical(context, definition, "ContinuousParameterRanges", ranges.continuousParameterRanges().size());
            notCategorical(context, definition, "AutoParameters", ranges.autoParameters().size());
            ResourceLimits limits = config.resourceLimits();
            BigInteger combinations = BigInteger.ONE;
            for (CategoricalParameterRange range : ranges.categoricalParameterRanges()) {
                combinations = combinations.multiply(BigInteger.valueOf(range.values().size()));
            }
            if (combinations.compareTo(BigInteger.valueOf(GRID_LIMIT)) > 0) {
                context.error(TuningRule.GRID_COMBINATIONS_LIMIT, definition.rangesPath(),
                        "Grid search has " + combinations + " combinations; SageMaker runs at most " + GRID_LIMIT + ".",
                        "Remove categorical values (or ranges) to reach " + GRID_LIMIT + " combinations or fewer, or use Random search.");
            }
            if (limits != null && limits.maxNumberOfTrainingJobs() != null && !ranges.categoricalParameterRanges().isEmpty()
                    && BigInteger.valueOf(limits.maxNumberOfTrainingJobs()).compareTo(combinations) > 0) {
                context.warning(TuningRule.GRID_COMBINATIONS_EXCEED_MAX,
                        context.pathOf(limits, "MaxNumberOfTrainingJobs"),
                        "Grid search has " + combinations + " combinations, fewer than MaxNumberOfTrainingJobs ("
                                + limits.maxNumberOfTrainingJobs() + "); each combination is trained once.",
                        "Lower MaxNumberOfTrainingJobs to " + combinations + ", or remove it: Grid runs every combination.");
            }
        }
    }

    private static void notCategorical(RuleContext context, Definition definition, String member, int count) {
        for (int i = 0; i < count; i++) {
            context.error(TuningRule.GRID_CATEGORICAL_ONLY, definition.rangesPath().field(member).index(i),
                    "The Grid strategy tries every combination of categorical values; it cannot search " + member + ".",
                    "List the values to try in a CategoricalParameterRange, or use the Bayesian or Random strategy.");
        }
    }

    private static void checkResourceLimits(RuleContext context, HyperParameterTuningJobConfig config,
                                            HyperParameterTuningJobStrategyType strategy) {
        ResourceLimits limits = config.resourceLimits();
        if (limits == null) {
            return;
        }
        if (limits.maxNumberOfTrainingJobs() == null && strategy != null
                && strategy != HyperParameterTuningJobStrategyType.GRID
                && strategy != HyperParameterTuningJobStrategyType.UNKNOWN_TO_SDK_VERSION) {
            context.warning(TuningRule.MAX_TRAINING_JOBS_REQUIRED, context.pathOf(limits, "MaxNumberOfTrainingJobs"),
                    "The " + strategy + " strategy needs MaxNumberOfTrainingJobs: only Grid search knows how many jobs to run.",
                    "Add \"MaxNumberOfTrainingJobs\": the total number of training jobs to run, e.g. 20.");
        }
        if (limits.maxNumberOfTrainingJobs() != null && limits.maxParallelTrainingJobs() != null
                && limits.maxParallelTrainingJobs() > limits.maxNumberOfTrainingJobs()) {
            context.warning(TuningRule.PARALLEL_EXCEEDS_TOTAL, context.pathOf(limits, "MaxParallelTrainingJobs"),
                    "MaxParallelTrainingJobs (" + limits.maxParallelTrainingJobs() + ") is more than MaxNumberOfTrainingJobs ("
                            + limits.maxNumberOfTrainingJobs() + "); at most " + limits.maxNumberOfTrainingJobs() + " will ever run.",
                    "Lower MaxParallelTrainingJobs to " + limits.maxNumberOfTrainingJobs() + " or less.");
        }
    }
}
