package io.tuneflow.cli.bench;

import io.tuneflow.engine.tuning.BayesianStrategy;
import io.tuneflow.engine.tuning.RandomStrategy;
import io.tuneflow.engine.tuning.SearchSpace;
import io.tuneflow.engine.tuning.Strategy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The strategies the benchmark can run, by the name {@code --strategies} uses. Immutable. */
public final class StrategyRegistry {

    private final Map<String, StrategyFactory> factories;

    private StrategyRegistry(Map<String, StrategyFactory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** The engine's strategies. A new one is one more {@code with} line here. */
    public static StrategyRegistry standard() {
        return empty()
                .with("random", (space, maximize, seed) -> new RandomStrategy(space, seed))
                .with("bayesian", BayesianStrategy::new);
    }

    public static StrategyRegistry empty() {
        return new StrategyRegistry(Map.of());
    }

    public StrategyRegistry with(String name, StrategyFactory factory) {
        Map<String, StrategyFactory> next = new LinkedHashMap<>(factories);
        if (next.put(name, factory) != null) {
            throw new IllegalArgumentException("A strategy named " + name + " is already registered");
        }
        return new StrategyRegistry(next);
    }

    public Set<String> names() {
        return new TreeSet<>(factories.keySet());
    }

    public boolean contains(String name) {
        return factories.containsKey(name);
    }

    public Strategy create(String name, SearchSpace space, boolean maximize, long seed) {
        StrategyFactory factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("No strategy named " + name + "; known: " + names());
        }
        return factory.create(space, maximize, seed);
    }
}
