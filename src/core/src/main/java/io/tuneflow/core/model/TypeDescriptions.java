package io.tuneflow.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.document.DocumentFormat;
import io.tuneflow.core.document.JsonPath;
import java.util.Map;

/**
 * Words for what a field must hold and what the document holds instead, and the rewrite that fixes a type mismatch —
 * e.g. {@code Environment} written as a list of objects becomes the map SageMaker wants, {@code SM_LOG_LEVEL: 10}
 * becomes {@code SM_LOG_LEVEL: "10"}.
 */
final class TypeDescriptions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TypeDescriptions() {
    }

    static String describe(ServiceModel model, Shape shape) {
        return switch (shape.type()) {
            case STRING -> shape.isEnum() ? "one of " + String.join(", ", shape.enumValues()) + " (a string)" : "a string";
            case INTEGER, LONG -> "a whole number";
            case FLOAT, DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case TIMESTAMP -> "a timestamp";
            case LIST -> "a list of " + plural(model, model.shape(shape.member()));
            case MAP -> "an object mapping " + describe(model, model.shape(shape.key())).replaceFirst("^an? ", "")
                    + " keys to " + describe(model, model.shape(shape.value())).replaceFirst("^an? ", "") + " values";
            case STRUCTURE -> "an object (" + shape.name() + ")";
        };
    }

    private static String plural(ServiceModel model, Shape element) {
        return switch (element.type()) {
            case STRUCTURE -> element.name() + " objects";
            case STRING -> "strings";
            default -> describe(model, element);
        };
    }

    static String describeNode(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + ConstraintChecker.abbreviate(node.textValue()) + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param writtenAs the scalar as the source wrote it, when that differs from how it was read (YAML's
     *                  {@code Off} is the boolean false), or null
     */
    static String fix(ServiceModel model, Shape shape, JsonNode node, JsonPath path, DocumentFormat format, String writtenAs) {
        switch (shape.type()) {
            case STRING -> {
                if (node.isValueNode()) {
                    String text = writtenAs != null ? writtenAs : node.asText();
                    String yamlNote = format == DocumentFormat.YAML && writtenAs != null && !writtenAs.equals(node.asText())
                            ? " (unquoted, YAML reads " + writtenAs + " as " + node.asText() + ")" : "";
                    return "Put the value in quotes: " + keyed(path, format, "\"" + text + "\"") + yamlNote + ".";
                }
                return "Write " + describe(model, shape) + ".";
            }
            case INTEGER, LONG -> {
                if (node.isTextual() && node.textValue().strip().matches("[-+]?\\d+")) {
                    return "Remove the quotes: " + keyed(path, format, node.textValue().strip()) + ".";
                }
                if (node.isFloatingPointNumber() && node.doubleValue() == Math.rint(node.doubleValue())) {
                    return "Write a whole number without a decimal point: " + keyed(path, format, Long.toString((long) node.doubleValue())) + ".";
                }
                return "Write a whole number, without quotes.";
            }
            case FLOAT, DOUBLE -> {
                if (node.isTextual() && isNumber(node.textValue())) {
                    return "Remove the quotes: " + keyed(path, format, node.textValue().strip()) + ".";
                }
                return "Write a number, without quotes.";
            }
            case BOOLEAN -> {
                if (node.isTextual() && node.textValue().strip().matches("(?i)true|false")) {
                    return "Write " + node.textValue().strip().toLowerCase(java.util.Locale.ROOT) + " without quotes.";
                }
                return "Write true or false, without quotes.";
            }
            case MAP -> {
                if (node.isArray()) {
                    ObjectNode merged = mergeIntoMap(model, shape, (ArrayNode) node);
                    if (merged != null) {
                        return "Write " + path.lastName() + " as one object mapping each name to its value, not a list: "
                                + keyed(path, format, compact(merged)) + ".";
                    }
                }
                return "Write an object: {\"NAME\": \"value\", ...}.";
            }
            case LIST -> {
                Shape element = model.shape(shape.member());
                if (node.isObject() && element.members().containsKey("Key") && element.members().containsKey("Value")) {
                    ArrayNode pairs = NODES.arrayNode();
                    node.properties().forEach(e -> pairs.add(NODES.objectNode().put("Key", e.getKey()).set("Value",
                            e.getValue().isValueNode() ? NODES.textNode(e.getValue().asText()) : e.getValue())));
                    return "Write a list of {\"Key\", \"Value\"} objects: " + keyed(path, format, compact(pairs)) + ".";
                }
                ArrayNode wrapped = NODES.arrayNode().add(node);
                return "Wrap the value in a list: " + keyed(path, format, compact(wrapped)) + ".";
            }
            case STRUCTURE -> {
                return "Write an object with the fields of " + shape.name()
                        + (shape.required().isEmpty() ? "" : " (required: " + String.join(", ", shape.required()) + ")") + ".";
            }
            default -> {
                return "Write " + describe(model, shape) + ".";
            }
        }
    }

    /** The list-of-single-entry-objects form users write for a map (as in some docs) merged into one object. */
    private static ObjectNode mergeIntoMap(ServiceModel model, Shape mapShape, ArrayNode list) {
        boolean stringValues = model.shape(mapShape.value()).type() == ShapeType.STRING;
        ObjectNode merged = NODES.objectNode();
        for (JsonNode item : list) {
            if (!item.isObject()) {
                return null;
            }
            if (item.size() == 2 && item.has("Key") && item.has("Value")) {
                merged.set(item.get("Key").asText(), value(item.get("Value"), stringValues));
                continue;
            }
            for (Map.Entry<String, JsonNode> e : item.properties()) {
                merged.set(e.getKey(), value(e.getValue(), stringValues));
            }
        }
        return merged;
    }

    private static JsonNode value(JsonNode node, boolean asString) {
        return asString && node.isValueNode() && !node.isNull() ? NODES.textNode(node.asText()) : node;
    }

    private static String keyed(JsonPath path, DocumentFormat format, String value) {
        String key = path.lastName();
        if (key.isEmpty()) {
            return value;
        }
        return format == DocumentFormat.YAML ? key + ": " + value : "\"" + key + "\": " + value;
    }

    private static String compact(JsonNode node) {
        try {
            String text = JSON.writeValueAsString(node);
            return text.length() <= 240 ? text : text.substring(0, 237) + "...";
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text.strip());
            return text.strip().matches("[-+]?[0-9.]+([eE][-+]?\\d+)?");
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
