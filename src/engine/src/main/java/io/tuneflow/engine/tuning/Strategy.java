package io.tuneflow.engine.tuning;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A search strategy: given what has been tried, the next hyperparameter configurations to train. Strategies keep
 * no state of their own beyond their random generator, so the engine can rebuild them after a restart.
 */
public interface Strategy {

    /**
     * @param count   how many configurations to propose (the free parallel slots)
     * @param history every trial so far, finished or running
     * @return at most {@code count} configurations; fewer when the strategy has nothing left to try
     */
    List<Map<String, String>> suggest(int count, List<Trial> history);

    /**
     * This strategy, informed by the trials of warm-start parent jobs (already in this job's search space). Strategies
     * that learn from results (Bayesian) take them as observations; Random and Grid do not learn, so they ignore them.
     */
    default Strategy withPriorTrials(List<Trial> prior) {
        return this;
    }

    /** How many trials the strategy will ever propose, when it knows (Grid). */
    default OptionalInt size() {
        return OptionalInt.empty();
    }
}
