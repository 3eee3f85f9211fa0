package io.tuneflow.engine.tuning;

import java.util.List;

/**
 * One tuned hyperparameter. Strategies work on the unit interval; {@link #valueAt(double)} maps a point of it onto
 * the range with the range's scaling, and formats the value as SageMaker passes hyperparameters: as a string.
 */
public sealed interface Dimension {

    String name();

    /** The hyperparameter value at {@code u} in [0, 1]. */
    String valueAt(double u);

    /**
     * @param scaling Linear, Logarithmic or ReverseLogarithmic; Auto is resolved before (see {@link SearchSpace})
     */
    record Integer(String name, long min, long max, String scaling) implements Dimension {
        @Override
        public String valueAt(double u) {
            double x = Scaling.fromUnit(u, min - 0.5, max + 0.5 - 1e-9, scaling);
            long value = Math.round(x);
            return Long.toString(Math.max(min, Math.min(max, value)));
        }
    }

    record Continuous(String name, double min, double max, String scaling) implements Dimension {
        @Override
        public String valueAt(double u) {
            double x = Math.max(min, Math.min(max, Scaling.fromUnit(u, min, max, scaling)));
            return HyperparameterFormat.decimal(x);
        }
    }

    record Categorical(String name, List<String> values) implements Dimension {
        public Categorical {
            values = List.copyOf(values);
        }

        @Override
        public String valueAt(double u) {
            int index = (int) Math.min(values.size() - 1, Math.floor(u * values.size()));
            return values.get(index);
        }
    }
}
