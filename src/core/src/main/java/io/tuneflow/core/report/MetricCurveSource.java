package io.tuneflow.core.report;

import java.util.List;

/**
 * Where the report finds per-training-job metric series. SageMaker's API has only final values: on AWS the series are
 * CloudWatch metrics; locally the engine keeps them. Each place gets its own source; the report only asks.
 */
@FunctionalInterface
public interface MetricCurveSource {

    /**
     * The series of {@code metricName} for each of these training jobs. A job without a series is left out; a source
     * that cannot be read says so in {@link TrainingCurves#unavailableReason()} rather than failing the report.
     */
    TrainingCurves curves(String metricName, List<TrainingJobTimes> trainingJobs);

    /** No series: the report says the curves are not available, and why. */
    static MetricCurveSource none(String reason) {
        return (metricName, trainingJobs) -> TrainingCurves.unavailable(metricName, reason);
    }
}
