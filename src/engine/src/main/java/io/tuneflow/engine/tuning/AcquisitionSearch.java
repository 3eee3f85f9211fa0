package io.tuneflow.engine.tuning;

import io.tuneflow.engine.tuning.bayes.Acquisition;
import io.tuneflow.engine.tuning.bayes.LimitedMemoryBfgs;
import io.tuneflow.engine.tuning.bayes.OrderedParallelMap;
import io.tuneflow.engine.tuning.bayes.ShiftedSobolSequence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Finds the unit point with the largest acquisition value (log expected improvement, see {@link Acquisition}). It
 * is multimodal and flat far from the data, so the search is global then local:
 * <ol>
 *   <li>candidates: shifted Sobol points over the whole cube, plus perturbations of the best observed points at
 *       several scales (EI's maximum is usually close to an incumbent, and random points rarely land there);</li>
 *   <li>the best few candidates are refined: continuous coordinates by L-BFGS on the analytic gradient (through
 *       {@code u = sin²(z)}, which keeps them in [0, 1] without a constrained optimiser), integer and categorical
 *       coordinates by trying other values one coordinate at a time — EI is evaluated at the integer or category
 *       itself, so it is piecewise constant there and has no useful gradient.</li>
 * </ol>
 * The number of candidates shrinks as the model grows, since each evaluation costs O(n²).
 *
 * <p>The search can be confined to a {@link SearchBox} (a {@link TrustRegion}) around an anchor, the best observed
 * point: Sobol points fill the box, perturbations and L-BFGS stay in it. In a space with categoricals the box holds
 * only for candidates with the anchor's categories (as in CASMOPOLITAN, Wan et al. 2021); a candidate with other
 * categories may take any continuous values. The box is centred on the anchor's continuous values, which are the best
 * for its categories, not for others: a learning rate that is best with one optimizer is rarely best with another,
 * and a box that held for every category kept parallel trials on the anchor's categories (docs/bayesian.md).
 */
final class AcquisitionSearch {

    private static final double[] PERTURBATION_SCALES = {0.005, 0.02, 0.05, 0.15};
    private static final int STARTS = 5;
    private static final int GLOBAL_STARTS = 3;
    private static final int ROUNDS = 3;

    private final CubeEncoding encoding;
    private final Acquisition acquisition;
    private final LimitedMemoryBfgs localOptimizer = new LimitedMemoryBfgs(25, 1e-6);
    private final SearchBox box;
    private final SearchBox cube;
    /** The categorical coordinates for which the box holds (those of the anchor); NaN where a coordinate is not one. */
    private final double[] anchorCategories;

    AcquisitionSearch(CubeEncoding encoding, Acquisition acquisition) {
        this(encoding, acquisition, SearchBox.cube(encoding.size()), new double[encoding.size()]); // any anchor: no box
    }

    /**
     * @param box    where candidates with the anchor's categories must lie
     * @param anchor the unit point the box was built around (only its categorical coordinates are read)
     */
    AcquisitionSearch(CubeEncoding encoding, Acquisition acquisition, SearchBox box, double[] anchor) {
        if (box.lower().length != encoding.size() || anchor.length != encoding.size()) {
            throw new IllegalArgumentException("a box of " + box.lower().length + " coordinates and an anchor of "
                    + anchor.length + " for " + encoding.size());
        }
        this.encoding = encoding;
        this.acquisition = acquisition;
        this.box = box;
        this.cube = SearchBox.cube(encoding.size());
        this.anchorCategories = new double[encoding.size()];
        for (int j = 0; j < anchor.length; j++) {
            anchorCategories[j] = encoding.dimension(j) instanceof Dimension.Categorical c ? c.snap(anchor[j]) : Double.NaN;
        }
    }

    private record Scored(double[] unit, double value) {
    }

    /** @param incumbents the best observed unit points, best first */
    double[] maximize(SplittableRandom random, List<double[]> incumbents) {
        int d = encoding.size();
        int n = acquisition.modelSize();
        int sobolCount = n <= 64 ? 1024 : n <= 128 ? 512 : 256;
        int localCount = n <= 128 ? 256 : 128;
        List<double[]> globalPoints = new ArrayList<>();
        for (double[] point : new ShiftedSobolSequence(d, random.nextLong()).points(0, sobolCount)) {
            globalPoints.add(encoding.snapped(boxFor(point).at(point)));
        }
        List<double[]> localPoints = new ArrayList<>();
        for (int k = 0; k < localCount && !incumbents.isEmpty(); k++) {
            // Half around the best point, the rest shared by the runners-up.
            int runnersUp = incumbents.size() - 1;
            double[] centre = incumbents.get(k % 2 == 0 || runnersUp == 0 ? 0 : 1 + (k / 2) % runnersUp);
            localPoints.add(encoding.snapped(perturbed(centre, random)));
        }
        // The points are drawn above, in order, from the one random stream; scoring and refining them is pure, so it
        // runs on all cores, and the reductions below go in the same order as a sequential loop would.
        List<Scored> global = OrderedParallelMap.map(globalPoints, this::score);
        List<Scored> local = OrderedParallelMap.map(localPoints, this::score);
        // Refine the best of both kinds: local candidates usually score highest, and starting only from them would
        // never look at a better mode of EI elsewhere.
        List<double[]> starts = new ArrayList<>();
        addBest(global, local.isEmpty() ? STARTS : GLOBAL_STARTS, starts);
        addBest(local, STARTS - starts.size(), starts);
        Scored bestFound = score(starts.get(0));
        for (Scored candidate : global) {
            bestFound = candidate.value() > bestFound.value() ? candidate : bestFound;
        }
        for (Scored candidate : local) {
            bestFound = candidate.value() > bestFound.value() ? candidate : bestFound;
        }
        for (Scored refined : OrderedParallelMap.map(starts, this::refine)) {
            if (refined.value() > bestFound.value()) {
                bestFound = refined;
            }
        }
        return bestFound.unit();
    }

    private static void addBest(List<Scored> candidates, int count, List<double[]> starts) {
        List<Scored> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Scored::value).reversed());
        int added = 0;
        for (Scored candidate : sorted) {
            if (added == count) {
                break;
            }
            if (starts.stream().noneMatch(s -> java.util.Arrays.equals(s, candidate.unit()))) {
                starts.add(candidate.unit());
                added++;
            }
        }
    }

    /**
     * The box a candidate must lie in: the trust region for the anchor's categories, the whole cube for others. Reads
     * only the categorical coordinates, snapped here, so {@code unit} need not be snapped.
     */
    private SearchBox boxFor(double[] unit) {
        for (int j = 0; j < unit.length; j++) {
            if (!Double.isNaN(anchorCategories[j]) && encoding.dimension(j).snap(unit[j]) != anchorCategories[j]) {
                return cube;
            }
        }
        return box;
    }

    private Scored score(double[] unit) {
        return new Scored(unit, acquisition.value(encoding.inputOf(unit)));
    }

    private double[] perturbed(double[] centre, SplittableRandom random) {
        int d = centre.length;
        double scale = PERTURBATION_SCALES[random.nextInt(PERTURBATION_SCALES.length)];
        // In more than a few dimensions, move only some coordinates: a step in all of them at once is rarely better.
        double probability = Math.min(1, 3.0 / d);
        double[] out = centre.clone();
        boolean moved = false;
        while (!moved) {
            for (int j = 0; j < d; j++) {
                if (random.nextDouble() >= probability) {
                    continue;
                }
                moved = true;
                if (encoding.dimension(j) instanceof Dimension.Categorical c) {
                    out[j] = c.unitOfIndex(random.nextInt(c.values().size()));
                } else {
                    out[j] = centre[j] + scale * random.nextGaussian();
                }
            }
        }
        return boxFor(out).clamped(out); // the categories drawn decide the box
    }

    private Scored refine(double[] start) {
        Scored current = score(start);
        for (int round = 0; round < ROUNDS; round++) {
            Scored continuous = refineContinuous(current);
            current = refineDiscrete(continuous);
            if (current == continuous) { // no discrete move: the continuous coordinates are already refined
                break;
            }
        }
        return current;
    }

    private Scored refineContinuous(Scored from) {
        int d = encoding.size();
        int[] free = java.util.stream.IntStream.range(0, d)
                .filter(j -> encoding.dimension(j) instanceof Dimension.Continuous).toArray();
        if (free.length == 0) {
            return from;
        }
        double[] base = from.unit().clone();
        SearchBox box = boxFor(base); // the categories stay fixed here, so the box does too
        double[] z = new double[free.length];
        for (int f = 0; f < free.length; f++) {
            z[f] = Math.asin(Math.sqrt(Math.max(1e-9, Math.min(1 - 1e-9, box.fractionOf(free[f], base[free[f]])))));
        }
        double[] inputGradient = new double[d];
        LimitedMemoryBfgs.Objective negated = (zz, gradient) -> {
            double[] unit = base.clone();
            for (int f = 0; f < free.length; f++) {
                unit[free[f]] = fromAngle(box, free[f], zz[f]);
            }
            double value = acquisition.value(encoding.inputOf(unit), inputGradient);
            for (int f = 0; f < free.length; f++) {
                gradient[f] = -inputGradient[free[f]] * box.width(free[f]) * Math.sin(2 * zz[f]);
            }
            return -value;
        };
        LimitedMemoryBfgs.Result result = localOptimizer.minimize(negated, z);
        double[] unit = base.clone();
        for (int f = 0; f < free.length; f++) {
            unit[free[f]] = fromAngle(box, free[f], result.point()[f]);
        }
        Scored refined = score(unit);
        return refined.value() > from.value() ? refined : from;
    }

    /** Coordinate j at angle z: sin²(z) of the way across the box, so L-BFGS needs no bounds. */
    private static double fromAngle(SearchBox box, int j, double z) {
        double s = Math.sin(z);
        return box.at(j, s * s);
    }

    private Scored refineDiscrete(Scored from) {
        Scored current = from;
        for (int j = 0; j < encoding.size(); j++) {
            for (double alternative : alternatives(j, current.unit()[j])) {
                double[] unit = current.unit().clone();
                unit[j] = alternative;
                Scored scored = score(boxFor(unit).clamped(unit)); // back to the anchor's categories: into the box
                if (scored.value() > current.value()) {
                    current = scored;
                }
            }
        }
        return current;
    }

    /** Other values of a discrete coordinate worth trying: every category; an integer's neighbours at doubling distances. */
    private List<Double> alternatives(int j, double u) {
        List<Double> out = new ArrayList<>();
        Dimension dimension = encoding.dimension(j);
        if (dimension instanceof Dimension.Categorical c) {
            for (int i = 0; i < c.values().size(); i++) {
                out.add(c.unitOfIndex(i));
            }
        } else if (dimension instanceof Dimension.Integer integer) {
            if (integer.count() <= 16) {
                for (long v = integer.min(); v <= integer.max(); v++) {
                    out.add(integer.unitOf(v));
                }
            } else {
                long current = integer.integerAt(u);
                for (long step = 1; step < integer.count(); step *= 2) {
                    if (current - step >= integer.min()) {
                        out.add(integer.unitOf(current - step));
                    }
                    if (current + step <= integer.max()) {
                        out.add(integer.unitOf(current + step));
                    }
                }
            }
        }
        return out;
    }
}
