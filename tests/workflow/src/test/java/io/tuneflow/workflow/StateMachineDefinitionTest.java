package io.tuneflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state machine definition is valid ASL (asl-validator) as written and as deployed. */
class StateMachineDefinitionTest {

    @Test
    void theFileAndItsDeployedFormAreValidAsl() throws Exception {
        NodeToolchain node = NodeToolchain.get();
        Path deployed = Files.createTempFile("tuning", ".asl.json");
        try {
            Files.writeString(deployed, StateMachineDefinition.substituted());
            for (Path file : List.of(StateMachineDefinition.file().toAbsolutePath(), deployed)) {
                var result = node.runNode(List.of("node_modules/asl-validator/dist/bin/asl-validator.js", "--json-path", file.toString()),
                        Map.of(), Duration.ofSeconds(60));
                assertThat(result.exitCode()).as("asl-validator on %s:%n%s%s", file, result.stdout(), result.stderr()).isZero();
                assertThat(result.stdout()).contains("is valid");
            }
        } finally {
            Files.deleteIfExists(deployed);
        }
    }

    @Test
    void itsPlaceholdersAreTheFourFunctionArns() {
        assertThat(StateMachineDefinition.placeholders(StateMachineDefinition.text()))
                .containsExactlyInAnyOrderElementsOf(StateMachineDefinition.FUNCTIONS.keySet());
        assertThat(StateMachineDefinition.placeholders(StateMachineDefinition.substituted())).isEmpty();
    }

    @Test
    void everyLambdaTaskRetriesLambdaServiceErrorsAndThrottlingAndTransientAwsFailures() {
        JsonNode states = StateMachineDefinition.substitutedJson().get("States");
        states.properties().forEach(state -> {
            JsonNode definition = state.getValue();
            if (definition.path("Resource").asText().startsWith("arn:aws:lambda:")) {
                List<String> retried = definition.get("Retry").findValues("ErrorEquals").stream()
                        .flatMap(errors -> java.util.stream.StreamSupport.stream(errors.spliterator(), false))
                        .map(JsonNode::asText).toList();
                assertThat(retried).as(state.getKey()).contains("Lambda.ServiceException", "Lambda.TooManyRequestsException",
                        "Lambda.SdkClientException", "io.tuneflow.functions.TransientAwsException");
                assertThat(definition.get("Retry").findValues("BackoffRate")).allSatisfy(rate -> assertThat(rate.asDouble()).isGreaterThan(1));
                assertThat(definition.path("Catch").isArray()).as(state.getKey() + " has a Catch").isTrue();
            }
        });
    }
}
