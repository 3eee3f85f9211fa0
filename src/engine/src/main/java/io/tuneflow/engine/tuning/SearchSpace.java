package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.CategoricalParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ContinuousParameterRange;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterScalingType;
import software.amazon.awssdk.services.sagemaker.model.IntegerParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

/**
 * The tuned hyperparameters of a (validated) tuning request, in a fixed order: integer, continuous, then
 * categorical ranges, each in request order.
 *
 * <p>Auto scaling: SageMaker "chooses the best scale"; here Auto is Logarithmic when the range is positive and spans
 * at least three orders of magnitude (where linear sampling would almost never try the small values), else Linear.
 */
public record SearchSpace(List<Dimension> dimensions) {

    public SearchSpace {
        dimensions = List.copyOf(dimensions);
    }

    public static SearchSpace of(ParameterRanges ranges) {
        List<Dimension> dimensions = new ArrayList<>();
        if (ranges == null) {
            return new SearchSpace(dimensions);
        }
        for (IntegerParameterRange r : ranges.integerParameterRanges()) {
            long min = Long.parseLong(r.minValue().strip().replace("+", ""));
            long max = Long.parseLong(r.maxValue().strip().replace("+", ""));
            dimensions.add(new Dimension.Integer(r.name(), min, max, scaling(r.scalingType(), min, max)));
        }
        for (ContinuousParameterRange r : ranges.continuousParameterRanges()) {
            double min = Double.parseDouble(r.minValue().strip());
            double max = Double.parseDouble(r.maxValue().strip());
            dimensions.add(new Dimension.Continuous(r.name(), min, max, scaling(r.scalingType(), min, max)));
        }
        for (CategoricalParameterRange r : ranges.categoricalParameterRanges()) {
            dimensions.add(new Dimension.Categorical(r.name(), r.values()));
        }
        return new SearchSpace(dimensions);
    }

    /** The hyperparameter values at a point of the unit cube. */
    public Map<String, String> valuesAt(double[] point) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int k = 0; k < dimensions.size(); k++) {
            values.put(dimensions.get(k).name(), dimensions.get(k).valueAt(point[k]));
        }
        return values;
    }

    private static String scaling(HyperParameterScalingType type, double min, double max) {
        if (type == null || type == HyperParameterScalingType.AUTO || type == HyperParameterScalingType.UNKNOWN_TO_SDK_VERSION) {
            return min > 0 && max / min >= 1000 ? Scaling.LOGARITHMIC : Scaling.LINEAR;
        }
        return type.toString();
    }
}
