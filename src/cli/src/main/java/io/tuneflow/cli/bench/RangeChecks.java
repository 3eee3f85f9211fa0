package io.tuneflow.cli.bench;

import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.validation.Problems;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.ContinuousParameterRange;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterScalingType;
import software.amazon.awssdk.services.sagemaker.model.IntegerParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

/**
 * What {@link io.tuneflow.engine.tuning.SearchSpace} needs of a range beyond its shape — numbers it can parse, a
 * non-empty interval, a scale the interval allows — which the request validator checks only for whole requests.
 */
final class RangeChecks {

    private final Problems problems;
    private final JsonPath path;

    RangeChecks(Problems problems, JsonPath path) {
        this.problems = problems;
        this.path = path;
    }

    void check(ParameterRanges ranges) {
        if (!ranges.autoParameters().isEmpty()) {
            problems.error("bench.auto-parameters", path.field("AutoParameters"), "The benchmark cannot tune AutoParameters.",
                    "Give explicit Integer, Continuous or Categorical ranges.");
        }
        List<IntegerParameterRange> integers = ranges.integerParameterRanges();
        for (int i = 0; i < integers.size(); i++) {
            IntegerParameterRange r = integers.get(i);
            JsonPath at = path.field("IntegerParameterRanges").index(i);
            Long min = integer(r.minValue(), at.field("MinValue"));
            Long max = integer(r.maxValue(), at.field("MaxValue"));
            if (min != null && max != null) {
                interval(min, max, r.scalingType(), at, false);
            }
        }
        List<ContinuousParameterRange> continuous = ranges.continuousParameterRanges();
        for (int i = 0; i < continuous.size(); i++) {
            ContinuousParameterRange r = continuous.get(i);
            JsonPath at = path.field("ContinuousParameterRanges").index(i);
            Double min = decimal(r.minValue(), at.field("MinValue"));
            Double max = decimal(r.maxValue(), at.field("MaxValue"));
            if (min != null && max != null) {
                interval(min, max, r.scalingType(), at, true);
            }
        }
        if (names(ranges).size() < integers.size() + continuous.size() + ranges.categoricalParameterRanges().size()) {
            problems.error("bench.duplicate-name", path, "Two ranges have the same Name.", "Give every range its own Name.");
        }
    }

    static Set<String> names(ParameterRanges ranges) {
        Set<String> names = new LinkedHashSet<>();
        ranges.integerParameterRanges().forEach(r -> names.add(r.name()));
        ranges.continuousParameterRanges().forEach(r -> names.add(r.name()));
        ranges.categoricalParameterRanges().forEach(r -> names.add(r.name()));
        return names;
    }

    private void interval(double min, double max, HyperParameterScalingType scaling, JsonPath at, boolean continuous) {
        if (!(min < max)) {
            problems.error("bench.interval", at, "MinValue must be below MaxValue.", "Swap or widen the bounds.");
        } else if (scaling == HyperParameterScalingType.LOGARITHMIC && min <= 0) {
            problems.error("bench.scaling", at.field("ScalingType"), "Logarithmic scaling needs MinValue > 0.",
                    "Raise MinValue above 0, or use Linear.");
        } else if (scaling == HyperParameterScalingType.REVERSE_LOGARITHMIC && (!continuous || min < 0 || max >= 1)) {
            problems.error("bench.scaling", at.field("ScalingType"),
                    "ReverseLogarithmic scaling is for continuous ranges within 0 <= x < 1.", "Use Linear or Logarithmic.");
        }
    }

    private Long integer(String text, JsonPath at) {
        try {
            return Long.parseLong(text.strip().replace("+", ""));
        } catch (NumberFormatException e) {
            problems.error("bench.number", at, "\"" + text + "\" is not a whole number.", "Write an integer as a string, e.g. \"8\".");
            return null;
        }
    }

    private Double decimal(String text, JsonPath at) {
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.error("bench.number", at, "\"" + text + "\" is not a finite number.", "Write a number as a string, e.g. \"0.001\".");
        return null;
    }
}
