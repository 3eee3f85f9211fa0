package io.tuneflow.engine.tuning;

import java.util.List;

/**
 * One tuned hyperparameter. Strategies work on the unit interval; {@link #valueAt(double)} maps a point of it onto
 * the range with the range's scaling, and formats the value as SageMaker passes hyperparameters: as a string.
 * {@link #unitOf(String)} goes back, so a model-based strategy can place the trials it observed on the interval.
 */
public sealed interface Dimension {

    String name();

    /** The hyperparameter value at {@code u} in [0, 1]. */
    String valueAt(double u);

    /**
     * The point of [0, 1] that stands for {@code value}: {@code valueAt(unitOf(v))} is {@code v} for every value the
     * range can produce. Continuous values outside the range are clamped to its ends.
     *
     * @throws IllegalArgumentException when {@code value} is not a value of this range's type (or not one of a
     *                                  categorical range's values)
     */
    double unitOf(String value);

    /**
     * The representative point of the value at {@code u}, {@code unitOf(valueAt(u))}, without formatting it: every
     * point of a discrete value's cell maps to the same point, so a model sees one location per integer or category.
     */
    double snap(double u);

    /**
     * @param scaling Linear, Logarithmic or ReverseLogarithmic; Auto is resolved before (see {@link SearchSpace})
     */
    record Integer(String name, long min, long max, String scaling) implements Dimension {
        @Override
        public String valueAt(double u) {
            return Long.toString(integerAt(u));
        }

        @Override
        public double unitOf(String value) {
            return unitOfInteger(parse(value));
        }

        @Override
        public double snap(double u) {
            return unitOfInteger(integerAt(u));
        }

        /** How many integers the range holds. */
        public long count() {
            return max - min + 1;
        }

        /** The integer at {@code u}. */
        public long integerAt(double u) {
            double x = Scaling.fromUnit(u, lowerEdge(), upperEdge(), scaling);
            return Math.max(min, Math.min(max, Math.round(x)));
        }

        /** The representative point of {@code v}. */
        public double unitOf(long v) {
            return unitOfInteger(v);
        }

        // Each integer owns the cell [v - 0.5, v + 0.5) of the scaled axis; v itself is its representative point.
        private double unitOfInteger(long v) {
            return clampToUnit(Scaling.toUnit(v, lowerEdge(), upperEdge(), scaling));
        }

        private double lowerEdge() {
            return min - 0.5;
        }

        private double upperEdge() {
            return max + 0.5 - 1e-9;
        }

        private long parse(String value) {
            String text = value.strip();
            try {
                return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            } catch (NumberFormatException e) {
                double x = parseDouble(name, text); // "3.0" from a tool that writes integers as floats
                if (x != Math.rint(x)) {
                    throw new IllegalArgumentException(name + ": " + value + " is not an integer");
                }
                return (long) x;
            }
        }
    }

    record Continuous(String name, double min, double max, String scaling) implements Dimension {
        @Override
        public String valueAt(double u) {
            double x = Math.max(min, Math.min(max, Scaling.fromUnit(u, min, max, scaling)));
            return HyperparameterFormat.decimal(x);
        }

        @Override
        public double unitOf(String value) {
            double x = Math.max(min, Math.min(max, parseDouble(name, value.strip())));
            return clampToUnit(Scaling.toUnit(x, min, max, scaling));
        }

        @Override
        public double snap(double u) {
            return clampToUnit(u);
        }
    }

    record Categorical(String name, List<String> values) implements Dimension {
        public Categorical {
            values = List.copyOf(values);
        }

        @Override
        public String valueAt(double u) {
            return values.get(indexAt(u));
        }

        @Override
        public double unitOf(String value) {
            int index = values.indexOf(value);
            if (index < 0) {
                throw new IllegalArgumentException(name + ": " + value + " is not one of " + values);
            }
            return unitOfIndex(index);
        }

        @Override
        public double snap(double u) {
            return unitOfIndex(indexAt(u));
        }

        /** The category at {@code u}: the interval is cut into equal cells, one per value, in request order. */
        public int indexAt(double u) {
            return (int) Math.max(0, Math.min(values.size() - 1, Math.floor(u * values.size())));
        }

        /** The centre of the category's cell. */
        public double unitOfIndex(int index) {
            return (index + 0.5) / values.size();
        }
    }

    private static double clampToUnit(double u) {
        return Double.isNaN(u) ? 0.5 : Math.max(0, Math.min(1, u));
    }

    private static double parseDouble(String name, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + text + " is not a number", e);
        }
    }
}
