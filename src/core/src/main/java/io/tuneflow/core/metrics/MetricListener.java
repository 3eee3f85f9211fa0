package io.tuneflow.core.metrics;

/**
 * Told of each metric value as the extractor finds it in a running job's log — what early stopping and Hyperband
 * decide on. Called on the thread that reads the log, under the extractor's lock: hand the value off, do not block.
 */
@FunctionalInterface
public interface MetricListener {

    MetricListener NONE = (metricName, value) -> { };

    void valueFound(String metricName, MetricValue value);
}
