package io.tuneflow.cli.bench;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What one run of a strategy on a problem found, and what each suggestion cost.
 *
 * @param best        the best objective value among the completed trials
 * @param repeats     trials whose configuration an earlier trial of the run had: training jobs spent on a known result
 * @param suggestions every suggestion, in order, including the final one made after the last trial completed
 */
public record RunOutcome(int trials, double best, int repeats, List<TimedSuggestion> suggestions) {

    public RunOutcome {
        suggestions = List.copyOf(suggestions);
    }

    /** Milliseconds spent in the first suggestion made with {@code observations} completed trials, if any was. */
    public OptionalDouble overheadMillisAt(int observations) {
        return suggestions.stream().filter(s -> s.observations() == observations).findFirst()
                .map(s -> OptionalDouble.of(s.nanos() / 1e6)).orElse(OptionalDouble.empty());
    }
}
