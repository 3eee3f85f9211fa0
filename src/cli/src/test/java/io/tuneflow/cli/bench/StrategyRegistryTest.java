package io.tuneflow.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tuneflow.engine.tuning.RandomStrategy;
import io.tuneflow.engine.tuning.SearchSpace;
import io.tuneflow.engine.tuning.Strategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyRegistryTest {

    private static final SearchSpace SPACE = ProblemFile.read(ProblemFileTest.PROBLEMS.resolve("branin.json")).space();

    @Test
    void theStandardRegistryHasRandom() {
        StrategyRegistry registry = StrategyRegistry.standard();
        assertThat(registry.names()).contains("random");
        Strategy random = registry.create("random", SPACE, false, 7);
        assertThat(random).isInstanceOf(RandomStrategy.class);
        assertThat(random.suggest(1, List.of())).singleElement().satisfies(c -> assertThat(c).containsOnlyKeys("x1", "x2"));
    }

    @Test
    void aStrategyIsOneMoreRegistration() {
        record Seen(SearchSpace space, boolean maximize, long seed) {
        }
        List<Seen> seen = new java.util.ArrayList<>();
        StrategyRegistry registry = StrategyRegistry.standard().with("constant", (space, maximize, seed) -> {
            seen.add(new Seen(space, maximize, seed));
            return (count, history) -> List.of(Map.of("x1", "0", "x2", "0"));
        });
        registry.create("constant", SPACE, true, 42);
        assertThat(seen).containsExactly(new Seen(SPACE, true, 42));
        assertThat(registry.names()).containsExactly("bayesian", "constant", "random");
        assertThat(StrategyRegistry.standard().names()).doesNotContain("constant");
    }

    @Test
    void namesAreUnique() {
        assertThatThrownBy(() -> StrategyRegistry.standard().with("random", (s, m, seed) -> null))
                .hasMessageContaining("already registered");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> StrategyRegistry.standard().create("tpe", SPACE, false, 1))
                .hasMessageContaining("No strategy named tpe; known: [bayesian, random]");
    }
}
