package io.tuneflow.engine.tuning;

import java.math.BigDecimal;

/** Continuous hyperparameter values as strings: the shortest decimal that reads back as the same double. */
final class HyperparameterFormat {

    private HyperparameterFormat() {
    }

    static String decimal(double value) {
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String plain = shortest.toPlainString();
        // Very small or large values stay readable (and parseable by float()) in exponent form.
        return plain.length() > 24 ? shortest.toString() : plain;
    }
}
