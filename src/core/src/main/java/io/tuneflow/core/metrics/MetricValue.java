package io.tuneflow.core.metrics;

/**
 * One value of a metric found in a training log.
 *
 * @param value the number the first capture group held
 * @param line  the 1-based line of the log it came from (lines counted across stdout and stderr as they arrived)
 */
public record MetricValue(double value, long line) {
}
