package io.tuneflow.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A MetricDefinition regex, compiled with Python's meaning.
 *
 * <p>Users write metric regexes for Python's {@code re}: SageMaker's documentation and the SageMaker Python SDK show
 * them that way. Java's {@code java.util.regex} reads most of them identically, but not all: a literal {@code {} is an
 * error in Java, {@code [} inside a class starts a nested class, {@code (?P<name>...)} does not exist, {@code \Z}
 * allows a trailing newline, {@code \d} is ASCII-only. A small scanner rewrites each such construct to the Java
 * that means what Python means, and records a {@link PythonRegexDifference} for it; what cannot be rewritten (a
 * conditional group) is reported as a compile error that says why.
 */
public final class MetricRegex {

    private final String source;
    private final Pattern pattern;
    private final String error;
    private final List<PythonRegexDifference> differences;

    private MetricRegex(String source, Pattern pattern, String error, List<PythonRegexDifference> differences) {
        this.source = source;
        this.pattern = pattern;
        this.error = error;
        this.differences = List.copyOf(differences);
    }

    public static MetricRegex compile(String regex) {
        Translator translator = new Translator(regex);
        String java;
        try {
            java = translator.translate();
        } catch (UntranslatableException e) {
            return new MetricRegex(regex, null, e.getMessage(), translator.differences);
        }
        int flags = translator.ascii ? 0 : Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE;
        try {
            return new MetricRegex(regex, Pattern.compile(java, flags), null, translator.differences);
        } catch (PatternSyntaxException e) {
            String where = e.getIndex() >= 0 ? " near index " + e.getIndex() : "";
            return new MetricRegex(regex, null, e.getDescription() + where, translator.differences);
        }
    }

    /** The regex as the user wrote it. */
    public String source() {
        return source;
    }

    /** The Java pattern that matches what Python would, or empty when the regex cannot be compiled. */
    public Optional<Pattern> pattern() {
        return Optional.ofNullable(pattern);
    }

    /** Why the regex cannot be compiled, or empty. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public List<PythonRegexDifference> differences() {
        return differences;
    }

    /** Number of capture groups; 0 when the regex does not compile. */
    public int groupCount() {
        return pattern == null ? 0 : pattern.matcher("").groupCount();
    }

    private static final class UntranslatableException extends RuntimeException {
        UntranslatableException(String message) {
            super(message);
        }
    }

    /** One pass over the regex, writing Java and noting each difference from Python. */
    private static final class Translator {
        private final String in;
        private final StringBuilder out = new StringBuilder();
        private final List<PythonRegexDifference> differences = new ArrayList<>();
        private final Map<String, String> groupNames = new HashMap<>();
        private boolean ascii;
        private int i;

        Translator(String in) {
            this.in = in;
        }

        String translate() {
            while (i < in.length()) {
                char c = in.charAt(i);
                if (c == '\\') {
                    escape(false);
                } else if (c == '[') {
                    characterClass();
                } else if (c == '(') {
                    group();
                } else if (c == '{') {
                    brace();
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }

        private void note(String construct, int at, String message, String fix) {
            differences.add(new PythonRegexDifference(construct, at, message, fix));
        }

        private boolean startsWith(String s) {
            return in.startsWith(s, i);
        }

        /** An escape outside or inside a class, {@code in[i] == '\\'}. */
        private void escape(boolean inClass) {
            int start = i;
            if (i + 1 >= in.length()) {
                out.append('\\');
                i++;
                return; // a trailing backslash is an error in both engines; Java's message explains it
            }
            char next = in.charAt(i + 1);
            switch (next) {
                case 'Z' -> {
                    out.append("\\z");
                    note("\\Z", start, "In Python \\Z is the very end of the text; in Java it also allows a final line break.",
                            "Tuneflow matches Python's meaning (Java \\z); no change needed.");
                }
                case 'v' -> {
                    out.append("\\x0B");
                    note("\\v", start, "In Python \\v is the vertical tab character; in Java it is any vertical whitespace.",
                            "Tuneflow matches Python's meaning; write \\x0b to be explicit.");
                }
                case 'b' -> out.append(inClass ? "\\x08" : "\\b"); // [\b] is backspace in Python, an error in Java
                case 'U' -> {
                    String hex = in.length() >= i + 10 ? in.substring(i + 2, i + 10) : "";
                    if (hex.matches("[0-9a-fA-F]{8}")) {
                        out.append("\\x{").append(hex).append('}');
                        i += 10;
                        note("\\U" + hex, start, "Python's \\UXXXXXXXX escape is written \\x{...} in Java.", "Translated; no change needed.");
                        return;
                    }
                    out.append("\\U");
                }
                case '0' -> {
                    // Python: \0 followed by up to two octal digits; Java needs \0 followed by at least one.
                    int end = i + 2;
                    while (end < in.length() && end < i + 4 && in.charAt(end) >= '0' && in.charAt(end) <= '7') {
                        end++;
                    }
                    int value = end == i + 2 ? 0 : Integer.parseInt(in.substring(i + 2, end), 8);
                    out.append(String.format("\\x%02X", value));
                    i = end;
                    return;
                }
                case 'h', 'H', 'R', 'X', 'e', 'G', 'z', 'Q', 'E', 'p', 'P', 'c', 'k', 'V' -> {
                    out.append('\\').append(next);
                    note("\\" + next, start, "\\" + next + " is Java-only: Python's re rejects it (\"bad escape\"), so a SageMaker"
                                    + " job whose tooling follows Python's documentation may not read it as you expect.",
                            "Write it with constructs both engines share, e.g. [ \\t] for \\h or [^\\W\\d_] for \\p{L}.");
                }
                default -> out.append('\\').append(next);
            }
            i += 2;
        }

        /** A character class: Python's is flat, so '[' and '&&' inside it are literals, which Java must escape. */
        private void characterClass() {
            int start = i;
            out.append('[');
            i++;
            if (i < in.length() && in.charAt(i) == '^') {
                out.append('^');
                i++;
            }
            if (i < in.length() && in.charAt(i) == ']') {
                out.append("\\]"); // a ']' first in the class is literal in Python
                i++;
            }
            while (i < in.length()) {
                char c = in.charAt(i);
                if (c == ']') {
                    out.append(']');
                    i++;
                    return;
                }
                if (c == '\\') {
                    escape(true);
                } else if (c == '[') {
                    out.append("\\[");
                    note("[", i, "Inside [...] Python reads '[' as a literal; Java starts a nested class.",
                            "Translated to \\[; write \\[ to be explicit.");
                    i++;
                } else if (c == '&' && startsWith("&&")) {
                    out.append("\\&\\&");
                    note("&&", i, "Inside [...] Python reads '&&' as two literal '&'; Java reads it as class intersection.",
                            "Translated; write \\&\\& to be explicit.");
                    i += 2;
                } else {
                    out.append(c);
                    i++;
                }
            }
            throw new UntranslatableException("the character class opened at index " + start + " is never closed with ]");
        }

        private void group() {
            int start = i;
            if (startsWith("(?P<")) {
                int close = in.indexOf('>', i);
                if (close < 0) {
                    throw new UntranslatableException("the group name opened at index " + start + " is never closed with >");
                }
                String name = in.substring(i + 4, close);
                String javaName = javaGroupName(name);
                groupNames.put(name, javaName);
                out.append("(?<").append(javaName).append('>');
                note("(?P<" + name + ">", start, "(?P<name>...) is Python's named group; Java writes (?<name>...)"
                                + (javaName.equals(name) ? "." : " and allows only letters and digits in the name."),
                        "Translated; no change needed (or write a plain group: only the first group's value is used).");
                i = close + 1;
            } else if (startsWith("(?P=")) {
                int close = in.indexOf(')', i);
                if (close < 0) {
                    throw new UntranslatableException("the back-reference at index " + start + " is never closed with )");
                }
                String name = in.substring(i + 4, close);
                out.append("\\k<").append(groupNames.getOrDefault(name, javaGroupName(name))).append('>');
                note("(?P=" + name + ")", start, "(?P=name) is Python's named back-reference; Java writes \\k<name>.",
                        "Translated; no change needed.");
                i = close + 1;
            } else if (startsWith("(?#")) {
                int close = in.indexOf(')', i);
                if (close < 0) {
                    throw new UntranslatableException("the comment at index " + start + " is never closed with )");
                }
                note(in.substring(i, close + 1), start, "Java has no (?#...) comments.", "Removed; no change needed.");
                i = close + 1;
            } else if (startsWith("(?(")) {
                throw new UntranslatableException("the conditional group (?(...)...) at index " + start
                        + " is Python-only; Java has no equivalent. Rewrite it as an alternation (a|b)");
            } else if (startsWith("(?") && i + 2 < in.length() && "aiLmsux-".indexOf(in.charAt(i + 2)) >= 0) {
                inlineFlags(start);
            } else if (startsWith("(?>")) {
                out.append("(?>");
                note("(?>", start, "Atomic groups exist in Python only from 3.11; older Python rejects the regex.",
                        "Fine for Tuneflow and Java; avoid it if the regex must also work in older Python.");
                i += 3;
            } else {
                out.append('(');
                i++;
            }
        }

        /** {@code (?aiLmsux)} and {@code (?i:...)}: Java lacks a (ASCII) and L (locale); ASCII mode is applied as a flag. */
        private void inlineFlags(int start) {
            int end = i + 2;
            while (end < in.length() && "aiLmsux-".indexOf(in.charAt(end)) >= 0) {
                end++;
            }
            String flags = in.substring(i + 2, end);
            String kept = flags.replace("a", "").replace("L", "").replace("u", "");
            if (flags.contains("a")) {
                ascii = true;
            }
            if (!kept.equals(flags)) {
                note("(?" + flags, start, "Python's a (ASCII), L (locale) and u (Unicode) flags have no inline form in Java.",
                        "Applied where it matters (a: \\d, \\w and \\s match ASCII only); no change needed.");
            }
            boolean bare = end < in.length() && in.charAt(end) == ')';
            if (kept.isEmpty() || kept.equals("-")) {
                if (bare) {
                    i = end + 1; // the whole group disappears
                } else {
                    out.append("(?:");
                    i = end + 1;
                }
                return;
            }
            out.append("(?").append(kept);
            i = end;
        }

        /** '{' that does not start a valid quantifier is a literal in Python and an error in Java. */
        private void brace() {
            int start = i;
            int close = in.indexOf('}', i);
            String body = close < 0 ? null : in.substring(i + 1, close);
            if (body != null && body.matches("\\d+(,\\d*)?")) {
                out.append(in, i, close + 1);
                i = close + 1;
            } else if (body != null && body.matches(",\\d+")) {
                out.append("{0").append(body).append('}');
                note("{" + body + "}", start, "Python reads {,n} as {0,n}; Java rejects it.", "Translated; write {0" + body + "} to be explicit.");
                i = close + 1;
            } else {
                out.append("\\{");
                note("{", start, "Python reads a '{' that does not start a repetition like {3} as a literal; Java rejects it.",
                        "Translated to \\{; write \\{ to be explicit.");
                i++;
            }
        }

        private String javaGroupName(String name) {
            String cleaned = name.replaceAll("[^A-Za-z0-9]", "");
            if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
                cleaned = "g" + cleaned;
            }
            String unique = cleaned;
            int n = 2;
            while (groupNames.containsValue(unique)) {
                unique = cleaned + n++;
            }
            return unique;
        }
    }
}
