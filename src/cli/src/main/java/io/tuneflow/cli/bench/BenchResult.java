package io.tuneflow.cli.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One optimizer on one problem over all seeds: the raw per-seed figures, which the Optuna script reports in the same
 * shape, so both sides are summarised by the same code.
 *
 * @param optimizer         e.g. {@code tuneflow random}, {@code optuna TPE}
 * @param mode              {@code sequential} or {@code parallel N}
 * @param regrets           |best found - known optimum| after {@code trials} trials, one per seed
 * @param repeats           trials that repeated an earlier trial's configuration, one count per seed
 * @param overheadMillisAt  per observation count: the wall time of the suggestion made at that many observations,
 *                          one per seed
 */
public record BenchResult(String problem, String optimizer, String mode, int trials, List<Long> seeds,
                          List<Double> regrets, List<Integer> repeats, Map<Integer, List<Double>> overheadMillisAt) {

    public BenchResult {
        seeds = List.copyOf(seeds);
        regrets = List.copyOf(regrets);
        repeats = List.copyOf(repeats);
        overheadMillisAt = Map.copyOf(overheadMillisAt);
    }

    public static String mode(int parallel) {
        return parallel == 1 ? "sequential" : "parallel " + parallel;
    }

    /** In JSON output only: read back, the raw figures are summarised again. */
    @JsonProperty(value = "regret", access = JsonProperty.Access.READ_ONLY)
    public Summary regret() {
        return Summary.of(regrets);
    }

    /** Repeated configurations per run, on average over seeds. */
    @JsonIgnore
    public double meanRepeats() {
        return repeats.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    @JsonIgnore
    public Optional<Summary> overheadAt(int observations) {
        List<Double> values = overheadMillisAt.get(observations);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(Summary.of(values));
    }

    @JsonProperty(value = "overheadMillis", access = JsonProperty.Access.READ_ONLY)
    public Map<Integer, Summary> overheadSummaries() {
        Map<Integer, Summary> out = new TreeMap<>();
        overheadMillisAt.forEach((point, values) -> out.put(point, Summary.of(values)));
        return out;
    }

    /** The observation counts overhead was measured at, in order. */
    @JsonIgnore
    public List<Integer> overheadPoints() {
        return List.copyOf(new TreeMap<>(overheadMillisAt).keySet());
    }
}
