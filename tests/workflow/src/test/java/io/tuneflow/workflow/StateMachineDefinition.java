package io.tuneflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** infrastructure/statemachine/tuning.asl.json, as CDK and SAM deploy it: with its ${...} placeholders substituted. */
final class StateMachineDefinition {

    static final Map<String, String> FUNCTIONS = Map.of(
            "StartTuningFunctionArn", "StartTuning",
            "CheckTuningStatusFunctionArn", "CheckTuningStatus",
            "PublishResultsFunctionArn", "PublishResults",
            "RecordFailureFunctionArn", "RecordFailure");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    private StateMachineDefinition() {
    }

    static Path file() {
        return Path.of(System.getProperty("tuneflow.stateMachine", "../../infrastructure/statemachine/tuning.asl.json"));
    }

    static String text() {
        try {
            return Files.readString(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The definition with each function ARN placeholder replaced by the ARN of a function of that name. */
    static String substituted() {
        String text = text();
        for (Map.Entry<String, String> function : FUNCTIONS.entrySet()) {
            text = text.replace("${" + function.getKey() + "}", "arn:aws:lambda:us-east-1:000000000000:function:" + function.getValue());
        }
        return text;
    }

    static JsonNode substitutedJson() {
        try {
            return new ObjectMapper().readTree(substituted());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
