package io.tuneflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.s3.EmbeddedS3;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment jar, functions/target/tuneflow-functions.jar: what is in it, and its handlers built as on Lambda. */
class ShadedJarTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workspace;

    static Path jar() {
        return Path.of(System.getProperty("tuneflow.functionsJar", "../../functions/target/tuneflow-functions.jar"));
    }

    @Test
    void theJarHasTheHandlersAndNoEngineNorApacheOrNettyClientNorLoggingFramework() throws IOException {
        assertThat(jar()).as("the deployment jar; it is built in the package phase: run mvn verify, not mvn test").exists();
        List<String> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar().toFile())) {
            file.stream().map(ZipEntry::getName).forEach(entries::add);
        }
        assertThat(entries).contains("io/tuneflow/functions/StartTuning.class", "io/tuneflow/functions/CheckTuningStatus.class",
                "io/tuneflow/functions/PublishResults.class", "io/tuneflow/functions/RecordFailure.class",
                "io/tuneflow/core/orchestration/StartTuningJob.class",
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider",
                "META-INF/services/software.amazon.lambda.powertools.logging.internal.LoggingManager");
        assertThat(entries).noneMatch(e -> e.startsWith("io/tuneflow/engine/") || e.startsWith("io/tuneflow/cli/")
                || e.startsWith("org/gaul/") || e.startsWith("org/eclipse/jetty/") || e.startsWith("org/sqlite/")
                || e.startsWith("org/apache/logging/log4j/core/") || e.startsWith("ch/qos/logback/")
                || e.startsWith("software/amazon/awssdk/http/apache/") || e.startsWith("org/apache/http/")
                || e.startsWith("software/amazon/awssdk/http/nio/netty/") || e.startsWith("io/netty/"));
        System.out.printf("deployment jar: %s, %.1f MB, %d entries%n", jar(), Files.size(jar()) / 1e6, entries.size());
    }

    @Test
    void eachHandlerRunsFromTheJarWithItsClientsFromTheEnvironment() throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(workspace, FaultInjection.none())) {
            Map<String, String> environment = lambdaEnvironment(f);

            ObjectNode inline = JSON.createObjectNode();
            inline.set("request", WorkflowFixture.request("jar", 1, 1, 0, null));
            Invocation start = invoke("StartTuning", inline, environment);
            String job = start.output().get("tuningJobName").asText();
            assertThat(job).startsWith("jar-");
            assertThat(start.logLines()).anySatisfy(line -> {
                assertThat(line.get("tuning_job_name").asText()).isEqualTo(job);
                assertThat(line.get("service").asText()).isEqualTo("tuneflow");
                assertThat(line.get("cold_start").asBoolean()).isTrue();
            });

            f.engine.engine().awaitEnd(job);
            Invocation check = invoke("CheckTuningStatus", JSON.createObjectNode().put("tuningJobName", job), environment);
            assertThat(check.output().get("state").asText()).isEqualTo("Completed");
            assertThat(check.output().get("nextPollSeconds").asInt()).isPositive();

            Invocation publish = invoke("PublishResults", JSON.createObjectNode().put("tuningJobName", job)
                    .put("pipelineName", "jar").put("results", WorkflowFixture.RESULTS), environment);
            assertThat(f.read(publish.output().get("best").asText()).get("tuningJobName").asText()).isEqualTo(job);

            ObjectNode failure = JSON.createObjectNode().put("executionId", "arn:aws:states:us-east-1:000000000000:execution:tuning:x");
            failure.putObject("state").putObject("error").put("Error", "States.Timeout").put("Cause", "a task timed out");
            Invocation record = invoke("RecordFailure", failure, environment);
            assertThat(record.output().get("record").asText()).isEqualTo(WorkflowFixture.RESULTS + "/failures/x.json");
            assertThat(f.read(record.output().get("record").asText()).get("error").asText()).isEqualTo("States.Timeout");
        }
    }

    /**
     * The paths through code ProGuard cannot follow (functions/proguard.pro): an S3 event read into the events
     * library's type by Jackson, a request bound to the SDK's model and validated, a validation report written.
     */
    @Test
    void fromTheJarAnUploadedRequestStartsAJobAndAnInvalidOneGetsAReport() throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(workspace, FaultInjection.none())) {
            Map<String, String> environment = lambdaEnvironment(f);
            f.put("requests/jar-upload.json", WorkflowFixture.request("jar-upload", 1, 1, 0, null));
            ObjectNode uploaded = JSON.createObjectNode();
            uploaded.set("trigger", WorkflowFixture.objectCreated("requests/jar-upload.json"));
            uploaded.putObject("execution").put("id", "arn:aws:states:us-east-1:000000000000:execution:tuning:upload");
            Invocation start = invoke("StartTuning", uploaded, environment);
            String job = start.output().get("tuningJobName").asText();
            assertThat(job).startsWith("jar-upload-");
            f.engine.engine().awaitEnd(job);
            assertThat(invoke("CheckTuningStatus", JSON.createObjectNode().put("tuningJobName", job), environment)
                    .output().get("state").asText()).isEqualTo("Completed");

            ObjectNode invalid = WorkflowFixture.request("jar-invalid", 1, 1, 0, null);
            ((ObjectNode) invalid.get("HyperParameterTuningJobConfig")).put("Strategy", "random");
            f.put("requests/jar-invalid.json", invalid);
            ObjectNode rejected = JSON.createObjectNode();
            rejected.set("trigger", WorkflowFixture.objectCreated("requests/jar-invalid.json"));
            var result = run("StartTuning", rejected, environment);
            assertThat(result.exitCode()).as("StartTuning fails on an invalid request:%n%s", result.stderr()).isEqualTo(3);
            assertThat(JSON.readTree(result.stdout()).get("errorType").asText())
                    .isEqualTo("io.tuneflow.functions.InvalidTuningRequestException");
            JsonNode report = f.read("s3://tuning/requests/errors/jar-invalid.json");
            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(report.get("errors").get(0).get("path").asText()).isEqualTo("$.HyperParameterTuningJobConfig.Strategy");
        }
    }

    private static Map<String, String> lambdaEnvironment(WorkflowFixture f) {
        return Map.of("AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY,
                "AWS_ENDPOINT_URL_SAGEMAKER", f.engine.sageMakerEndpoint().toString(),
                "AWS_ENDPOINT_URL_S3", f.engine.s3Endpoint().toString(),
                "TUNEFLOW_RESULTS", WorkflowFixture.RESULTS,
                "POWERTOOLS_SERVICE_NAME", "tuneflow",
                "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    }

    record Invocation(JsonNode output, List<JsonNode> logLines) {
    }

    private NodeToolchain.ProcessResult run(String handler, JsonNode input, Map<String, String> environment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = jar() + File.pathSeparator + System.getProperty("tuneflow.testClasses", "target/test-classes");
        return NodeToolchain.ProcessResult.run(List.of(java, "-cp", classPath, JarInvoker.class.getName(),
                "io.tuneflow.functions." + handler, input.toString()), workspace, environment, Duration.ofSeconds(60));
    }

    private Invocation invoke(String handler, JsonNode input, Map<String, String> environment) throws IOException {
        var result = run(handler, input, environment);
        assertThat(result.exitCode()).as("%s from the jar:%n%s%n%s", handler, result.stdout(), result.stderr()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.stderr().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).as("%s logs JSON lines on stderr:%n%s", handler, result.stderr()).isNotEmpty();
        return new Invocation(JSON.readTree(result.stdout()), lines);
    }
}
