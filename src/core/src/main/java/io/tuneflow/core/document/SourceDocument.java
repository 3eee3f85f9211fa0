package io.tuneflow.core.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed request document: its tree, where it came from, and where each value sits in the source text so that
 * problems can name a line as well as a JSON path.
 */
public final class SourceDocument {

    private final String name;
    private final DocumentFormat format;
    private final JsonNode root;
    private final Map<String, SourceLocation> locations;
    private final Map<String, String> scalarTexts;

    SourceDocument(String name, DocumentFormat format, JsonNode root, Map<String, SourceLocation> locations,
                   Map<String, String> scalarTexts) {
        this.name = name;
        this.format = format;
        this.root = root;
        this.locations = Map.copyOf(locations);
        this.scalarTexts = Map.copyOf(scalarTexts);
    }

    /** A document built in memory (a Lambda payload, a test); it has no source locations. */
    public static SourceDocument of(String name, DocumentFormat format, JsonNode root) {
        return new SourceDocument(name, format, root, Map.of(), Map.of());
    }

    public String name() {
        return name;
    }

    public DocumentFormat format() {
        return format;
    }

    public JsonNode root() {
        return root;
    }

    /**
     * The value at {@code path} as written in the source, for scalars that are not strings: YAML reads an unquoted
     * {@code Off} as the boolean false and {@code 010} as 8, and a fix must quote what the user wrote.
     */
    public Optional<String> writtenAs(JsonPath path) {
        return Optional.ofNullable(scalarTexts.get(path.toPointer()));
    }

    /** Where the value at {@code path} starts, or where its nearest present ancestor starts. */
    public Optional<SourceLocation> locate(JsonPath path) {
        for (JsonPath p = path; ; p = p.parent()) {
            SourceLocation location = locations.get(p.toPointer());
            if (location != null) {
                return Optional.of(location);
            }
            if (p.isRoot()) {
                return Optional.empty();
            }
        }
    }
}
