package io.tuneflow.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tuneflow.core.TestDocuments;
import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.validation.Problem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Valid documents, mutated the ways real documents go wrong — fields dropped, duplicated, retyped, renamed, grown
 * past their limits, bytes corrupted — must always give a report, never an unhandled exception, and every problem
 * must point at a path that exists in the document or whose parent does.
 */
class MutatedDocumentProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SYNTAX = "{}[],:\"'\n\t -#&*!|>";

    enum Kind { DROP, DUPLICATE, RETYPE, OVERSIZE, RENAME, NULLIFY, CORRUPT_BYTES }

    record Mutation(Kind kind, long choice) {
    }

    @Provide
    Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.longs()).as(Mutation::new);
    }

    @Property(tries = 10_000)
    void anyMutationGivesAReportWithPathsThatExist(@ForAll("documentIndex") int documentIndex,
                                                    @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("mutation") Mutation> mutations,
                                                    @ForAll boolean asYaml) throws Exception {
        ObjectNode document = TestDocuments.load(TestDocuments.ALL.get(documentIndex));
        boolean corrupt = false;
        long corruptSeed = 0;
        for (Mutation m : mutations) {
            if (m.kind() == Kind.CORRUPT_BYTES) {
                corrupt = true;
                corruptSeed = m.choice();
            } else {
                apply(document, m);
            }
        }
        String text = (asYaml ? YAML : JSON).writeValueAsString(document);
        if (corrupt) {
            text = corrupt(text, new Random(corruptSeed));
        }
        String name = asYaml ? "mutated.yaml" : "mutated.json";

        ReadResult result = TuningRequestReader.read(name, text);

        List<Problem> problems = new ArrayList<>(result.report().errors());
        problems.addAll(result.report().warnings());
        JsonNode tree = result.request().map(r -> r.source().root()).orElse(null);
        for (Problem problem : problems) {
            assertThat(problem.message()).isNotBlank();
            assertThat(problem.fix()).isNotBlank();
            if (tree == null) {
                assertThat(problem.path().isRoot()).as("a syntax error points at the document").isTrue();
            } else {
                JsonPath path = problem.path();
                boolean exists = !TestDocuments.at(tree, path).isMissingNode() || !TestDocuments.at(tree, path.parent()).isMissingNode();
                assertThat(exists).as("path %s of %s exists in the document or its parent", path, problem.rule()).isTrue();
            }
        }
    }

    @Provide
    Arbitrary<Integer> documentIndex() {
        return Arbitraries.integers().between(0, TestDocuments.ALL.size() - 1);
    }

    private static void apply(ObjectNode document, Mutation mutation) {
        Random random = new Random(mutation.choice());
        List<Slot> slots = new ArrayList<>();
        collect(document, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (mutation.kind()) {
            case DROP -> slot.remove();
            case DUPLICATE -> slot.duplicate();
            case RETYPE -> slot.replace(randomValue(random));
            case OVERSIZE -> slot.replace(oversized(slot.value(), random));
            case RENAME -> slot.rename(random);
            case NULLIFY -> slot.replace(NODES.nullNode());
            default -> { }
        }
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.textNode("x".repeat(random.nextInt(3)));
            case 1 -> NODES.numberNode(random.nextInt(200) - 100);
            case 2 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.arrayNode().add(random.nextInt(5)).add("a");
            case 5 -> NODES.objectNode().put("Name", "n").put("Value", 1);
            case 6 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 7 -> NODES.textNode("\u0000\n\u202e" + "é");
            default -> NODES.numberNode(1e308 * 10);
        };
    }

    private static JsonNode oversized(JsonNode value, Random random) {
        if (value.isArray() && !value.isEmpty()) {
            ArrayNode bigger = NODES.arrayNode();
            for (int i = 0; i < 31 + random.nextInt(70); i++) {
                bigger.add(value.get(i % value.size()).deepCopy());
            }
            return bigger;
        }
        if (value.isObject()) {
            ObjectNode bigger = ((ObjectNode) value).deepCopy();
            for (int i = 0; i < 101; i++) {
                bigger.put("K" + i, "v");
            }
            return bigger;
        }
        if (value.isNumber()) {
            return NODES.numberNode(random.nextBoolean() ? Long.MAX_VALUE : -1);
        }
        return NODES.textNode("y".repeat(500 + random.nextInt(5000)));
    }

    private static String corrupt(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, (char) random.nextInt(128));
                default -> out.setCharAt(at, SYNTAX.charAt(random.nextInt(SYNTAX.length())));
            }
        }
        return out.toString();
    }

    /** A place in the tree that a mutation can change: an object field or an array element. */
    private record Slot(JsonNode container, String field, int index) {

        JsonNode value() {
            return field != null ? container.get(field) : container.get(index);
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) container).remove(field);
            } else {
                ((ArrayNode) container).remove(index);
            }
        }

        void replace(JsonNode value) {
            if (field != null) {
                ((ObjectNode) container).set(field, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }

        void duplicate() {
            if (field != null) {
                ((ObjectNode) container).set(field + "Copy", value().deepCopy());
            } else {
                ((ArrayNode) container).insert(index, value().deepCopy());
            }
        }

        void rename(Random random) {
            if (field == null) {
                return;
            }
            JsonNode value = value();
            ObjectNode object = (ObjectNode) container;
            object.remove(field);
            String renamed = switch (random.nextInt(3)) {
                case 0 -> field.toLowerCase(java.util.Locale.ROOT);
                case 1 -> field.length() > 1 ? field.substring(1) : field + "x";
                default -> field + "s";
            };
            object.set(renamed, value);
        }
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                out.add(new Slot(node, name, -1));
                collect(node.get(name), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Slot(node, null, i));
                collect(node.get(i), out);
            }
        }
    }
}
