package io.tuneflow.core.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;

/** Numbers and durations as a person reads them in the report; the exact values stay in the embedded data. */
final class DisplayValues {

    private DisplayValues() {
    }

    /** {@code digits} significant digits, plain unless the number is very small or very large (then 1.2e-7). */
    static String number(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e9) {
            return rounded.toPlainString();
        }
        String scientific = String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", value);
        String mantissa = scientific.substring(0, scientific.indexOf('e')).replaceAll("\\.?0+$", "");
        int exponent = Integer.parseInt(scientific.substring(scientific.indexOf('e') + 1));
        return mantissa + "e" + exponent;
    }

    /** A hyperparameter value: numbers shortened to 4 significant digits, anything else as it is. */
    static String hyperParameter(String value) {
        try {
            return number(Double.parseDouble(value), 4);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return duration.toMillis() < 10_000 && duration.toMillis() % 1000 != 0
                    ? number(duration.toMillis() / 1000.0, 2) + " s" : seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
