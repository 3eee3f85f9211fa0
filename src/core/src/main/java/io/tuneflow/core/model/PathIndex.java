package io.tuneflow.core.model;

import io.tuneflow.core.document.JsonPath;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each bound SDK object came from in the document, so that rules written against the SDK model can name the
 * JSON path of what they find wrong. Keyed by identity: SDK model objects are values, and two equal parameter ranges
 * at different indexes must keep different paths.
 */
public final class PathIndex {

    private final Map<Object, JsonPath> paths;

    PathIndex(Map<Object, JsonPath> paths) {
        this.paths = new IdentityHashMap<>(paths);
    }

    /** An index for a request that did not come from a document: every object maps to the root. */
    public static PathIndex empty() {
        return new PathIndex(Map.of());
    }

    /** The path of {@code sdkObject}, or the root when the object was not bound from the document. */
    public JsonPath of(Object sdkObject) {
        return paths.getOrDefault(sdkObject, JsonPath.root());
    }

    /** The path of one member of {@code sdkObject}, e.g. {@code of(range, "MinValue")}. */
    public JsonPath of(Object sdkObject, String member) {
        return of(sdkObject).field(member);
    }
}
