package io.tuneflow.engine.tuning.bayes;

import java.util.SplittableRandom;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * Sobol points in the unit cube with a random digital shift: every coordinate's 52 bits XOR-ed with a random mask.
 * The shift keeps the sequence's stratification (each prefix of 2^k points still fills the cube evenly) while moving
 * it off the corner the raw sequence starts at, and makes it depend on a seed. Hipparchus' generator yields
 * coordinates as multiples of 2^-52, so the shift is exact.
 */
public final class ShiftedSobolSequence {

    private static final int BITS = 52;
    private static final long MASK = (1L << BITS) - 1;

    private final SobolSequenceGenerator generator;
    private final long[] shifts;

    public ShiftedSobolSequence(int dimension, long seed) {
        this.generator = new SobolSequenceGenerator(dimension);
        SplittableRandom random = new SplittableRandom(seed);
        this.shifts = new long[dimension];
        for (int j = 0; j < dimension; j++) {
            shifts[j] = random.nextLong() & MASK;
        }
    }

    /** Points {@code from} .. {@code from + count − 1} of the sequence. */
    public double[][] points(int from, int count) {
        double[][] points = new double[count][];
        for (int k = 0; k < count; k++) {
            double[] raw = k == 0 ? generator.skipTo(from) : generator.nextVector();
            for (int j = 0; j < raw.length; j++) {
                long bits = (long) Math.scalb(raw[j], BITS);
                raw[j] = Math.scalb((double) ((bits ^ shifts[j]) & MASK), -BITS);
            }
            points[k] = raw;
        }
        return points;
    }
}
