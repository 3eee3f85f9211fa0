package io.tuneflow.core.validation.rules;

/**
 * SageMaker's rules for tuning requests that go beyond the per-field constraints of the service model (those are
 * checked generically, from the model, under the ids {@code shape.*}). Each rule is written here once, with the
 * documentation it comes from; the checks in this package refer to it by constant.
 */
public enum TuningRule {

    // --- parameter ranges ---------------------------------------------------------------------------------------
    RANGE_INTEGER_FORMAT("range.integer-format",
            "IntegerParameterRange MinValue and MaxValue are strings holding whole numbers.",
            Docs.API + "API_IntegerParameterRange.html"),
    RANGE_CONTINUOUS_FORMAT("range.continuous-format",
            "ContinuousParameterRange MinValue and MaxValue are strings holding finite numbers.",
            Docs.API + "API_ContinuousParameterRange.html"),
    RANGE_MIN_LE_MAX("range.min-le-max",
            "MinValue must not be greater than MaxValue.",
            Docs.GUIDE + "automatic-model-tuning-define-ranges.html"),
    RANGE_LOGARITHMIC_MIN("range.logarithmic-min",
            "Logarithmic scaling works only for ranges whose values are all greater than 0.",
            Docs.API + "API_ContinuousParameterRange.html"),
    RANGE_REVERSE_LOGARITHMIC_BOUNDS("range.reverse-logarithmic-bounds",
            "ReverseLogarithmic scaling works only for ranges entirely within 0 <= x < 1.",
            Docs.API + "API_ContinuousParameterRange.html"),
    RANGE_REVERSE_LOGARITHMIC_INTEGER("range.reverse-logarithmic-integer",
            "ReverseLogarithmic scaling is not supported for integer ranges.",
            Docs.API + "API_IntegerParameterRange.html"),
    RANGE_CATEGORICAL_DUPLICATE_VALUE("range.categorical-duplicate-value",
            "A categorical range lists the same value twice (warning: the value is simply weighted twice).",
            Docs.API + "API_CategoricalParameterRange.html"),
    RANGES_TOTAL("ranges.total",
            "At most 30 ranges in all: the integer, continuous and categorical ranges together, not each kind alone.",
            Docs.API + "API_ParameterRanges.html"),
    RANGES_DUPLICATE_NAME("ranges.duplicate-name",
            "A hyperparameter may appear in only one range.",
            Docs.GUIDE + "automatic-model-tuning-define-ranges.html"),
    RANGES_TUNED_AND_STATIC("ranges.tuned-and-static",
            "A hyperparameter is either tuned (in a range) or static (in StaticHyperParameters), not both.",
            Docs.API + "API_HyperParameterTrainingJobDefinition.html"),
    RANGES_DISCRETE_COMBINATIONS("ranges.discrete-combinations",
            "When every range is integer or categorical, their combinations must be at least MaxNumberOfTrainingJobs "
                    + "(SageMaker: \"You don't have enough combinations of hyperparameter ranges\").",
            Docs.GUIDE + "automatic-model-tuning-define-ranges.html"),
    GRID_COMBINATIONS_LIMIT("grid.combinations-limit",
            "Grid search runs at most 750 training jobs, the number of combinations of its categorical values.",
            Docs.GUIDE + "automatic-model-tuning-limits.html"),
    HYPERPARAMETERS_TOTAL("hyperparameters.total",
            "At most 100 hyperparameters in total: static, tuned, and the _tuning_objective_metric SageMaker adds.",
            Docs.GUIDE + "automatic-model-tuning-define-ranges.html"),
    ENVIRONMENT_TOTAL("environment.total",
            "At most 48 environment variables for the whole tuning job, summed over its TrainingJobDefinitions.",
            Docs.API + "API_HyperParameterTrainingJobDefinition.html"),
    RANGES_MISSING("ranges.missing",
            "A tuning job needs at least one hyperparameter range (unless Autotune chooses them).",
            Docs.API + "API_HyperParameterTuningJobConfig.html"),
    RANGES_RESERVED_NAME("ranges.reserved-name",
            "_tuning_objective_metric is set by SageMaker on every training job; tuning or setting it clashes (warning).",
            Docs.GUIDE + "automatic-model-tuning-define-metrics-variables.html"),
    AUTO_PARAMETERS_NEED_AUTOTUNE("ranges.auto-parameters-need-autotune",
            "AutoParameters are only used when Autotune is enabled.",
            Docs.API + "API_ParameterRanges.html"),

    // --- metrics and objective ----------------------------------------------------------------------------------
    METRIC_REGEX_INVALID("metric.regex-invalid",
            "A MetricDefinition regex must be a valid regular expression.",
            Docs.API + "API_MetricDefinition.html"),
    METRIC_DUPLICATE_NAME("metric.duplicate-name",
            "MetricDefinition names must be unique within a training job definition.",
            Docs.API + "API_MetricDefinition.html"),
    METRIC_NO_CAPTURE_GROUP("metric.no-capture-group",
            "A MetricDefinition regex needs a capture group: its first group is the metric's value.",
            Docs.GUIDE + "automatic-model-tuning-define-metrics-variables.html"),
    METRIC_LINT("metric.lint",
            "A MetricDefinition regex that will probably capture the wrong text (warning).",
            Docs.GUIDE + "automatic-model-tuning-define-metrics-variables.html"),
    METRIC_PYTHON_DIFFERENCE("metric.python-difference",
            "A regex construct that Python's re and Java read differently (warning).",
            Docs.GUIDE + "automatic-model-tuning-define-metrics-variables.html"),
    OBJECTIVE_MISSING("objective.missing",
            "The tuning job needs an objective: HyperParameterTuningJobObjective (or TuningObjective per definition).",
            Docs.API + "API_HyperParameterTuningJobConfig.html"),
    OBJECTIVE_NOT_DEFINED("objective.not-defined",
            "For an algorithm that is not built in, the objective metric must be one of the MetricDefinitions.",
            Docs.GUIDE + "automatic-model-tuning-define-metrics-variables.html"),
    OBJECTIVE_BUILT_IN_METRIC("objective.built-in-metric",
            "A built-in algorithm's objective must be one of the metrics that algorithm emits (warning).",
            Docs.GUIDE + "automatic-model-tuning-define-metrics-variables.html"),

    // --- strategies, resources and completion -----------------------------------------------------------------
    STRATEGY_CONFIG_HYPERBAND_ONLY("strategy.config-hyperband-only",
            "StrategyConfig (HyperbandStrategyConfig) applies only to the Hyperband strategy.",
            Docs.API + "API_HyperParameterTuningJobStrategyConfig.html"),
    HYPERBAND_EARLY_STOPPING_OFF("hyperband.early-stopping-off",
            "With the Hyperband strategy, TrainingJobEarlyStoppingType must be Off: Hyperband stops trials itself.",
            Docs.API + "API_HyperParameterTuningJobConfig.html"),
    HYPERBAND_MIN_LE_MAX("hyperband.min-le-max",
            "HyperbandStrategyConfig MinResource must not exceed MaxResource.",
            Docs.API + "API_HyperbandStrategyConfig.html"),
    HYPERBAND_MAX_RESOURCE("hyperband.max-resource",
            "Hyperband needs MaxResource (at most 20,000), given or inferable from a static epochs, numepochs, n-epochs, "
                    + "n_epochs or num_epochs hyperparameter.",
            Docs.API + "API_HyperbandStrategyConfig.html"),
    GRID_CATEGORICAL_ONLY("grid.categorical-only",
            "The Grid strategy searches categorical ranges only.",
            Docs.GUIDE + "automatic-model-tuning-how-it-works.html"),
    GRID_EARLY_STOPPING_OFF("grid.early-stopping-off",
            "Early stopping with Grid search skips combinations the grid promises to evaluate (warning).",
            Docs.GUIDE + "automatic-model-tuning-early-stopping.html"),
    MAX_TRAINING_JOBS_REQUIRED("resources.max-training-jobs-required",
            "MaxNumberOfTrainingJobs is expected for every strategy except Grid (warning: the model marks it optional).",
            Docs.API + "API_ResourceLimits.html"),
    PARALLEL_EXCEEDS_TOTAL("resources.parallel-exceeds-total",
            "MaxParallelTrainingJobs above MaxNumberOfTrainingJobs cannot be used (warning).",
            Docs.API + "API_ResourceLimits.html"),
    GRID_COMBINATIONS_EXCEED_MAX("grid.combinations-exceed-max",
            "Grid runs every combination once: MaxNumberOfTrainingJobs, when given, should not exceed their number (warning).",
            Docs.API + "API_ResourceLimits.html"),

    // --- training job definitions -------------------------------------------------------------------------------
    DEFINITION_EXACTLY_ONE("definition.exactly-one",
            "Give exactly one of TrainingJobDefinition and TrainingJobDefinitions.",
            Docs.API + "API_CreateHyperParameterTuningJob.html"),
    DEFINITION_NAME_REQUIRED("definition.name-required",
            "Each of several TrainingJobDefinitions needs a DefinitionName.",
            Docs.GUIDE + "multiple-algorithm-hpo-create-tuning-jobs.html"),
    DEFINITION_NAME_UNIQUE("definition.name-unique",
            "DefinitionNames must be unique.",
            Docs.GUIDE + "multiple-algorithm-hpo-create-tuning-jobs.html"),
    DEFINITION_RANGES_PLACEMENT("definition.ranges-placement",
            "With TrainingJobDefinitions, each definition has HyperParameterRanges (or the tuning job config has ParameterRanges); "
                    + "a single TrainingJobDefinition takes its ranges from HyperParameterTuningJobConfig.ParameterRanges (warning).",
            Docs.API + "API_HyperParameterTrainingJobDefinition.html"),
    DEFINITION_OBJECTIVE_PLACEMENT("definition.objective-placement",
            "With TrainingJobDefinitions, each definition has a TuningObjective, unless the tuning job config has one for all.",
            Docs.API + "API_HyperParameterTrainingJobDefinition.html"),
    ALGORITHM_IMAGE_OR_NAME("algorithm.image-or-name",
            "AlgorithmSpecification needs exactly one of TrainingImage and AlgorithmName.",
            Docs.API + "API_HyperParameterAlgorithmSpecification.html"),
    RESOURCE_CONFIG_EXACTLY_ONE("resources.config-exactly-one",
            "A definition needs exactly one of ResourceConfig and HyperParameterTuningResourceConfig.",
            Docs.API + "API_HyperParameterTrainingJobDefinition.html"),
    INSTANCE_CONFIGS_OR_TYPE("resources.instance-configs-or-type",
            "HyperParameterTuningResourceConfig takes either InstanceConfigs or InstanceType/InstanceCount/VolumeSizeInGB, not both.",
            Docs.API + "API_HyperParameterTuningResourceConfig.html"),
    SPOT_MAX_WAIT_REQUIRED("spot.max-wait-required",
            "Managed spot training needs StoppingCondition.MaxWaitTimeInSeconds.",
            Docs.GUIDE + "model-managed-spot-training.html"),
    SPOT_MAX_WAIT_AT_LEAST_RUNTIME("spot.max-wait-at-least-runtime",
            "MaxWaitTimeInSeconds must be at least MaxRuntimeInSeconds.",
            Docs.API + "API_StoppingCondition.html"),
    SPOT_MAX_WAIT_WITHOUT_SPOT("spot.max-wait-without-spot",
            "MaxWaitTimeInSeconds applies only with EnableManagedSpotTraining.",
            Docs.API + "API_StoppingCondition.html"),
    CHANNEL_NAME_UNIQUE("channel.name-unique",
            "Input channel names must be unique within a definition.",
            Docs.API + "API_Channel.html"),
    ENVIRONMENT_LOG_LEVEL("environment.sm-log-level",
            "SM_LOG_LEVEL takes a Python logging level: 0, 10, 20, 30, 40 or 50 (warning).",
            Docs.GUIDE + "automatic-model-tuning-define-metrics-variables.html"),
    TAG_RESERVED_PREFIX("tag.reserved-prefix",
            "Tag keys may not start with aws:, which AWS reserves.",
            Docs.API + "API_Tag.html"),
    TAG_DUPLICATE_KEY("tag.duplicate-key",
            "Each tag key may appear once.",
            Docs.API + "API_Tag.html"),

    // --- warm start ---------------------------------------------------------------------------------------------
    WARM_START_DUPLICATE_PARENT("warm-start.duplicate-parent",
            "A parent tuning job is listed twice.",
            Docs.GUIDE + "automatic-model-tuning-warm-start.html"),
    WARM_START_STRATEGY("warm-start.strategy",
            "Warm start is documented for the Bayesian and Random strategies only (warning).",
            Docs.GUIDE + "automatic-model-tuning-warm-start.html");

    private final String id;
    private final String summary;
    private final String source;

    TuningRule(String id, String summary, String source) {
        this.id = id;
        this.summary = summary;
        this.source = source;
    }

    /** The stable id used in reports, e.g. {@code range.logarithmic-min}. */
    public String id() {
        return id;
    }

    public String summary() {
        return summary;
    }

    /** The SageMaker documentation page the rule comes from. */
    public String source() {
        return source;
    }

    private static final class Docs {
        static final String API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/";
        static final String GUIDE = "https://docs.aws.amazon.com/sagemaker/latest/dg/";
    }
}
