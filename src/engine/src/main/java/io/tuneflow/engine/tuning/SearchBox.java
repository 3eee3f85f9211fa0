package io.tuneflow.engine.tuning;

import java.util.Arrays;

/**
 * Bounds on the unit cube's coordinates within which {@link AcquisitionSearch} looks: the whole cube, or a
 * {@link TrustRegion} around the incumbent. Only continuous coordinates are ever narrowed; integers and categoricals
 * keep [0, 1] (they have few values, and a box would cut some out entirely). {@link AcquisitionSearch} applies a box
 * only to candidates with its anchor's categories.
 */
record SearchBox(double[] lower, double[] upper) {

    SearchBox {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("lower and upper bounds differ in length");
        }
        for (int j = 0; j < lower.length; j++) {
            if (!(0 <= lower[j] && lower[j] <= upper[j] && upper[j] <= 1)) {
                throw new IllegalArgumentException("bound " + j + " is not within [0, 1]: [" + lower[j] + ", " + upper[j] + "]");
            }
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    static SearchBox cube(int dimensions) {
        double[] upper = new double[dimensions];
        Arrays.fill(upper, 1);
        return new SearchBox(new double[dimensions], upper);
    }

    double width(int j) {
        return upper[j] - lower[j];
    }

    /** Coordinate j of the point at fraction {@code f} ∈ [0, 1] across the box (exactly f in the cube). */
    double at(int j, double f) {
        return lower[j] + width(j) * f;
    }

    /** Where {@code u} lies across the box along coordinate j, in [0, 1] (0 when the box is flat there). */
    double fractionOf(int j, double u) {
        double width = width(j);
        return width == 0 ? 0 : Math.max(0, Math.min(1, (u - lower[j]) / width));
    }

    double clamped(int j, double u) {
        return Math.max(lower[j], Math.min(upper[j], u));
    }

    /** The point at fractions {@code f} across the box, coordinate by coordinate (f itself in the cube). */
    double[] at(double[] f) {
        double[] out = new double[f.length];
        for (int j = 0; j < f.length; j++) {
            out[j] = at(j, f[j]);
        }
        return out;
    }

    /** The nearest point of the box. */
    double[] clamped(double[] unit) {
        double[] out = new double[unit.length];
        for (int j = 0; j < unit.length; j++) {
            out[j] = clamped(j, unit[j]);
        }
        return out;
    }

    boolean contains(double[] unit) {
        for (int j = 0; j < unit.length; j++) {
            if (unit[j] < lower[j] || unit[j] > upper[j]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SearchBox box && Arrays.equals(lower, box.lower) && Arrays.equals(upper, box.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        return "SearchBox" + Arrays.toString(lower) + ".." + Arrays.toString(upper);
    }
}
