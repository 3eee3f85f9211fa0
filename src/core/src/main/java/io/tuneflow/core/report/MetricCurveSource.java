package io.tuneflow.core.report;

import java.util.List;

/**
 * Where the report finds per-training-job metric series. SageMaker's API has only final values: on AWS the series are
 * CloudWatch metrics; locally the engine keeps them. Each place gets its own source; the report only asks.
 */
@FunctionalInterface
public interface MetricCurveSource {

    /** The series of {@code metricName} for each of these training jobs. Never throws for a job that has none. */
    TrainingCurves curves(String metricName, List<String> trainingJobNames);

    /** No series: the report says the curves are not available, and why. */
    static MetricCurveSource none(String reason) {
        return (metricName, trainingJobNames) -> TrainingCurves.unavailable(metricName, reason);
    }
}
