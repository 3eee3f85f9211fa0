package io.tuneflow.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The shapes of SageMaker's service model that a tuning request reaches, with their constraints.
 *
 * <p>Loaded from {@code sagemaker-shapes.json}, which {@code tools/extract-service-shapes.py} extracts from
 * botocore's {@code sagemaker/2017-07-24/service-2.json}: the service model is the single source of the
 * per-field rules (required members, enums, lengths, patterns, ranges, list and map sizes), so those rules are
 * data, not code. The Tuneflow section of a request document is described the same way in
 * {@code tuneflow-shapes.json}.
 */
public final class ServiceModel {

    private static final ServiceModel SAGEMAKER = load("sagemaker-shapes.json");
    private static final ServiceModel TUNEFLOW = load("tuneflow-shapes.json");

    private final String source;
    private final Map<String, Shape> shapes;

    private ServiceModel(String source, Map<String, Shape> shapes) {
        this.source = source;
        this.shapes = Collections.unmodifiableMap(shapes);
    }

    /** SageMaker's shapes reachable from {@code CreateHyperParameterTuningJobRequest}. */
    public static ServiceModel sageMaker() {
        return SAGEMAKER;
    }

    /** The shapes of the optional top-level {@code Tuneflow} section. */
    public static ServiceModel tuneflow() {
        return TUNEFLOW;
    }

    /** Where the shapes come from, e.g. {@code botocore 1.43.107 sagemaker/2017-07-24/service-2.json}. */
    public String source() {
        return source;
    }

    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("No shape named " + name + " in " + source);
        }
        return shape;
    }

    public Map<String, Shape> shapes() {
        return shapes;
    }

    private static ServiceModel load(String resource) {
        try (InputStream in = ServiceModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource + " next to " + ServiceModel.class);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Shape> shapes = new LinkedHashMap<>();
            root.get("shapes").properties().forEach(e -> shapes.put(e.getKey(), toShape(e.getKey(), e.getValue())));
            return new ServiceModel(root.path("source").asText(resource), shapes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static Shape toShape(String name, JsonNode node) {
        Map<String, String> members = new LinkedHashMap<>();
        node.path("members").properties().forEach(e -> members.put(e.getKey(), e.getValue().asText()));
        return new Shape(
                name,
                ShapeType.fromModel(node.get("type").asText()),
                members,
                texts(node.path("required")),
                node.path("member").asText(null),
                node.path("key").asText(null),
                node.path("value").asText(null),
                number(node.get("min")),
                number(node.get("max")),
                Optional.ofNullable(node.get("pattern")).map(p -> Pattern.compile(p.asText())),
                texts(node.path("enum")));
    }

    private static OptionalDouble number(JsonNode node) {
        return node == null ? OptionalDouble.empty() : OptionalDouble.of(node.asDouble());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
