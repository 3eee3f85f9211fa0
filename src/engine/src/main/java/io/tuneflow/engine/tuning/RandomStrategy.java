package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random search: each dimension drawn uniformly on the unit interval and mapped through the range's scaling. When every
 * range is integer or categorical, a configuration already tried is drawn again ({@link FiniteSpace}): SageMaker caps
 * such a job at the number of combinations, a limit that makes sense only if each is trained once. Reproducible: the
 * n-th configuration depends only on RandomSeed, n and (in such a space) which configurations came before it — not
 * on timing or parallelism.
 */
public final class RandomStrategy implements Strategy {

    /** {@link IndexedRandom}'s purpose for random configurations. */
    private static final long CONFIGURATIONS = 0x52414E444F4D31L;

    private final SearchSpace space;
    private final long seed;
    private final long purpose;
    private final Optional<FiniteSpace> finite;

    public RandomStrategy(SearchSpace space, long seed) {
        this(space, seed, CONFIGURATIONS);
    }

    private RandomStrategy(SearchSpace space, long seed, long purpose) {
        this.space = space;
        this.seed = seed;
        this.purpose = purpose;
        this.finite = FiniteSpace.of(space);
    }

    /**
     * Random configurations from a stream of their own ({@link IndexedRandom}'s purpose), for a strategy that draws
     * some of its configurations at random: with the RandomSeed of a Random job, it must not repeat that job's
     * configurations in the same order, or comparing the two with one seed compares them on shared draws.
     */
    static RandomStrategy drawingFor(SearchSpace space, long seed, long purpose) {
        if (purpose == CONFIGURATIONS) {
            throw new IllegalArgumentException("that purpose is random search's own");
        }
        return new RandomStrategy(space, seed, purpose);
    }

    @Override
    public List<Map<String, String>> suggest(int count, List<Trial> history) {
        Set<List<String>> tried = finite.map(f -> f.triedIn(history)).orElseGet(HashSet::new);
        List<Map<String, String>> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Map<String, String> configuration = drawn(history.size() + k, tried);
            finite.ifPresent(f -> tried.add(f.keyOf(configuration)));
            out.add(configuration);
        }
        return out;
    }

    /** The n-th configuration with nothing tried before it. */
    Map<String, String> configuration(int n) {
        return drawn(n, Set.of());
    }

    /** The n-th configuration; in a {@link FiniteSpace}, not one of the {@code known} trials' while others remain. */
    Map<String, String> configuration(int n, List<Trial> known) {
        return drawn(n, finite.map(f -> f.triedIn(known)).orElseGet(Set::of));
    }

    /**
     * The n-th configuration: the n-th stream's first draw, or in a finite space, while it is one of {@code tried}, a
     * later draw of the same stream (the first draw again once every configuration has been tried).
     */
    private Map<String, String> drawn(int n, Set<List<String>> tried) {
        SplittableRandom random = IndexedRandom.stream(seed, purpose, n);
        double[] point = FiniteSpace.uniformPoint(random, space.dimensions().size());
        if (finite.isPresent() && tried.contains(finite.get().keyAt(point))) {
            point = finite.get().drawUntried(tried, random).orElse(point);
        }
        return space.valuesAt(point);
    }
}
