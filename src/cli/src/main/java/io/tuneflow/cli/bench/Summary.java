package io.tuneflow.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Collection;

/**
 * Median and quartiles of a sample. Quantiles interpolate linearly between order statistics — numpy's default
 * and Python's {@code statistics.quantiles(method="inclusive")} — so figures computed by the Optuna script and here
 * agree.
 */
public record Summary(double median, double lowerQuartile, double upperQuartile) {

    public static Summary of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values to summarise");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Summary(quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75));
    }

    /** The interquartile range. */
    @JsonProperty("iqr")
    public double iqr() {
        return upperQuartile - lowerQuartile;
    }

    static double quantile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        if (sorted[below] == sorted[above]) {
            return sorted[below]; // also when both are infinite (a target never reached), where interpolating gives NaN
        }
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
