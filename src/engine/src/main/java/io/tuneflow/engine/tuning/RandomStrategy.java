package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random search: each dimension drawn uniformly on the unit interval and mapped through the range's scaling.
 * Reproducible: the n-th configuration depends only on RandomSeed and n, not on timing or parallelism.
 */
public final class RandomStrategy implements Strategy {

    /** {@link IndexedRandom}'s purpose for random configurations. */
    private static final long CONFIGURATIONS = 0x52414E444F4D31L;

    private final SearchSpace space;
    private final long seed;
    private final long purpose;

    public RandomStrategy(SearchSpace space, long seed) {
        this(space, seed, CONFIGURATIONS);
    }

    private RandomStrategy(SearchSpace space, long seed, long purpose) {
        this.space = space;
        this.seed = seed;
        this.purpose = purpose;
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
        List<Map<String, String>> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(configuration(history.size() + k));
        }
        return out;
    }

    Map<String, String> configuration(int n) {
        SplittableRandom random = IndexedRandom.stream(seed, purpose, n);
        double[] point = new double[space.dimensions().size()];
        for (int d = 0; d < point.length; d++) {
            point[d] = random.nextDouble();
        }
        return space.valuesAt(point);
    }
}
