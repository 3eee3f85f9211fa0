package io.tuneflow.workflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.s3.EmbeddedS3;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void theJarHasTheHandlersAndNoEngineNorApacheOrNettyClientNorLoggingFrameworkAndIsShrunk() throws IOException {
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
        // Shrunk (functions/proguard.pro): the responses of the operations the handlers call stay, the others go.
        assertThat(entries).contains("software/amazon/awssdk/services/sagemaker/model/DescribeHyperParameterTuningJobResponse.class",
                "software/amazon/awssdk/services/cloudwatch/model/GetMetricDataResponse.class",
                "software/amazon/awssdk/services/s3/model/PutObjectResponse.class");
        assertThat(entries).doesNotContain("software/amazon/awssdk/services/sagemaker/model/CreateEndpointResponse.class",
                "software/amazon/awssdk/services/s3/model/DeleteBucketResponse.class");
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

    /**
     * On AWS the report's curves come from CloudWatch (GetMetricData, AWS query protocol); here its documented
     * response is replayed, so the CloudWatch client in the shrunk jar marshals and parses for real.
     */
    @Test
    void fromTheJarTheReportGetsItsCurvesFromCloudWatchWhenItsEndpointIsGiven() throws Exception {
        WireMockServer cloudWatch = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        cloudWatch.start();
        try (WorkflowFixture f = new WorkflowFixture(workspace, FaultInjection.none())) {
            Map<String, String> environment = new HashMap<>(lambdaEnvironment(f));
            ObjectNode inline = JSON.createObjectNode();
            inline.set("request", WorkflowFixture.request("jar-curves", 1, 1, 0, null));
            String job = invoke("StartTuning", inline, environment).output().get("tuningJobName").asText();
            f.engine.engine().awaitEnd(job);
            ObjectNode publishInput = JSON.createObjectNode().put("tuningJobName", job).put("pipelineName", "jar-curves")
                    .put("results", WorkflowFixture.RESULTS);

            JsonNode withoutCloudWatch = reportData(f, invoke("PublishResults", publishInput, environment));
            assertThat(withoutCloudWatch.get("curves").get("available").asBoolean()).isFalse();
            assertThat(withoutCloudWatch.get("curves").get("unavailableReason").asText()).contains("AWS_ENDPOINT_URL_CLOUDWATCH");

            String trainingJob = withoutCloudWatch.get("trials").get("trials").get(0).get("name").asText();
            Instant start = Instant.parse(withoutCloudWatch.get("trials").get("trials").get(0).get("startTime").asText());
            cloudWatch.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetMetricData"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                            <GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                              <GetMetricDataResult>
                                <MetricDataResults>
                                  <member>
                                    <Id>m0</Id><Label>loss</Label>
                                    <Timestamps><member>%s</member><member>%s</member></Timestamps>
                                    <Values><member>0.75</member><member>0.5</member></Values>
                                    <StatusCode>Complete</StatusCode>
                                  </member>
                                </MetricDataResults>
                                <Messages/>
                              </GetMetricDataResult>
                              <ResponseMetadata><RequestId>6f0e6c8e-1b7a-4c52-9a39-0d1f7b0a3c11</RequestId></ResponseMetadata>
                            </GetMetricDataResponse>
                            """.formatted(start, start.plusSeconds(60)))));
            environment.put("AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.baseUrl());

            JsonNode withCloudWatch = reportData(f, invoke("PublishResults", publishInput, environment));
            assertThat(withCloudWatch.get("curves").get("available").asBoolean()).isTrue();
            assertThat(withCloudWatch.get("curves").get("series").get(trainingJob))
                    .extracting(JsonNode::asDouble).containsExactly(0.75, 0.5);
            cloudWatch.verify(postRequestedFor(urlEqualTo("/"))
                    .withRequestBody(containing("%2Faws%2Fsagemaker%2FTrainingJobs")).withRequestBody(containing(trainingJob)));
        } finally {
            cloudWatch.stop();
        }
    }

    /** The data report.html embeds, from the report the published results name. */
    private static JsonNode reportData(WorkflowFixture f, Invocation publish) throws IOException {
        String html = f.readText(publish.output().get("report").asText());
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(data.find()).as("report.html embeds its data").isTrue();
        return JSON.readTree(data.group(1));
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
