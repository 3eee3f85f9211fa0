package io.tuneflow.core.orchestration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

/**
 * The tuned hyperparameters' ranges as trials.json lists them: what a reader (or the report's axes) needs to place a
 * trial's values — the kind of range, its scaling and bounds, or its categorical values in the request's order.
 */
final class SearchSpaceJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchSpaceJson() {
    }

    /**
     * Every range of the job. A multi-algorithm job's definitions each have their own ranges; a name that two
     * definitions share is listed once, as the first definition declares it.
     */
    static ArrayNode of(DescribeHyperParameterTuningJobResponse job) {
        List<ParameterRanges> all = new ArrayList<>();
        if (job.hyperParameterTuningJobConfig().parameterRanges() != null) {
            all.add(job.hyperParameterTuningJobConfig().parameterRanges());
        }
        if (job.trainingJobDefinition() != null && job.trainingJobDefinition().hyperParameterRanges() != null) {
            all.add(job.trainingJobDefinition().hyperParameterRanges());
        }
        for (HyperParameterTrainingJobDefinition definition : job.trainingJobDefinitions()) {
            if (definition.hyperParameterRanges() != null) {
                all.add(definition.hyperParameterRanges());
            }
        }
        ArrayNode out = JSON.createArrayNode();
        Set<String> seen = new HashSet<>();
        for (ParameterRanges ranges : all) {
            ranges.continuousParameterRanges().stream().filter(r -> seen.add(r.name())).forEach(r ->
                    numeric(out, r.name(), "Continuous", r.scalingTypeAsString(), r.minValue(), r.maxValue()));
            ranges.integerParameterRanges().stream().filter(r -> seen.add(r.name())).forEach(r ->
                    numeric(out, r.name(), "Integer", r.scalingTypeAsString(), r.minValue(), r.maxValue()));
            ranges.categoricalParameterRanges().stream().filter(r -> seen.add(r.name())).forEach(r -> {
                ObjectNode range = out.addObject().put("name", r.name()).put("type", "Categorical");
                ArrayNode values = range.putArray("values");
                r.values().forEach(values::add);
            });
        }
        return out;
    }

    private static void numeric(ArrayNode out, String name, String type, String scaling, String min, String max) {
        out.addObject().put("name", name).put("type", type).put("scaling", scaling == null ? "Auto" : scaling)
                .put("minValue", number(min)).put("maxValue", number(max));
    }

    /** Bounds are strings in SageMaker's API; a validated request's bounds are numbers. */
    private static Double number(String value) {
        try {
            return value == null ? null : Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
