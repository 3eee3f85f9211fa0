package io.tuneflow.cli.bench;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What one run of a strategy on a problem found, and what each suggestion cost.
 *
 * @param best        the best objective value among the completed trials
 * @param suggestions every suggestion, in order, including the final one made after the last trial completed
 */
public record RunOutcome(int trials, double best, List<TimedSuggestion> suggestions) {

    public RunOutcome {
        suggestions = List.copyOf(suggestions);
    }

    /** Milliseconds spent in the first suggestion made with {@code observations} completed trials, if any was. */
    public OptionalDouble overheadMillisAt(int observations) {
        return suggestions.stream().filter(s -> s.observations() == observations).findFirst()
                .map(s -> OptionalDouble.of(s.nanos() / 1e6)).orElse(OptionalDouble.empty());
    }
}
