package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The configurations of a search space whose ranges are all integer or categorical: there are finitely many, and
 * SageMaker refuses a tuning job that asks for more training jobs than that ("You don't have enough combinations of
 * hyperparameter ranges"; validation rule {@code ranges.discrete-combinations}), a limit that makes sense only if
 * each combination is trained at most once. A strategy that proposes a configuration already trained spends one of
 * those jobs on a result it has (with a deterministic trainer, exactly the same result): in a 3 × 2 space, a 6-point
 * space-filling design mapped onto the cells repeated one or two of them. So the Random, Bayesian and Hyperband
 * strategies propose untried configurations while any remain ({@link #drawUntried}, {@link #listUntried}).
 *
 * <p>Configurations are compared by their canonical values — the strings {@link Dimension#valueAt} gives — so "3.0"
 * from a tool that writes integers as floats is the same configuration as "3".
 */
final class FiniteSpace {

    /** Up to this many configurations, the untried ones can be listed when random draws keep hitting tried ones. */
    static final long ENUMERABLE = 1 << 16;
    /** Draws of a configuration before falling back to listing the untried ones. */
    private static final int DRAWS = 64;

    private final SearchSpace space;
    private final long size;

    private FiniteSpace(SearchSpace space, long size) {
        this.space = space;
        this.size = size;
    }

    /** The finite space of {@code space}, or empty when a range is continuous (or there is no range at all). */
    static Optional<FiniteSpace> of(SearchSpace space) {
        if (space.dimensions().isEmpty()) {
            return Optional.empty();
        }
        long size = 1;
        for (Dimension dimension : space.dimensions()) {
            long values = valueCount(dimension);
            if (values == 0) {
                return Optional.empty();
            }
            size = size > Long.MAX_VALUE / values ? Long.MAX_VALUE : size * values;
        }
        return Optional.of(new FiniteSpace(space, size));
    }

    /** How many configurations there are (Long.MAX_VALUE when more than a long holds). */
    long size() {
        return size;
    }

    /** The configurations of these trials that are points of this space (others cannot be proposed anyway). */
    Set<List<String>> triedIn(Collection<Trial> trials) {
        Set<List<String>> tried = new HashSet<>();
        for (Trial trial : trials) {
            List<String> key = keyOf(trial.tunedHyperParameters());
            if (key != null) {
                tried.add(key);
            }
        }
        return tried;
    }

    /** The canonical values of a configuration, or null when it is not a point of this space. */
    List<String> keyOf(Map<String, String> values) {
        List<String> key = new ArrayList<>(space.dimensions().size());
        for (Dimension dimension : space.dimensions()) {
            String value = values.get(dimension.name());
            if (value == null) {
                return null;
            }
            try {
                String canonical = dimension.valueAt(dimension.unitOf(value));
                // unitOf clamps an integer outside the range to its end (for warm start); 7 of a 2–4 range is not 4
                if (dimension instanceof Dimension.Integer && Double.parseDouble(value.strip()) != Long.parseLong(canonical)) {
                    return null;
                }
                key.add(canonical);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return key;
    }

    /** The canonical values at a unit point. */
    List<String> keyAt(double[] unit) {
        return List.copyOf(space.valuesAt(unit).values());
    }

    /**
     * A unit point of an untried configuration, drawn uniformly from the unit cube as random search draws (so its
     * distribution over the untried configurations is random search's) — or, when {@value #DRAWS} draws hit tried
     * configurations, one of the untried ones listed, chosen uniformly. Empty when every configuration has been tried,
     * or when too many have been tried to find an untried one by drawing and the space is too large to list
     * ({@value #ENUMERABLE}).
     */
    Optional<double[]> drawUntried(Set<List<String>> tried, SplittableRandom random) {
        if (tried.size() >= size) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < DRAWS; attempt++) {
            double[] unit = uniformPoint(random, space.dimensions().size());
            if (!tried.contains(keyAt(unit))) {
                return Optional.of(unit);
            }
        }
        List<double[]> untried = listUntried(tried, Integer.MAX_VALUE);
        return untried.isEmpty() ? Optional.empty() : Optional.of(untried.get(random.nextInt(untried.size())));
    }

    /**
     * The representative unit points of the untried configurations, in odometer order (the last range fastest), at
     * most {@code limit} of them; none when the space has more than {@value #ENUMERABLE} configurations.
     */
    List<double[]> listUntried(Set<List<String>> tried, int limit) {
        List<double[]> out = new ArrayList<>();
        if (size > ENUMERABLE) {
            return out;
        }
        List<Dimension> dimensions = space.dimensions();
        for (long index = 0; index < size && out.size() < limit; index++) {
            double[] unit = new double[dimensions.size()];
            long rest = index;
            for (int j = dimensions.size() - 1; j >= 0; j--) {
                Dimension dimension = dimensions.get(j);
                long count = valueCount(dimension);
                unit[j] = dimension instanceof Dimension.Integer integer ? integer.unitOf(integer.min() + rest % count)
                        : ((Dimension.Categorical) dimension).unitOfIndex((int) (rest % count));
                rest /= count;
            }
            if (!tried.contains(keyAt(unit))) {
                out.add(unit);
            }
        }
        return out;
    }

    /** How many values a range holds; 0 for a continuous one. */
    private static long valueCount(Dimension dimension) {
        if (dimension instanceof Dimension.Integer integer) {
            return integer.count();
        }
        return dimension instanceof Dimension.Categorical categorical ? categorical.values().size() : 0;
    }

    /** A point drawn uniformly from the unit cube: random search's draw. */
    static double[] uniformPoint(SplittableRandom random, int dimensions) {
        double[] point = new double[dimensions];
        for (int j = 0; j < dimensions; j++) {
            point[j] = random.nextDouble();
        }
        return point;
    }
}
