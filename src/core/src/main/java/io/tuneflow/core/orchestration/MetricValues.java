package io.tuneflow.core.orchestration;

/** Metric values as people read them. */
final class MetricValues {

    private MetricValues() {
    }

    /** SageMaker reports metric values as floats: 0.315432f is shown as 0.315432, not 0.31543201208114624. */
    static Double decimal(Float value) {
        return value == null ? null : Double.valueOf(Float.toString(value));
    }
}
