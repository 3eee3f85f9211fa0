package io.tuneflow.core.document;

/** The two notations a request document may be written in. */
public enum DocumentFormat {
    JSON, YAML;

    /** Picks the format from the file name, or from the first character when the name does not tell. */
    static DocumentFormat detect(String name, String text) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        if (lower.endsWith(".json")) {
            return JSON;
        }
        String trimmed = text.stripLeading();
        return trimmed.startsWith("{") || trimmed.startsWith("[") ? JSON : YAML;
    }
}
