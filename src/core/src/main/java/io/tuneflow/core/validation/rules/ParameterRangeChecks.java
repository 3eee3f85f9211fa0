package io.tuneflow.core.validation.rules;

import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.validation.rules.RuleContext.Definition;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sagemaker.model.AutoParameter;
import software.amazon.awssdk.services.sagemaker.model.AutotuneMode;
import software.amazon.awssdk.services.sagemaker.model.CategoricalParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ContinuousParameterRange;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterScalingType;
import software.amazon.awssdk.services.sagemaker.model.IntegerParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

/** Rules on the hyperparameter ranges of each training job definition. */
final class ParameterRangeChecks {

    static final int MAX_TUNED_PARAMETERS = 30;
    static final String RESERVED_OBJECTIVE_HYPERPARAMETER = "_tuning_objective_metric";

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private ParameterRangeChecks() {
    }

    static void check(RuleContext context) {
        for (Definition definition : context.definitions()) {
            ParameterRanges ranges = definition.ranges();
            if (isEmpty(ranges)) {
                if (!context.multiDefinition() && !autotuneEnabled(context) && !context.alreadyReported(definition.rangesPath())) {
                    context.error(TuningRule.RANGES_MISSING, definition.rangesPath(),
                            "No hyperparameter is tuned: the tuning job has no ranges to search.",
                            "Add ParameterRanges (IntegerParameterRanges, ContinuousParameterRanges or CategoricalParameterRanges),"
                                    + " or enable Autotune to let SageMaker choose them.");
                }
                if (ranges == null) {
                    continue;
                }
            }
            ranges.integerParameterRanges().forEach(r -> checkInteger(context, r));
            ranges.continuousParameterRanges().forEach(r -> checkContinuous(context, r));
            ranges.categoricalParameterRanges().forEach(r -> checkCategorical(context, r));
            checkNames(context, definition);
            if (!ranges.autoParameters().isEmpty() && !autotuneEnabled(context)) {
                context.error(TuningRule.AUTO_PARAMETERS_NEED_AUTOTUNE, definition.rangesPath().field("AutoParameters"),
                        "AutoParameters are given but Autotune is not enabled, so SageMaker has no way to choose their ranges.",
                        "Add \"Autotune\": {\"Mode\": \"Enabled\"} at the top level, or replace the AutoParameters with explicit ranges.");
            }
        }
    }

    private static boolean isEmpty(ParameterRanges ranges) {
        return ranges == null || ranges.integerParameterRanges().isEmpty() && ranges.continuousParameterRanges().isEmpty()
                && ranges.categoricalParameterRanges().isEmpty() && ranges.autoParameters().isEmpty();
    }

    static boolean autotuneEnabled(RuleContext context) {
        return context.request().autotune() != null && context.request().autotune().mode() == AutotuneMode.ENABLED;
    }

    private static void checkInteger(RuleContext context, IntegerParameterRange range) {
        Long min = wholeNumber(context, range, "MinValue", range.minValue());
        Long max = wholeNumber(context, range, "MaxValue", range.maxValue());
        if (min == null || max == null) {
            return;
        }
        checkOrder(context, range, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
        HyperParameterScalingType scaling = range.scalingType();
        if (scaling == HyperParameterScalingType.LOGARITHMIC && min <= 0) {
            logarithmicMin(context, range, range.name(), range.minValue());
        } else if (scaling == HyperParameterScalingType.REVERSE_LOGARITHMIC) {
            context.error(TuningRule.RANGE_REVERSE_LOGARITHMIC_INTEGER, context.pathOf(range, "ScalingType"),
                    "ReverseLogarithmic scaling is for continuous ranges within 0 <= x < 1; integer range \"" + range.name()
                            + "\" cannot use it.",
                    "Use \"Logarithmic\" or \"Linear\", or make \"" + range.name() + "\" a ContinuousParameterRange.");
        }
    }

    private static void checkContinuous(RuleContext context, ContinuousParameterRange range) {
        BigDecimal min = decimal(context, range, "MinValue", range.minValue());
        BigDecimal max = decimal(context, range, "MaxValue", range.maxValue());
        if (min == null || max == null) {
            return;
        }
        checkOrder(context, range, min, max);
        HyperParameterScalingType scaling = range.scalingType();
        if (scaling == HyperParameterScalingType.LOGARITHMIC && min.signum() <= 0) {
            logarithmicMin(context, range, range.name(), range.minValue());
        } else if (scaling == HyperParameterScalingType.REVERSE_LOGARITHMIC) {
            if (min.signum() < 0) {
                context.error(TuningRule.RANGE_REVERSE_LOGARITHMIC_BOUNDS, context.pathOf(range, "MinValue"),
                        "ReverseLogarithmic scaling needs 0 <= MinValue < MaxValue < 1, but MinValue of \"" + range.name()
                                + "\" is " + range.minValue() + ".",
                        "Use a MinValue of 0 or more, or use \"Linear\" scaling.");
            }
            if (max.compareTo(BigDecimal.ONE) >= 0) {
                context.error(TuningRule.RANGE_REVERSE_LOGARITHMIC_BOUNDS, context.pathOf(range, "MaxValue"),
                        "ReverseLogarithmic scaling needs 0 <= MinValue < MaxValue < 1, but MaxValue of \"" + range.name()
                                + "\" is " + range.maxValue() + ".",
                        "Use a MaxValue below 1 (e.g. 0.999), or use \"Linear\" or \"Logarithmic\" scaling.");
            }
            if (min.compareTo(max) == 0) {
                context.error(TuningRule.RANGE_REVERSE_LOGARITHMIC_BOUNDS, context.pathOf(range, "MaxValue"),
                        "ReverseLogarithmic scaling needs MinValue < MaxValue, but both are " + range.maxValue() + ".",
                        "Widen the range, or make \"" + range.name() + "\" a static hyperparameter.");
            }
        }
    }

    private static void logarithmicMin(RuleContext context, Object range, String name, String minValue) {
        context.error(TuningRule.RANGE_LOGARITHMIC_MIN, context.pathOf(range, "MinValue"),
                "Logarithmic scaling needs every value of the range to be greater than 0, but MinValue of \"" + name
                        + "\" is " + minValue + ".",
                "Use a MinValue greater than 0 (e.g. 1e-6 for a learning rate), or use \"Linear\" scaling.");
    }

    private static void checkOrder(RuleContext context, Object range, BigDecimal min, BigDecimal max) {
        if (min.compareTo(max) > 0) {
            context.error(TuningRule.RANGE_MIN_LE_MAX, context.pathOf(range, "MinValue"),
                    "MinValue " + min.toPlainString() + " is greater than MaxValue " + max.toPlainString() + ".",
                    "Swap MinValue and MaxValue.");
        }
    }

    private static Long wholeNumber(RuleContext context, Object range, String member, String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            context.error(TuningRule.RANGE_INTEGER_FORMAT, context.pathOf(range, member),
                    member + " \"" + text + "\" of an integer range is not a whole number.",
                    DECIMAL.matcher(value).matches()
                            ? "Use a whole number, or make the range a ContinuousParameterRange to tune fractional values."
                            : "Write a whole number as a string, e.g. \"" + member.replace("Value", "").replace("Min", "1").replace("Max", "10") + "\".");
            return null;
        }
        try {
            return Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException e) {
            context.error(TuningRule.RANGE_INTEGER_FORMAT, context.pathOf(range, member),
                    member + " \"" + text + "\" is too large for an integer hyperparameter.",
                    "Use a value between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ".");
            return null;
        }
    }

    private static BigDecimal decimal(RuleContext context, Object range, String member, String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        if (!DECIMAL.matcher(value).matches()) {
            context.error(TuningRule.RANGE_CONTINUOUS_FORMAT, context.pathOf(range, member),
                    member + " \"" + text + "\" of a continuous range is not a number.",
                    "Write a decimal number as a string, e.g. \"0.001\" or \"1e-3\".");
            return null;
        }
        return new BigDecimal(value);
    }

    private static void checkCategorical(RuleContext context, CategoricalParameterRange range) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < range.values().size(); i++) {
            String value = range.values().get(i);
            if (!seen.add(value)) {
                context.warning(TuningRule.RANGE_CATEGORICAL_DUPLICATE_VALUE, context.pathOf(range, "Values").index(i),
                        "Categorical range \"" + range.name() + "\" lists \"" + value + "\" more than once.",
                        "Remove the repeated value.");
            }
        }
    }

    /** Names: unique across all ranges, at most 30, not also static, and not the name SageMaker reserves. */
    private static void checkNames(RuleContext context, Definition definition) {
        ParameterRanges ranges = definition.ranges();
        Map<String, JsonPath> tuned = new LinkedHashMap<>();
        for (IntegerParameterRange r : ranges.integerParameterRanges()) {
            addName(context, tuned, r.name(), context.pathOf(r, "Name"));
        }
        for (ContinuousParameterRange r : ranges.continuousParameterRanges()) {
            addName(context, tuned, r.name(), context.pathOf(r, "Name"));
        }
        for (CategoricalParameterRange r : ranges.categoricalParameterRanges()) {
            addName(context, tuned, r.name(), context.pathOf(r, "Name"));
        }
        for (AutoParameter r : ranges.autoParameters()) {
            addName(context, tuned, r.name(), context.pathOf(r, "Name"));
        }
        // The limit covers explicit ranges; AutoParameters (for Autotune) have a limit of their own in the model.
        int count = ranges.integerParameterRanges().size() + ranges.continuousParameterRanges().size()
                + ranges.categoricalParameterRanges().size();
        if (count > MAX_TUNED_PARAMETERS) {
            context.error(TuningRule.RANGES_TOTAL, definition.rangesPath(),
                    count + " hyperparameters are tuned; SageMaker tunes at most " + MAX_TUNED_PARAMETERS + " at once.",
                    "Remove " + (count - MAX_TUNED_PARAMETERS) + " ranges, or fix their values as StaticHyperParameters.");
        }
        Map<String, String> statics = definition.definition().staticHyperParameters();
        JsonPath staticsPath = context.pathOf(definition.definition(), "StaticHyperParameters");
        for (String name : statics.keySet()) {
            if (tuned.containsKey(name)) {
                context.error(TuningRule.RANGES_TUNED_AND_STATIC, staticsPath.field(name),
                        "\"" + name + "\" is both static here and tuned at " + tuned.get(name).parent() + ".",
                        "Remove it from StaticHyperParameters to tune it, or remove its range to keep it fixed.");
            }
        }
        JsonPath reserved = tuned.get(RESERVED_OBJECTIVE_HYPERPARAMETER);
        if (reserved != null) {
            reservedName(context, reserved);
        }
        if (statics.containsKey(RESERVED_OBJECTIVE_HYPERPARAMETER)) {
            reservedName(context, staticsPath.field(RESERVED_OBJECTIVE_HYPERPARAMETER));
        }
    }

    private static void reservedName(RuleContext context, JsonPath path) {
        context.warning(TuningRule.RANGES_RESERVED_NAME, path,
                RESERVED_OBJECTIVE_HYPERPARAMETER + " is the hyperparameter SageMaker sets on each training job to tell it the objective metric.",
                "Remove it; your training code can read the objective metric's name from it.");
    }

    private static void addName(RuleContext context, Map<String, JsonPath> tuned, String name, JsonPath path) {
        if (name == null) {
            return;
        }
        JsonPath first = tuned.putIfAbsent(name, path);
        if (first != null) {
            context.error(TuningRule.RANGES_DUPLICATE_NAME, path,
                    "Hyperparameter \"" + name + "\" is already tuned at " + first.parent() + ".",
                    "Keep one range for \"" + name + "\" and remove the other.");
        }
    }
}
