package io.tuneflow.engine.tuning;

/**
 * SageMaker's scaling types as maps from the unit interval onto a range: Linear spreads values evenly, Logarithmic
 * evenly in log(x) (needs min > 0), ReverseLogarithmic evenly in log(1 - x) (needs 0 <= x < 1), so values crowd
 * towards 1 — the place where momentum-like parameters are sensitive.
 */
final class Scaling {

    static final String LINEAR = "Linear";
    static final String LOGARITHMIC = "Logarithmic";
    static final String REVERSE_LOGARITHMIC = "ReverseLogarithmic";

    private Scaling() {
    }

    static double fromUnit(double u, double min, double max, String scaling) {
        return switch (scaling) {
            case LOGARITHMIC -> Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
            case REVERSE_LOGARITHMIC -> 1 - Math.exp(Math.log(1 - min) + u * (Math.log(1 - max) - Math.log(1 - min)));
            default -> min + u * (max - min);
        };
    }

    /** The inverse of {@link #fromUnit}: where {@code x} lies on the unit interval (outside [0, 1] when x is). */
    static double toUnit(double x, double min, double max, String scaling) {
        if (max == min) {
            return 0.5; // a one-value range: every point of the interval means the same value
        }
        return switch (scaling) {
            case LOGARITHMIC -> (Math.log(x) - Math.log(min)) / (Math.log(max) - Math.log(min));
            case REVERSE_LOGARITHMIC -> (Math.log(1 - x) - Math.log(1 - min)) / (Math.log(1 - max) - Math.log(1 - min));
            default -> (x - min) / (max - min);
        };
    }
}
