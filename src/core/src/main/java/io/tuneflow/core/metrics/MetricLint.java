package io.tuneflow.core.metrics;

/**
 * Advice about a metric regex that compiles but will probably not extract what the user wants.
 *
 * @param code    stable id: {@code no-capture-group}, {@code captures-non-number}, {@code captures-rest-of-line},
 *                {@code matches-empty}, {@code surrounding-whitespace}
 */
public record MetricLint(String code, String message, String fix) {
}
