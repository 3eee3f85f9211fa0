package io.tuneflow.core.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A location inside a request document, written as users read it: {@code $.TrainingJobDefinition.Environment.MY_KEY},
 * {@code $.HyperParameterTuningJobConfig.ParameterRanges.ContinuousParameterRanges[0].MinValue}.
 *
 * <p>Immutable; {@link #field} and {@link #index} return new paths.
 */
public final class JsonPath {

    private static final JsonPath ROOT = new JsonPath(List.of());
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");

    private final List<Object> segments;

    private JsonPath(List<Object> segments) {
        this.segments = segments;
    }

    public static JsonPath root() {
        return ROOT;
    }

    /** Parses the dotted form this class prints (used by tests and by callers naming paths in code). */
    public static JsonPath parse(String text) {
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("A JSON path starts with $: " + text);
        }
        JsonPath path = ROOT;
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                path = path.field(text.substring(i + 1, end));
                i = end;
            } else if (c == '[' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                int end = text.indexOf("']", i);
                path = path.field(text.substring(i + 2, end).replace("\\'", "'"));
                i = end + 2;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                path = path.index(Integer.parseInt(text.substring(i + 1, end)));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("Unexpected '" + c + "' at " + i + " in " + text);
            }
        }
        return path;
    }

    public JsonPath field(String name) {
        return append(Objects.requireNonNull(name));
    }

    public JsonPath index(int index) {
        return append(index);
    }

    private JsonPath append(Object segment) {
        List<Object> next = new ArrayList<>(segments.size() + 1);
        next.addAll(segments);
        next.add(segment);
        return new JsonPath(Collections.unmodifiableList(next));
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public JsonPath parent() {
        if (isRoot()) {
            return this;
        }
        return new JsonPath(segments.subList(0, segments.size() - 1));
    }

    /** The last field name of this path, or the empty string at the root or an index. */
    public String lastName() {
        return isRoot() || !(segments.get(segments.size() - 1) instanceof String name) ? "" : name;
    }

    /** The segments: {@code String} field names and {@code Integer} indexes. */
    public List<Object> segments() {
        return segments;
    }

    public boolean startsWith(JsonPath prefix) {
        return segments.size() >= prefix.segments.size()
                && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    /** The RFC 6901 JSON Pointer of this path, used to find source locations. */
    public String toPointer() {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            out.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("$");
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else if (PLAIN_NAME.matcher((String) segment).matches()) {
                out.append('.').append(segment);
            } else {
                out.append("['").append(((String) segment).replace("'", "\\'")).append("']");
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }
}
