package io.tuneflow.engine.tuning;

import io.tuneflow.engine.tuning.bayes.Matern52Kernel;
import java.util.List;
import java.util.Map;

/**
 * How the Bayesian strategy's Gaussian process sees a point of the search space's unit cube: one input per tuned
 * hyperparameter. Continuous ranges enter as their unit coordinate (so Logarithmic and ReverseLogarithmic ranges are
 * already linearised); integers as the representative point of their integer, so every point of an integer's cell is
 * the same input and the model never believes in values between integers; categoricals as the category's index,
 * compared by {@link Matern52Kernel} as same/different.
 */
final class CubeEncoding {

    private final List<Dimension> dimensions;
    private final boolean[] categorical;

    CubeEncoding(SearchSpace space) {
        this.dimensions = space.dimensions();
        this.categorical = new boolean[dimensions.size()];
        for (int j = 0; j < categorical.length; j++) {
            categorical[j] = dimensions.get(j) instanceof Dimension.Categorical;
        }
    }

    int size() {
        return dimensions.size();
    }

    Dimension dimension(int j) {
        return dimensions.get(j);
    }

    boolean[] categorical() {
        return categorical.clone();
    }

    /** The model input at a unit point. */
    double[] inputOf(double[] unit) {
        double[] input = new double[unit.length];
        for (int j = 0; j < unit.length; j++) {
            Dimension dimension = dimensions.get(j);
            input[j] = dimension instanceof Dimension.Categorical c ? c.indexAt(unit[j]) : dimension.snap(unit[j]);
        }
        return input;
    }

    /** The representative unit point of the configuration at {@code unit}. */
    double[] snapped(double[] unit) {
        double[] out = new double[unit.length];
        for (int j = 0; j < unit.length; j++) {
            out[j] = dimensions.get(j).snap(unit[j]);
        }
        return out;
    }

    /**
     * The unit point of a trial's tuned hyperparameters, or null when they do not belong to this space (a value
     * missing, or not of the range) — such a trial cannot inform the model, and is better ignored than fatal.
     */
    double[] unitOf(Map<String, String> values) {
        double[] unit = new double[dimensions.size()];
        for (int j = 0; j < unit.length; j++) {
            String value = values.get(dimensions.get(j).name());
            if (value == null) {
                return null;
            }
            try {
                unit[j] = dimensions.get(j).unitOf(value);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return unit;
    }
}
