package io.tuneflow.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds metric regexes that will probably capture the wrong text. The SageMaker docs' own example, {@code (.*?);},
 * captures whatever precedes the semicolon — fine for {@code GAN_loss=0.13;}, silently skipped for
 * {@code GAN_loss=n/a;}. A regex that captures only a number cannot go wrong that way.
 */
public final class MetricRegexLint {

    /** A capture group that can match any of these can capture something SageMaker will not read as a number. */
    private static final List<String> NON_NUMBERS = List.of("abc", "0.5 - acc", "nan", "n/a");
    private static final String NUMBER_GROUP = "([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)";

    private MetricRegexLint() {
    }

    public static List<MetricLint> lint(String regex) {
        List<MetricLint> found = new ArrayList<>();
        if (!regex.equals(regex.strip())) {
            found.add(new MetricLint("surrounding-whitespace",
                    "The regex starts or ends with whitespace, which must then appear in the log line too.",
                    "Remove the leading or trailing spaces unless the log really has them."));
        }
        MetricRegex compiled = MetricRegex.compile(regex);
        if (compiled.pattern().isEmpty()) {
            return found; // a compile error is reported as an error, not as advice
        }
        Pattern pattern = compiled.pattern().get();
        if (compiled.groupCount() == 0) {
            found.add(new MetricLint("no-capture-group",
                    "The regex has no capture group, so it can never extract a value: the first group holds the metric.",
                    "Put parentheses around the number, e.g. \"loss: " + NUMBER_GROUP + "\"."));
            return found;
        }
        if (pattern.matcher("").find()) {
            found.add(new MetricLint("matches-empty",
                    "The regex matches an empty line, so it matches every line of the log.",
                    "Anchor it on the text printed next to the value, e.g. \"loss: " + NUMBER_GROUP + "\"."));
        }
        String group = firstGroup(pattern.pattern());
        if (group != null) {
            lintGroup(group, pattern.pattern(), found);
        }
        return found;
    }

    private static void lintGroup(String group, String javaRegex, List<MetricLint> found) {
        int innerStart = group.startsWith("(?<") ? group.indexOf('>') + 1 : 1;
        Pattern alone;
        try {
            alone = Pattern.compile(group.substring(innerStart, group.length() - 1), Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            return; // the group refers to other groups (a back-reference); nothing can be said about it alone
        }
        String caught = NON_NUMBERS.stream().filter(s -> alone.matcher(s).matches()).findFirst().orElse(null);
        if (caught != null) {
            found.add(new MetricLint("captures-non-number",
                    "The first group " + group + " can capture text that is not a number (such as \"" + caught
                            + "\"); SageMaker skips such a value.",
                    "Capture only a number: " + NUMBER_GROUP + "."));
        }
        boolean endsPattern = javaRegex.endsWith(group) || javaRegex.endsWith(group + "$");
        if (endsPattern && (alone.pattern().equals(".*") || alone.pattern().equals(".+"))) {
            found.add(new MetricLint("captures-rest-of-line",
                    "The group " + group + " captures everything to the end of the line, e.g. \"0.5 - accuracy: 0.9\".",
                    "End the group where the number ends: " + NUMBER_GROUP + "."));
        }
    }

    /** The text of the first capturing group in a Java regex, or null: one pass that skips escapes and classes. */
    static String firstGroup(String regex) {
        int open = -1;
        int depth = 0;
        boolean inClass = false;
        for (int k = 0; k < regex.length(); k++) {
            char c = regex.charAt(k);
            if (c == '\\') {
                k++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                if (open < 0 && isCapturing(regex, k)) {
                    open = k;
                }
                if (open >= 0) {
                    depth++;
                }
            } else if (c == ')' && open >= 0 && --depth == 0) {
                return regex.substring(open, k + 1);
            }
        }
        return null;
    }

    private static boolean isCapturing(String regex, int open) {
        if (open + 1 >= regex.length() || regex.charAt(open + 1) != '?') {
            return true;
        }
        return regex.startsWith("(?<", open) && !regex.startsWith("(?<=", open) && !regex.startsWith("(?<!", open);
    }
}
