package io.tuneflow.core.metrics;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads a captured metric value the way Python's {@code float()} reads it — surrounding whitespace, a sign,
 * {@code .5}, {@code 5.}, exponents, underscores between digits — but only finite values count: SageMaker ignores a
 * metric that is not a number, and nan or inf cannot be compared as an objective.
 *
 * <p>Java's {@link Double#parseDouble} alone would accept what Python rejects ({@code 0x1p3}, {@code 1.5d},
 * {@code 1f}) and reject what Python accepts ({@code 1_000}).
 */
final class MetricNumber {

    private static final Pattern DECIMAL = Pattern.compile(
            "[-+]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][-+]?\\d(?:_?\\d)*)?");

    private MetricNumber() {
    }

    static OptionalDouble parse(CharSequence captured) {
        if (captured == null) {
            return OptionalDouble.empty();
        }
        String text = toAsciiDigits(captured.toString().strip());
        if (!DECIMAL.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(text.replace("_", ""));
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** Python's float() accepts any Unicode decimal digit (e.g. Arabic-Indic); Java's parser only ASCII. */
    private static String toAsciiDigits(String text) {
        StringBuilder out = null;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c > 127 && Character.isDigit(c)) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(k, (char) ('0' + Character.digit(c, 10)));
            }
        }
        return out == null ? text : out.toString();
    }
}
