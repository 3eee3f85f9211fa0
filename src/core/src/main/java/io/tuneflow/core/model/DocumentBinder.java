package io.tuneflow.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.tuneflow.core.document.SourceDocument;
import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.validation.DidYouMean;
import io.tuneflow.core.validation.Problems;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Binds a JSON tree to the AWS SDK v2 model classes, checking it against the service model on the way.
 *
 * <p>One generic walk serves every SageMaker shape: the service model says what each key may hold, the SDK's
 * {@link SdkField}s say how to set it. Types are as strict as the AWS CLI's parameter validation — a number where
 * SageMaker wants a string is an error, not a silent conversion — and every problem is collected with its JSON path
 * rather than stopping at the first. The objects built are recorded in a {@link PathIndex} so later rules can point
 * back into the document.
 */
public final class DocumentBinder {

    private final ServiceModel model;
    private final SourceDocument source;
    private final Problems problems;
    private final ConstraintChecker constraints;
    private final Map<Object, JsonPath> paths = new IdentityHashMap<>();

    public DocumentBinder(ServiceModel model, SourceDocument source, Problems problems) {
        this.model = model;
        this.source = source;
        this.problems = problems;
        this.constraints = new ConstraintChecker(problems);
    }

    /**
     * Binds {@code node}, a value of structure {@code shapeName}, into the SDK object that {@code builder} builds.
     *
     * @param ignoredKeys keys the caller handles itself (the top-level {@code Tuneflow} section)
     * @return the built object; invalid parts are left out of it and reported
     */
    @SuppressWarnings("unchecked")
    public <T extends SdkPojo> T bind(JsonNode node, JsonPath path, String shapeName, Supplier<? extends SdkPojo> builder,
                                      Set<String> ignoredKeys) {
        return (T) structure(node, path, model.shape(shapeName), builder, ignoredKeys);
    }

    /** Checks {@code node} against structure {@code shapeName} without binding it to an SDK class. */
    public void check(JsonNode node, JsonPath path, String shapeName) {
        structure(node, path, model.shape(shapeName), null, Set.of());
    }

    public PathIndex paths() {
        return new PathIndex(paths);
    }

    private Object visit(JsonNode node, JsonPath path, Shape shape, SdkField<?> field) {
        if (node.isNull()) {
            problems.error("shape.type", path, "null is not a value SageMaker accepts here.",
                    "Remove the field, or give it " + TypeDescriptions.describe(model, shape) + ".");
            return null;
        }
        return switch (shape.type()) {
            case STRUCTURE -> structure(node, path, shape, field == null ? null : field.constructor(), Set.of());
            case LIST -> list(node, path, shape, field);
            case MAP -> map(node, path, shape, field);
            default -> scalar(node, path, shape, field);
        };
    }

    private Object structure(JsonNode node, JsonPath path, Shape shape, Supplier<? extends SdkPojo> builderSupplier,
                             Set<String> ignoredKeys) {
        if (!node.isObject()) {
            typeMismatch(node, path, shape);
            return null;
        }
        SdkPojo builder = builderSupplier == null ? null : builderSupplier.get();
        Map<String, SdkField<?>> fields = builder == null ? Map.of() : fieldsByName(builder);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (ignoredKeys.contains(key)) {
                continue;
            }
            JsonPath childPath = path.field(key);
            String memberShape = shape.members().get(key);
            if (memberShape == null) {
                unknownField(key, childPath, shape, ignoredKeys);
                continue;
            }
            SdkField<?> field = fields.get(key);
            if (builder != null && field == null) {
                problems.error("shape.unsupported", childPath,
                        key + " is a newer SageMaker field than the AWS SDK this Tuneflow build uses supports.",
                        "Remove " + key + ", or upgrade Tuneflow.");
                continue;
            }
            Object value = visit(entry.getValue(), childPath, model.shape(memberShape), field);
            if (value != null && field != null) {
                field.set(builder, value);
            }
        }
        for (String required : shape.required()) {
            if (!node.has(required)) {
                problems.error("shape.required", path.field(required),
                        required + " is required in " + describeParent(path, shape) + ".",
                        "Add \"" + required + "\": " + TypeDescriptions.describe(model, model.shape(shape.members().get(required))) + ".");
            }
        }
        if (builder == null) {
            return node;
        }
        Object built = ((SdkBuilder<?, ?>) builder).build();
        paths.put(built, path);
        return built;
    }

    private Object list(JsonNode node, JsonPath path, Shape shape, SdkField<?> field) {
        if (!node.isArray()) {
            typeMismatch(node, path, shape);
            return null;
        }
        constraints.checkSize(shape, node.size(), path, node.size() == 1 ? "item" : "items");
        SdkField<?> elementField = field == null ? null : field.getTrait(ListTrait.class).memberFieldInfo();
        Shape elementShape = model.shape(shape.member());
        List<Object> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            Object element = visit(node.get(i), path.index(i), elementShape, elementField);
            if (element != null) {
                out.add(element);
            }
        }
        return field == null ? node : out;
    }

    private Object map(JsonNode node, JsonPath path, Shape shape, SdkField<?> field) {
        if (!node.isObject()) {
            typeMismatch(node, path, shape);
            return null;
        }
        constraints.checkSize(shape, node.size(), path, node.size() == 1 ? "entry" : "entries");
        SdkField<?> valueField = field == null ? null : field.getTrait(MapTrait.class).valueFieldInfo();
        Shape keyShape = model.shape(shape.key());
        Shape valueShape = model.shape(shape.value());
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonPath entryPath = path.field(entry.getKey());
            constraints.checkString(keyShape, entry.getKey(), entryPath, "The key");
            Object value = visit(entry.getValue(), entryPath, valueShape, valueField);
            if (value != null) {
                out.put(entry.getKey(), value);
            }
        }
        return field == null ? node : out;
    }

    private Object scalar(JsonNode node, JsonPath path, Shape shape, SdkField<?> field) {
        String what = path.lastName().isEmpty() ? "The value" : path.lastName();
        switch (shape.type()) {
            case STRING -> {
                if (!node.isTextual()) {
                    typeMismatch(node, path, shape);
                    return null;
                }
                constraints.checkString(shape, node.textValue(), path, what);
                return node.textValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    typeMismatch(node, path, shape);
                    return null;
                }
                return node.booleanValue();
            }
            case INTEGER, LONG -> {
                if (!node.isIntegralNumber()) {
                    typeMismatch(node, path, shape);
                    return null;
                }
                BigDecimal exact = node.decimalValue();
                long limit = shape.type() == ShapeType.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
                if (exact.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
                    problems.error("shape.range", path, what + " " + exact.toPlainString() + " is too large for a "
                            + shape.type().name().toLowerCase(java.util.Locale.ROOT) + ".", "Use a value of at most " + limit + ".");
                    return null;
                }
                constraints.checkNumber(shape, exact.doubleValue(), path, what);
                return convertNumber(node, field);
            }
            case FLOAT, DOUBLE -> {
                if (!node.isNumber()) {
                    typeMismatch(node, path, shape);
                    return null;
                }
                if (!Double.isFinite(node.doubleValue())) {
                    problems.error("shape.range", path, what + " must be a finite number.", "Use a finite number.");
                    return null;
                }
                constraints.checkNumber(shape, node.doubleValue(), path, what);
                return convertNumber(node, field);
            }
            case TIMESTAMP -> {
                // awsJson carries timestamps as epoch seconds; ISO-8601 text is accepted as the AWS CLI accepts it.
                if (node.isNumber()) {
                    return java.time.Instant.ofEpochMilli(Math.round(node.doubleValue() * 1000));
                }
                if (node.isTextual()) {
                    try {
                        return java.time.Instant.parse(node.textValue());
                    } catch (java.time.format.DateTimeParseException e) {
                        typeMismatch(node, path, shape);
                        return null;
                    }
                }
                typeMismatch(node, path, shape);
                return null;
            }
            default -> {
                typeMismatch(node, path, shape);
                return null;
            }
        }
    }

    private static Object convertNumber(JsonNode node, SdkField<?> field) {
        if (field == null) {
            return node;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.INTEGER) {
            return node.intValue();
        }
        if (type == MarshallingType.LONG) {
            return node.longValue();
        }
        if (type == MarshallingType.FLOAT) {
            return node.floatValue();
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return node.decimalValue();
        }
        return node.doubleValue();
    }

    private void unknownField(String key, JsonPath path, Shape shape, Set<String> ignoredKeys) {
        Set<String> known = new TreeSet<>(shape.members().keySet());
        known.addAll(ignoredKeys);
        String suggestion = DidYouMean.closest(key, known).map(s -> "Did you mean \"" + s + "\"? ").orElse("");
        problems.error("shape.unknown-field", path,
                "\"" + key + "\" is not a field of " + describeParent(path.parent(), shape) + ".",
                suggestion + "Valid fields: " + String.join(", ", known) + ".");
    }

    private void typeMismatch(JsonNode node, JsonPath path, Shape shape) {
        String wanted = TypeDescriptions.describe(model, shape);
        String found = TypeDescriptions.describeNode(node);
        String name = path.lastName().isEmpty() ? "This value" : path.lastName();
        problems.error("shape.type", path,
                name + " must be " + wanted + ", but the document has " + found + ".",
                TypeDescriptions.fix(model, shape, node, path, source.format(), source.writtenAs(path).orElse(null)));
    }

    private static String describeParent(JsonPath path, Shape shape) {
        return path.isRoot() ? "the request (" + shape.name() + ")" : path.lastName().isEmpty() ? shape.name() : path.lastName();
    }

    private static Map<String, SdkField<?>> fieldsByName(SdkPojo builder) {
        Map<String, SdkField<?>> out = new LinkedHashMap<>();
        for (SdkField<?> field : builder.sdkFields()) {
            out.put(field.memberName(), field);
        }
        return out;
    }
}
