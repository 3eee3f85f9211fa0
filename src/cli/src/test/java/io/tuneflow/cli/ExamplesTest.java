package io.tuneflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples are documentation users copy from, so they are tested through the CLI: every request is valid, every
 * invalid document fails with exactly the errors examples/expected-errors.json lists, and every sample log gives the
 * metric values examples/expected-metrics.json lists.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("../../examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> requests() throws IOException {
        return list("requests");
    }

    static Stream<Path> invalid() throws IOException {
        return list("invalid");
    }

    private static Stream<Path> list(String folder) throws IOException {
        List<Path> files;
        try (Stream<Path> stream = Files.list(EXAMPLES.resolve(folder))) {
            files = stream.filter(p -> p.toString().matches(".*\\.(json|ya?ml)")).sorted().toList();
        }
        assertThat(files).as("examples/%s has documents", folder).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void exampleRequestsAreValid(Path request) {
        CliRun run = CliRun.of("validate", request.toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidExamplesFailWithExactlyTheExpectedErrors(Path document) throws IOException {
        JsonNode expected = JSON.readTree(EXAMPLES.resolve("expected-errors.json").toFile()).get(document.getFileName().toString());
        assertThat(expected).as("examples/expected-errors.json lists %s", document.getFileName()).isNotNull();
        CliRun run = CliRun.of("validate", "--output", "json", document.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        List<String> errors = new ArrayList<>();
        JSON.readTree(run.out()).get("errors").forEach(e -> errors.add(e.get("rule").asText() + " " + e.get("path").asText()));
        List<String> wanted = new ArrayList<>();
        expected.forEach(e -> wanted.add(e.get(0).asText() + " " + e.get(1).asText()));
        assertThat(errors).containsExactlyInAnyOrderElementsOf(wanted);
    }

    static Stream<String> logs() throws IOException {
        List<String> names = new ArrayList<>();
        JSON.readTree(EXAMPLES.resolve("expected-metrics.json").toFile()).fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("logs")
    void sampleLogsGiveTheDocumentedMetricValues(String log) throws IOException {
        JsonNode expected = JSON.readTree(EXAMPLES.resolve("expected-metrics.json").toFile()).get(log);
        CliRun run = CliRun.of("check-metrics", "--request", EXAMPLES.resolve(expected.get("request").asText()).toString(),
                "--log", EXAMPLES.resolve("logs").resolve(log).toString(), "--output", "json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("objective").asText()).isEqualTo(expected.get("objective").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("final").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = it.next();
            JsonNode found = metricNamed(result, metric.getKey());
            assertThat(found.get("final").asDouble()).as(metric.getKey()).isEqualTo(metric.getValue().asDouble());
            assertThat(found.get("matches").asInt()).as(metric.getKey()).isEqualTo(expected.get("matches").get(metric.getKey()).asInt());
        }
    }

    private static JsonNode metricNamed(JsonNode result, String name) {
        for (JsonNode metric : result.get("metrics")) {
            if (metric.get("name").asText().equals(name)) {
                return metric;
            }
        }
        throw new AssertionError("no metric " + name + " in " + result);
    }
}
