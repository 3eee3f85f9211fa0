package io.tuneflow.core.metrics;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything one MetricDefinition found in a log: its values in order, and what it matched but could not use.
 *
 * @param matches          lines the regex matched, whether or not the capture was a number
 * @param values           the numbers captured, in log order
 * @param skipped          matches whose first group was not a number (SageMaker skips them too)
 * @param skippedExamples  a few of those captures, to show the user what the regex really caught
 * @param error            why the regex cannot be compiled, or null
 */
public record MetricSeries(String name, String regex, long matches, List<MetricValue> values, long skipped,
                           List<String> skippedExamples, String error) {

    public MetricSeries {
        values = List.copyOf(values);
        skippedExamples = List.copyOf(skippedExamples);
    }

    /** The metric's final value as SageMaker reports it: the last number extracted. */
    public OptionalDouble finalValue() {
        return values.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(values.get(values.size() - 1).value());
    }

    public Optional<String> compileError() {
        return Optional.ofNullable(error);
    }
}
