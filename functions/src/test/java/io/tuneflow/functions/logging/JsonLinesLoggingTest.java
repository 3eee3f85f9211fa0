package io.tuneflow.functions.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class JsonLinesLoggingTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        JsonLinesLogger.redirect(new PrintStream(out, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-11-12T03:00:00.123Z"), ZoneOffset.UTC));
        LogLevels.reset();
        MDC.clear();
    }

    @AfterEach
    void restore() {
        JsonLinesLogger.redirect(null, Clock.systemUTC());
        LogLevels.reset();
        MDC.clear();
    }

    private List<JsonNode> lines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void slf4jFindsThisBackend() {
        assertThat(LoggerFactory.getLogger("io.tuneflow.x")).isInstanceOf(JsonLinesLogger.class);
    }

    @Test
    void aLineHasTheLayoutsFieldsTheMdcAndTheStructuredArguments() throws Exception {
        MDC.put("cold_start", "true");
        MDC.put("function_memory_size", "512");
        MDC.put("function_name", "CheckTuningStatus");
        MDC.put("service", "tuneflow");
        MDC.put("tuning_job_name", "nightly-1a2b3c4d");
        LoggerFactory.getLogger("io.tuneflow.functions.CheckTuningStatus").info("Tuning job {} is {}", "nightly-1a2b3c4d",
                "InProgress", entry("training_jobs", Map.of("Completed", 4)), entry("best_objective", 0.25));

        JsonNode line = lines().get(0);
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("message").asText()).isEqualTo("Tuning job nightly-1a2b3c4d is InProgress");
        assertThat(line.get("cold_start").isBoolean()).isTrue();
        assertThat(line.get("function_memory_size").isNumber()).isTrue();
        assertThat(line.get("service").asText()).isEqualTo("tuneflow");
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-11-12T03:00:00.123Z");
        assertThat(line.get("tuning_job_name").asText()).isEqualTo("nightly-1a2b3c4d");
        assertThat(line.get("training_jobs").get("Completed").asInt()).isEqualTo(4);
        assertThat(line.get("best_objective").asDouble()).isEqualTo(0.25);
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void anErrorCarriesItsTypeMessageAndStackAndEveryLineStaysOneLine() throws Exception {
        LoggerFactory.getLogger("io.tuneflow.x").error("it broke: \"quotes\", tabs\t, a bell \u0007 and\nnew lines",
                new IllegalStateException("the cause"));
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("message").asText()).contains("\"quotes\"", "\u0007", "\n");
        assertThat(lines.get(0).get("error").get("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(lines.get(0).get("error").get("message").asText()).isEqualTo("the cause");
        assertThat(lines.get(0).get("error").get("stack").asText()).contains("JsonLinesLoggingTest");
    }

    @Test
    void tuneflowLogsFromInfoOthersFromWarnUntilPowertoolsSetsALevel() throws Exception {
        Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.core");
        Logger tuneflow = LoggerFactory.getLogger("io.tuneflow.functions.StartTuning");
        sdk.info("not shown");
        tuneflow.debug("not shown");
        tuneflow.info("shown");
        sdk.warn("shown");
        assertThat(lines()).extracting(l -> l.get("message").asText()).containsExactly("shown", "shown");

        new PowertoolsLoggingManager().setLogLevel(Level.DEBUG);
        assertThat(sdk.isDebugEnabled()).isTrue();
        assertThat(new PowertoolsLoggingManager().getLogLevel(tuneflow)).isEqualTo(Level.DEBUG);
    }
}
