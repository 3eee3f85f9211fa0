package io.tuneflow.core.model;

import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.validation.DidYouMean;
import io.tuneflow.core.validation.Problems;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The per-field rules of the service model — enum, length, pattern, numeric range, list and map size — applied to a
 * value whose type is already right. SageMaker answers a violation with a {@code ValidationException} ("failed to
 * satisfy constraint"); here each one also says how to fix it.
 *
 * <p>Rule ids: {@code shape.enum}, {@code shape.length}, {@code shape.pattern}, {@code shape.range},
 * {@code shape.size}. Source: the {@code min}, {@code max}, {@code pattern} and {@code enum} traits of botocore's
 * {@code sagemaker/2017-07-24/service-2.json}.
 */
final class ConstraintChecker {

    /** Plain-words readings of the service's patterns, for the fix text; the pattern itself is always shown too. */
    private static final Map<String, String> PATTERN_MEANINGS = Map.ofEntries(
            Map.entry(".*", "a single line: no line breaks"),
            Map.entry(".+", "a non-empty single line: no line breaks"),
            Map.entry("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}",
                    "letters, digits and hyphens, starting and ending with a letter or digit"),
            Map.entry("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}",
                    "letters, digits and hyphens, starting and ending with a letter or digit"),
            Map.entry("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
                    "letters, digits and hyphens, starting and ending with a letter or digit"),
            Map.entry("[a-zA-Z_][a-zA-Z0-9_]*", "letters, digits and underscores, not starting with a digit"),
            Map.entry("[A-Za-z0-9\\.\\-_]+", "letters, digits, '.', '-' and '_'"),
            Map.entry("(https|s3)://([^/]+)/?(.*)", "an s3:// (or https://) URI such as s3://my-bucket/prefix/"),
            Map.entry("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
                    "an IAM role ARN such as arn:aws:iam::111122223333:role/SageMakerExecutionRole"),
            Map.entry("[-0-9a-zA-Z]+", "an id of letters, digits and hyphens, e.g. subnet-0abc1234"),
            Map.entry("(fs-[0-9a-f]{8,})", "a file system id such as fs-0123456789abcdef0"),
            Map.entry("[a-zA-Z0-9:/_-]*", "a KMS key id, alias or ARN"),
            Map.entry("([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)", "letters, digits, spaces and _ . : / = + - @"));

    private final Problems problems;

    ConstraintChecker(Problems problems) {
        this.problems = problems;
    }

    void checkString(Shape shape, String value, JsonPath path, String what) {
        if (shape.isEnum()) {
            if (!shape.enumValues().contains(value)) {
                String hint = DidYouMean.closest(value, shape.enumValues())
                        .map(s -> "Did you mean \"" + s + "\"? ").orElse("");
                problems.error("shape.enum", path,
                        what + " \"" + value + "\" is not one of the values SageMaker accepts for " + shape.name() + ".",
                        hint + "Use one of: " + String.join(", ", shape.enumValues()) + " (case matters).");
            }
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (shape.min().isPresent() && length < shape.min().getAsDouble()) {
            problems.error("shape.length", path,
                    what + " is " + describeLength(length) + "; SageMaker needs at least " + (long) shape.min().getAsDouble() + ".",
                    length == 0 ? "Give a value, or remove the field if it is optional." : "Lengthen the value.");
            return;
        }
        if (shape.max().isPresent() && length > shape.max().getAsDouble()) {
            problems.error("shape.length", path,
                    what + " is " + describeLength(length) + "; SageMaker allows at most " + (long) shape.max().getAsDouble() + ".",
                    "Shorten it to " + (long) shape.max().getAsDouble() + " characters or fewer.");
            return;
        }
        shape.pattern().ifPresent(pattern -> {
            if (!pattern.matcher(value).matches()) {
                problems.error("shape.pattern", path,
                        what + " \"" + abbreviate(value) + "\" does not match SageMaker's pattern for " + shape.name()
                                + ": " + pattern.pattern(),
                        "Write " + meaning(pattern) + ".");
            }
        });
    }

    void checkNumber(Shape shape, double value, JsonPath path, String what) {
        if (shape.min().isPresent() && value < shape.min().getAsDouble()) {
            problems.error("shape.range", path,
                    what + " is " + format(value) + "; the minimum is " + format(shape.min().getAsDouble()) + ".",
                    "Use a value of at least " + format(shape.min().getAsDouble()) + ".");
        } else if (shape.max().isPresent() && value > shape.max().getAsDouble()) {
            problems.error("shape.range", path,
                    what + " is " + format(value) + "; the maximum is " + format(shape.max().getAsDouble()) + ".",
                    "Use a value of at most " + format(shape.max().getAsDouble()) + ".");
        }
    }

    void checkSize(Shape shape, int size, JsonPath path, String noun) {
        if (shape.min().isPresent() && size < shape.min().getAsDouble()) {
            long min = (long) shape.min().getAsDouble();
            problems.error("shape.size", path,
                    "Has " + size + " " + noun + "; SageMaker needs at least " + min + ".",
                    size == 0 ? "Add at least " + min + " " + noun + ", or remove the field if it is optional."
                            : "Add " + noun + " to reach " + min + ".");
        } else if (shape.max().isPresent() && size > shape.max().getAsDouble()) {
            long max = (long) shape.max().getAsDouble();
            problems.error("shape.size", path,
                    "Has " + size + " " + noun + "; SageMaker allows at most " + max + ".",
                    "Remove " + (size - max) + " of them.");
        }
    }

    private static String meaning(Pattern pattern) {
        String meaning = PATTERN_MEANINGS.get(pattern.pattern());
        return meaning != null ? meaning : "a value that matches " + pattern.pattern();
    }

    private static String describeLength(int length) {
        return length == 1 ? "1 character long" : length + " characters long";
    }

    static String abbreviate(String value) {
        String oneLine = value.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
