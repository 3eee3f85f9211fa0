package io.tuneflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state machine run by aws-local-stepfunctions (in Node 22, see {@link NodeToolchain}): one execution and the
 * executions it continues as, with Lambda tasks sent to a Lambda endpoint and Wait and Retry pauses shortened.
 */
final class LocalStepFunctions {

    static final String STATE_MACHINE_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:tuning";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeToolchain node;
    private final JsonNode definition;
    private final URI lambdaEndpoint;

    LocalStepFunctions(NodeToolchain node, JsonNode definition, URI lambdaEndpoint) {
        this.node = node;
        this.definition = definition;
        this.lambdaEndpoint = lambdaEndpoint;
    }

    /** The Wait and Retry pauses of a run, in milliseconds by state name; a state not named pauses as defined. */
    record Pauses(Map<String, Integer> waits, Map<String, Integer> retries) {
        static Pauses asDefined() {
            return new Pauses(Map.of(), Map.of());
        }
    }

    /** Runs the execution {@code name} and those it continues as, one after another; at most 60 s of Node per test. */
    List<Execution> run(String name, JsonNode input, Pauses pauses) {
        ObjectNode job = JSON.createObjectNode();
        job.set("definition", definition);
        job.put("stateMachineArn", STATE_MACHINE_ARN);
        job.put("name", name);
        job.set("input", input);
        job.set("waitTimeOverrides", JSON.valueToTree(pauses.waits()));
        job.set("retryIntervalOverrides", JSON.valueToTree(pauses.retries()));
        job.put("maxExecutions", 50);
        try {
            Path jobFile = Files.createTempFile("tuneflow-execution", ".json");
            try {
                Files.write(jobFile, JSON.writeValueAsBytes(job));
                NodeToolchain.ProcessResult result = node.runNode(List.of("run-executions.mjs", jobFile.toString()), Map.of(
                        "AWS_ENDPOINT_URL_LAMBDA", lambdaEndpoint.toString(),
                        "AWS_REGION", "us-east-1",
                        "AWS_ACCESS_KEY_ID", "loopback",
                        "AWS_SECRET_ACCESS_KEY", "loopback-secret",
                        "AWS_CONFIG_FILE", "/nonexistent/tuneflow-aws-config",
                        "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/tuneflow-aws-credentials"), Duration.ofSeconds(180));
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("aws-local-stepfunctions failed (exit " + result.exitCode() + "):\n"
                            + result.stderr() + result.stdout());
                }
                List<Execution> executions = new ArrayList<>();
                for (JsonNode execution : JSON.readTree(result.stdout()).get("executions")) {
                    executions.add(Execution.of(execution));
                }
                return executions;
            } finally {
                Files.deleteIfExists(jobFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One execution as it ended, with its event log. */
    record Execution(String name, String arn, String status, JsonNode output, String error, String cause, List<Event> events) {

        static Execution of(JsonNode node) {
            List<Event> events = new ArrayList<>();
            node.get("events").forEach(e -> events.add(new Event(e.get("type").asText(), e.get("state").textValue(),
                    e.get("stateType").textValue(), e.get("error").textValue())));
            return new Execution(node.get("name").asText(), node.get("arn").asText(), node.get("status").asText(),
                    node.get("output"), node.get("error").textValue(), node.get("cause").textValue(), List.copyOf(events));
        }

        /** State transitions, as Step Functions bills them: one per state entered. */
        long transitions() {
            return events.stream().filter(e -> e.type().equals("StateEntered")).count();
        }

        long entered(String state) {
            return events.stream().filter(e -> e.type().equals("StateEntered") && state.equals(e.state())).count();
        }

        long retried(String state) {
            return events.stream().filter(e -> e.type().equals("StateRetried") && state.equals(e.state())).count();
        }

        long retries() {
            return events.stream().filter(e -> e.type().equals("StateRetried")).count();
        }

        /**
         * The events this execution would have in Step Functions' history: ExecutionStarted and its end; per state
         * entered, its Entered and Exited events (a Fail state has no Exited); per attempt of a Task, Scheduled,
         * Started and Succeeded or Failed.
         */
        long historyEvents() {
            long count = 2;
            for (Event event : events) {
                switch (event.type()) {
                    case "StateEntered" -> count += "Fail".equals(event.stateType()) ? 1 : 2;
                    default -> {
                    }
                }
                if ("Task".equals(event.stateType()) && (event.type().equals("StateEntered") || event.type().equals("StateRetried"))) {
                    count += 3;
                }
            }
            return count;
        }

        boolean succeeded() {
            return status.equals("SUCCEEDED");
        }

        String summary() {
            return name + ": " + status + (error == null ? "" : " " + error + ": " + cause) + "; states "
                    + events.stream().filter(e -> e.type().equals("StateEntered")).map(Event::state).toList();
        }
    }

    record Event(String type, String state, String stateType, String error) {
    }
}
