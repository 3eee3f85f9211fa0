package io.tuneflow.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.request.ReadResult;
import io.tuneflow.core.request.TuningRequestReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Loads the valid test documents and edits them at JSON paths, to build table-driven cases. */
public final class TestDocuments {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    public static final String SINGLE = "valid-tf-mnist.json";
    public static final String MULTI = "valid-multi.json";
    public static final String GRID = "valid-grid.yaml";
    public static final String HYPERBAND = "valid-hyperband.yaml";
    public static final List<String> ALL = List.of(SINGLE, MULTI, GRID, HYPERBAND);

    private TestDocuments() {
    }

    public static ObjectNode load(String name) {
        try (InputStream in = TestDocuments.class.getResourceAsStream("/requests/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test document " + name);
            }
            return (ObjectNode) (name.endsWith(".json") ? JSON : YAML).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ReadResult read(JsonNode document) {
        return TuningRequestReader.read("test.json", document.toPrettyString());
    }

    /** Sets the value at {@code path} (creating objects on the way) to the JSON text {@code json}. */
    public static ObjectNode set(ObjectNode document, String path, String json) {
        JsonNode value = parse(json);
        JsonPath p = JsonPath.parse(path);
        Object last = p.segments().get(p.segments().size() - 1);
        JsonNode parent = last instanceof Integer && at(document, p.parent()).isMissingNode()
                ? navigate(document, p.parent().parent(), true).withArray(p.parent().lastName())
                : navigate(document, p.parent(), true);
        if (last instanceof Integer index) {
            ArrayNode array = (ArrayNode) parent;
            if (index == array.size()) {
                array.add(value);
            } else {
                array.set(index, value);
            }
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return document;
    }

    public static ObjectNode remove(ObjectNode document, String path) {
        JsonPath p = JsonPath.parse(path);
        JsonNode parent = navigate(document, p.parent(), false);
        Object last = p.segments().get(p.segments().size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).remove(index);
        } else {
            ((ObjectNode) parent).remove((String) last);
        }
        return document;
    }

    public static JsonNode at(JsonNode document, JsonPath path) {
        JsonNode node = document;
        for (Object segment : path.segments()) {
            node = segment instanceof Integer i ? node.path(i) : node.path((String) segment);
        }
        return node;
    }

    private static JsonNode navigate(ObjectNode document, JsonPath path, boolean create) {
        JsonNode node = document;
        List<Object> segments = path.segments();
        for (int k = 0; k < segments.size(); k++) {
            Object segment = segments.get(k);
            JsonNode next = segment instanceof Integer i ? node.get(i) : node.get((String) segment);
            if (next == null || next.isNull()) {
                if (!create || segment instanceof Integer) {
                    throw new IllegalArgumentException("no " + segment + " in " + path);
                }
                boolean arrayNext = k + 1 < segments.size() ? segments.get(k + 1) instanceof Integer : false;
                next = arrayNext ? ((ObjectNode) node).putArray((String) segment) : ((ObjectNode) node).putObject((String) segment);
            }
            node = next;
        }
        return node;
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
