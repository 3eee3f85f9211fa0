package io.tuneflow.core.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric's series per training job — every value the trainer logged, in order (for a trainer that logs once per
 * epoch, one value per epoch) — or why there are none.
 *
 * @param metricName        the metric the series are of (the objective, for the report)
 * @param byTrainingJob     training job name → its values; a job with no values is absent
 * @param step              what one step of a series is, as the report's axis names it: "logged value" when every
 *                          value the trainer logged is there, "minute" for CloudWatch's one-minute averages
 * @param unavailableReason null when the series were read; otherwise what the report says instead of the curves
 */
public record TrainingCurves(String metricName, Map<String, List<Double>> byTrainingJob, String step, String unavailableReason) {

    public TrainingCurves {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        byTrainingJob.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        byTrainingJob = java.util.Collections.unmodifiableMap(copy);
    }

    /** Every value each trainer logged, in order. */
    public static TrainingCurves of(String metricName, Map<String, List<Double>> byTrainingJob) {
        return new TrainingCurves(metricName, byTrainingJob, "logged value", null);
    }

    public static TrainingCurves unavailable(String metricName, String reason) {
        return new TrainingCurves(metricName, Map.of(), null, reason);
    }

    public boolean available() {
        return unavailableReason == null;
    }
}
