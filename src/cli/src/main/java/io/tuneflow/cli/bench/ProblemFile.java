package io.tuneflow.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tuneflow.core.document.DocumentReader;
import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.document.MalformedDocumentException;
import io.tuneflow.core.document.SourceDocument;
import io.tuneflow.core.model.DocumentBinder;
import io.tuneflow.core.model.ServiceModel;
import io.tuneflow.core.validation.DidYouMean;
import io.tuneflow.core.validation.Problem;
import io.tuneflow.core.validation.Problems;
import io.tuneflow.engine.tuning.SearchSpace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

/**
 * Reads a benchmark problem file:
 *
 * <pre>
 * {"Description": "...",
 *  "Objective": {"Function": "branin", "Type": "Minimize",
 *                "KnownOptimum": {"Value": 0.397887, "HyperParameters": {"x1": "3.141592653589793", "x2": "2.275"}}},
 *  "ParameterRanges": { ...exactly as in a CreateHyperParameterTuningJob request... }}
 * </pre>
 *
 * An objective may add {@code "Noise": {"StandardDeviation": s}}: each observed value then carries Gaussian noise of
 * that deviation (see {@link TrialLoop}).
 *
 * ParameterRanges is bound by the same binder as request documents, so it is checked against SageMaker's service
 * model; every problem in the file is reported at once, each with file, line and JSON path.
 */
public final class ProblemFile {

    private static final Set<String> TOP_LEVEL = Set.of("Description", "Objective", "ParameterRanges");
    private static final Set<String> OBJECTIVE = Set.of("Function", "Type", "KnownOptimum", "Noise");
    private static final Set<String> OBJECTIVE_REQUIRED = Set.of("Function", "Type", "KnownOptimum");
    private static final Set<String> NOISE = Set.of("StandardDeviation");
    private static final Set<String> KNOWN_OPTIMUM = Set.of("Value", "HyperParameters");

    private final SourceDocument document;
    private final Problems problems = new Problems();

    private ProblemFile(SourceDocument document) {
        this.document = document;
    }

    /** @throws InvalidProblemFileException listing everything wrong with the file */
    public static BenchProblem read(Path file) {
        SourceDocument document;
        try {
            document = DocumentReader.read(file);
        } catch (MalformedDocumentException e) {
            String where = e.location().map(l -> file + ":" + l).orElse(file.toString());
            throw new InvalidProblemFileException(List.of(where + ": " + e.getMessage() + " " + e.fix()));
        }
        return new ProblemFile(document).bind(file);
    }

    private BenchProblem bind(Path file) {
        JsonNode root = document.root();
        JsonPath rootPath = JsonPath.root();
        if (!root.isObject()) {
            problems.error("bench.type", rootPath, "A problem file is a JSON object.", "Write {\"Objective\": ..., \"ParameterRanges\": ...}.");
            throw failure();
        }
        checkKeys(root, rootPath, TOP_LEVEL, Set.of("Objective", "ParameterRanges"));
        text(root, rootPath.field("Description"));

        JsonPath objectivePath = rootPath.field("Objective");
        JsonNode objective = object(root, objectivePath);
        Optional<ObjectiveFunction> function = Optional.empty();
        boolean maximize = false;
        double optimum = Double.NaN;
        Map<String, String> optimumAt = Map.of();
        double noise = 0;
        if (objective != null) {
            checkKeys(objective, objectivePath, OBJECTIVE, OBJECTIVE_REQUIRED);
            function = function(objective, objectivePath.field("Function"));
            maximize = direction(objective, objectivePath.field("Type"));
            JsonPath knownPath = objectivePath.field("KnownOptimum");
            JsonNode known = object(objective, knownPath);
            if (known != null) {
                checkKeys(known, knownPath, KNOWN_OPTIMUM, KNOWN_OPTIMUM);
                optimum = number(known, knownPath.field("Value"));
                optimumAt = strings(known, knownPath.field("HyperParameters"));
            }
            noise = noise(objective, objectivePath.field("Noise"));
        }

        JsonPath rangesPath = rootPath.field("ParameterRanges");
        ParameterRanges ranges = null;
        if (object(root, rangesPath) != null) {
            ranges = new DocumentBinder(ServiceModel.sageMaker(), document, problems)
                    .bind(root.get("ParameterRanges"), rangesPath, "ParameterRanges", ParameterRanges::builder, Set.of());
        }
        if (ranges != null && !problems.hasErrorAt(rangesPath)) {
            new RangeChecks(problems, rangesPath).check(ranges);
        }
        if (ranges != null && function.isPresent() && !problems.hasErrorAt(rangesPath)) {
            checkNames(RangeChecks.names(ranges), function.get(), rangesPath, "tune");
        }
        if (function.isPresent() && objective != null && objective.has("KnownOptimum") && !problems.hasErrorAt(objectivePath.field("KnownOptimum"))) {
            checkNames(optimumAt.keySet(), function.get(), objectivePath.field("KnownOptimum").field("HyperParameters"), "give");
        }
        if (problems.hasErrors()) {
            throw failure();
        }
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        return new BenchProblem(name, file, SearchSpace.of(ranges), function.orElseThrow(), maximize, optimum, optimumAt, noise);
    }

    /** Optional {"StandardDeviation": s} with s > 0: the noise added to each observed value. */
    private double noise(JsonNode objective, JsonPath path) {
        JsonNode node = object(objective, path);
        if (node == null) {
            return 0;
        }
        checkKeys(node, path, NOISE, NOISE);
        double deviation = number(node, path.field("StandardDeviation")); // NaN when missing or not a number: reported
        if (deviation <= 0) {
            problems.error("bench.noise", path.field("StandardDeviation"), "The noise's standard deviation must be above 0, got "
                    + deviation + ".", "Give a positive number, or leave Noise out for a noiseless objective.");
        }
        return deviation > 0 ? deviation : 0;
    }

    private Optional<ObjectiveFunction> function(JsonNode objective, JsonPath path) {
        String name = text(objective, path);
        if (name == null) {
            return Optional.empty();
        }
        Optional<ObjectiveFunction> function = ObjectiveFunctions.named(name);
        if (function.isEmpty()) {
            String guess = DidYouMean.closest(name, ObjectiveFunctions.names()).map(s -> "Did you mean \"" + s + "\"? ").orElse("");
            problems.error("bench.function", path, "\"" + name + "\" is not an objective function the benchmark implements.",
                    guess + "Known functions: " + String.join(", ", ObjectiveFunctions.names()) + ".");
        }
        return function;
    }

    private boolean direction(JsonNode objective, JsonPath path) {
        String type = text(objective, path);
        if (type != null && !type.equals("Minimize") && !type.equals("Maximize")) {
            problems.error("bench.direction", path, "\"" + type + "\" is not a direction.", "Use \"Minimize\" or \"Maximize\".");
        }
        return "Maximize".equals(type);
    }

    private void checkNames(Set<String> given, ObjectiveFunction function, JsonPath path, String verb) {
        Set<String> wanted = Set.copyOf(function.parameters());
        if (!given.equals(wanted)) {
            problems.error("bench.parameters", path, "The ranges " + verb + " " + sorted(given) + " but " + function.name()
                    + " reads " + function.parameters() + ".", "Name exactly the hyperparameters " + function.parameters() + ".");
        }
    }

    private void checkKeys(JsonNode node, JsonPath path, Set<String> known, Set<String> required) {
        for (String key : (Iterable<String>) node::fieldNames) {
            if (!known.contains(key)) {
                String guess = DidYouMean.closest(key, known).map(s -> "Did you mean \"" + s + "\"? ").orElse("");
                problems.error("bench.unknown-field", path.field(key), "\"" + key + "\" is not a field of a problem file here.",
                        guess + "Valid fields: " + sorted(known) + ".");
            }
        }
        for (String key : required) {
            if (!node.has(key)) {
                problems.error("bench.required", path.field(key), key + " is required.", "Add \"" + key + "\".");
            }
        }
    }

    private JsonNode object(JsonNode parent, JsonPath path) {
        JsonNode node = parent.get(path.lastName());
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.error("bench.type", path, path.lastName() + " must be an object.", "Write " + path.lastName() + " as {...}.");
            return null;
        }
        return node;
    }

    private String text(JsonNode parent, JsonPath path) {
        JsonNode node = parent.get(path.lastName());
        if (node == null) {
            return null; // a missing required key is reported by checkKeys
        }
        if (!node.isTextual()) {
            problems.error("bench.type", path, path.lastName() + " must be a string.", "Put the value in double quotes.");
            return null;
        }
        return node.textValue();
    }

    private double number(JsonNode parent, JsonPath path) {
        JsonNode node = parent.get(path.lastName());
        if (node != null && !node.isNumber()) {
            problems.error("bench.type", path, path.lastName() + " must be a number.", "Write the value without quotes, e.g. 0.397887.");
        }
        return node != null && node.isNumber() ? node.doubleValue() : Double.NaN;
    }

    private Map<String, String> strings(JsonNode parent, JsonPath path) {
        JsonNode node = object(parent, path);
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        node.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            } else {
                problems.error("bench.type", path.field(e.getKey()), "Hyperparameter values are strings, as a trainer receives them.",
                        "Put the value in double quotes.");
            }
        });
        return out;
    }

    private InvalidProblemFileException failure() {
        return new InvalidProblemFileException(problems.toList().stream().map(this::describe).toList());
    }

    private String describe(Problem problem) {
        String where = document.locate(problem.path()).map(l -> document.name() + ":" + l).orElse(document.name());
        return where + ": " + problem.path() + ": " + problem.message() + " " + problem.fix();
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
