package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FiniteSpaceTest {

    /** Layers 2–4, log-scaled (their cells are not evenly spaced on the unit axis), × 2 optimizers: 6 configurations. */
    private static final SearchSpace SMALL = new SearchSpace(List.of(
            new Dimension.Integer("layers", 2, 4, Scaling.LOGARITHMIC),
            new Dimension.Categorical("optimizer", List.of("sgd", "adam"))));
    private static final FiniteSpace FINITE = FiniteSpace.of(SMALL).orElseThrow();

    private static Trial trial(Map<String, String> tuned) {
        return TrialFixtures.completed(1, tuned, 1.0);
    }

    @Test
    void onlyIntegerAndCategoricalRangesMakeAFiniteSpace() {
        assertThat(FINITE.size()).isEqualTo(6);
        assertThat(FiniteSpace.of(new SearchSpace(List.of(new Dimension.Integer("n", 1, 3, Scaling.LINEAR),
                new Dimension.Continuous("lr", 0.1, 1, Scaling.LINEAR))))).isEmpty();
        assertThat(FiniteSpace.of(new SearchSpace(List.of()))).isEmpty();
        // more combinations than a long holds: the size saturates instead of wrapping
        SearchSpace huge = new SearchSpace(List.of(new Dimension.Integer("a", 0, Long.MAX_VALUE / 4, Scaling.LINEAR),
                new Dimension.Integer("b", 0, 1_000, Scaling.LINEAR)));
        assertThat(FiniteSpace.of(huge).orElseThrow().size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void configurationsAreComparedByTheirCanonicalValues() {
        Set<List<String>> tried = FINITE.triedIn(List.of(
                trial(Map.of("layers", "3.0", "optimizer", "adam")),   // a tool that writes integers as floats
                trial(Map.of("layers", "7", "optimizer", "adam")),     // not of this space: cannot be proposed anyway
                trial(Map.of("layers", "2"))));                        // a value missing
        assertThat(tried).containsExactly(List.of("3", "adam"));
        assertThat(FINITE.keyAt(new double[] {SMALL.dimensions().get(0).unitOf("3"), 0.9})).isEqualTo(List.of("3", "adam"));
    }

    @Test
    void listsTheUntriedConfigurationsInOdometerOrder() {
        Set<List<String>> tried = Set.of(List.of("2", "adam"), List.of("4", "sgd"));
        List<List<String>> untried = FINITE.listUntried(tried, 10).stream().map(FINITE::keyAt).toList();
        assertThat(untried).containsExactly(List.of("2", "sgd"), List.of("3", "sgd"), List.of("3", "adam"), List.of("4", "adam"));
        assertThat(FINITE.listUntried(tried, 2)).hasSize(2);
        // too many configurations to list: none are
        SearchSpace large = new SearchSpace(List.of(new Dimension.Integer("a", 1, 1_000, Scaling.LINEAR),
                new Dimension.Integer("b", 1, 1_000, Scaling.LINEAR)));
        assertThat(FiniteSpace.of(large).orElseThrow().listUntried(Set.of(), 10)).isEmpty();
    }

    @Test
    void drawsUntriedConfigurationsUntilNoneRemain() {
        Set<List<String>> tried = new HashSet<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < 6; k++) {
            double[] unit = FINITE.drawUntried(tried, random).orElseThrow();
            assertThat(tried.add(FINITE.keyAt(unit))).as("configuration %d is new", k).isTrue();
        }
        assertThat(FINITE.drawUntried(tried, random)).isEmpty();
    }

    @Test
    void whenDrawsKeepHittingTriedConfigurationsTheUntriedOnesAreListed() {
        // one untried configuration of 200 × 200: 64 uniform draws find it with probability 64 / 40,000
        SearchSpace space = new SearchSpace(List.of(new Dimension.Integer("a", 1, 200, Scaling.LINEAR),
                new Dimension.Integer("b", 1, 200, Scaling.LINEAR)));
        FiniteSpace finite = FiniteSpace.of(space).orElseThrow();
        Set<List<String>> tried = new HashSet<>();
        for (int a = 1; a <= 200; a++) {
            for (int b = 1; b <= 200; b++) {
                tried.add(List.of(Integer.toString(a), Integer.toString(b)));
            }
        }
        tried.remove(List.of("17", "170"));
        double[] unit = finite.drawUntried(tried, new SplittableRandom(5)).orElseThrow();
        assertThat(finite.keyAt(unit)).isEqualTo(List.of("17", "170"));
    }
}
