package io.tuneflow.cli.bench;

import io.tuneflow.engine.tuning.SearchSpace;
import io.tuneflow.engine.tuning.Strategy;

/** Builds a strategy for one benchmark run: the shape every strategy constructor can be adapted to. */
@FunctionalInterface
public interface StrategyFactory {

    Strategy create(SearchSpace space, boolean maximize, long seed);
}
