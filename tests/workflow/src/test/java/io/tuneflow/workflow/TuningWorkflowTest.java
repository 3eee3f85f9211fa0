package io.tuneflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.engine.FaultInjection;
import io.tuneflow.workflow.LocalStepFunctions.Execution;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state machine end to end: infrastructure/statemachine/tuning.asl.json executed by aws-local-stepfunctions,
 * whose Lambda tasks reach the real handlers through a loopback Lambda endpoint, which run real tuning jobs on the
 * local engine and read and write its S3 endpoint. Each test counts the state transitions of its executions
 * ({@link TransitionBudget}).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TuningWorkflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workspace;

    private WorkflowFixture fixture;

    private WorkflowFixture start(FaultInjection faults) {
        fixture = new WorkflowFixture(workspace, faults);
        return fixture;
    }

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @AfterAll
    static void report() {
        TransitionBudget.report();
    }

    @Test
    void anUploadedRequestIsTunedAndItsResultsPublished() {
        WorkflowFixture f = start(FaultInjection.none());
        f.put("requests/success.json", WorkflowFixture.request("success", 3, 3, 1, null));

        // The Wait states wait as defined here: the first check comes nextPollSeconds (5 s) after the start.
        List<Execution> executions = f.run("upload-success", WorkflowFixture.objectCreated("requests/success.json"),
                LocalStepFunctions.Pauses.asDefined());

        Execution execution = single(executions);
        assertThat(execution.succeeded()).as(execution.summary()).isTrue();
        JsonNode output = execution.output();
        String job = output.get("job").get("tuningJobName").asText();
        assertThat(job).matches("success-[0-9a-f]{8}");
        assertThat(output.get("status").get("state").asText()).isEqualTo("Completed");
        assertThat(output.get("published").get("best").asText()).isEqualTo(WorkflowFixture.RESULTS + "/success/" + job + "/best.json");
        JsonNode best = f.read(output.get("published").get("best").asText());
        assertThat(best.get("status").asText()).isEqualTo("Completed");
        assertThat(best.get("bestTrainingJob").get("name").asText()).startsWith(job + "-");
        assertThat(output.get("published").get("bestObjective").asDouble()).isEqualTo(best.get("objective").get("value").asDouble());
        assertThat(f.read(WorkflowFixture.RESULTS + "/success/latest.json").get("tuningJobName").asText()).isEqualTo(job);
        assertThat(f.exists("results/success/" + job + "/trials.csv")).isTrue();
        assertThat(f.tuningJobs()).isOne();
        assertThat(execution.entered("RecordFailure")).isZero();
        TransitionBudget.record("successful job", executions);
    }

    @Test
    void anInvalidRequestGetsAReportBesideItAndTheExecutionFailsNamingIt() {
        WorkflowFixture f = start(FaultInjection.none());
        ObjectNode request = WorkflowFixture.request("invalid", 3, 3, 0, null);
        ((ObjectNode) request.get("HyperParameterTuningJobConfig")).put("Strategy", "random");
        f.put("requests/team/invalid.json", request);

        Execution execution = single(f.run("upload-invalid", WorkflowFixture.objectCreated("requests/team/invalid.json"),
                WorkflowFixture.pauses(100)));

        assertThat(execution.status()).isEqualTo("FAILED");
        assertThat(execution.error()).isEqualTo("Tuneflow.InvalidRequest");
        assertThat(execution.cause())
                .contains("s3://tuning/requests/team/invalid.json is not a valid tuning request")
                .contains("Report: s3://tuning/requests/team/errors/invalid.json")
                .contains("$.HyperParameterTuningJobConfig.Strategy").contains("Did you mean \"Random\"?")
                .doesNotContain("\tat ").doesNotContain("Exception.java");
        JsonNode report = f.read("s3://tuning/requests/team/errors/invalid.json");
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("file").asText()).isEqualTo("s3://tuning/requests/team/invalid.json");
        assertThat(report.get("errors").get(0).get("path").asText()).isEqualTo("$.HyperParameterTuningJobConfig.Strategy");
        assertThat(report.get("errors").get(0).get("line").asInt()).isPositive();
        assertThat(f.tuningJobs()).isZero();
        assertThat(f.lambda.invocations("RecordFailure")).isZero();
        TransitionBudget.record("invalid request", List.of(execution));

        // The report is an object created below requests/: the execution it triggers starts nothing.
        Execution reportEvent = single(f.run("upload-report", WorkflowFixture.objectCreated("requests/team/errors/invalid.json"),
                WorkflowFixture.pauses(100)));
        assertThat(reportEvent.succeeded()).as(reportEvent.summary()).isTrue();
        assertThat(reportEvent.entered("NothingToStart")).isOne();
        assertThat(reportEvent.output().get("job").get("reason").asText()).contains("validation report");
    }

    @Test
    void aDuplicateTriggerStartsNoSecondJob() throws Exception {
        WorkflowFixture f = start(FaultInjection.none());
        f.put("requests/duplicate.json", WorkflowFixture.request("duplicate", 2, 1, 2, null));
        ObjectNode event = WorkflowFixture.objectCreated("requests/duplicate.json");

        CompletableFuture<List<Execution>> first = CompletableFuture.supplyAsync(
                () -> f.run("first-delivery", event, WorkflowFixture.pauses(300)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (f.tuningJobs() == 0 && System.nanoTime() < deadline && !first.isDone()) {
            Thread.sleep(100);
        }
        // EventBridge delivers at least once: the same event again, while the first execution follows the job.
        Execution second = single(f.run("second-delivery", event, WorkflowFixture.pauses(300)));
        Execution original = single(first.get(3, TimeUnit.MINUTES));

        assertThat(original.succeeded()).as(original.summary()).isTrue();
        assertThat(original.entered("TuningJobCompleted")).isOne();
        assertThat(second.succeeded()).as(second.summary()).isTrue();
        assertThat(second.entered("AlreadyStarted")).isOne();
        assertThat(second.entered("CheckTuningStatus")).isZero();
        assertThat(second.output().get("job").get("tuningJobName").asText()).isEqualTo(original.output().get("job").get("tuningJobName").asText());
        assertThat(f.tuningJobs()).isOne();
        assertThat(f.lambda.invocations("StartTuning")).isEqualTo(2);
        TransitionBudget.record("duplicate trigger", List.of(original, second));
    }

    @Test
    void aFailedTuningJobIsPublishedAndItsFailureRecorded() {
        WorkflowFixture f = start(FaultInjection.none());
        f.put("requests/failing.json", WorkflowFixture.request("failing", 2, 2, 0, "out of memory"));

        Execution execution = single(f.run("upload-failing", WorkflowFixture.objectCreated("requests/failing.json"),
                WorkflowFixture.pauses(300)));

        assertThat(execution.status()).as(execution.summary()).isEqualTo("FAILED");
        assertThat(execution.error()).isEqualTo("Tuneflow.TuningJobFailed");
        String job = f.sageMaker.listHyperParameterTuningJobs(b -> b.maxResults(10)).hyperParameterTuningJobSummaries().get(0)
                .hyperParameterTuningJobName();
        assertThat(execution.cause()).startsWith("Tuning job " + job + " ended Failed: ")
                .contains("Its results are published: s3://tuning/results/failing/" + job + "/best.json");
        assertThat(execution.entered("PublishResults")).isOne();
        JsonNode best = f.read("s3://tuning/results/failing/" + job + "/best.json");
        assertThat(best.get("status").asText()).isEqualTo("Failed");
        assertThat(best.get("bestTrainingJob").isNull()).isTrue();
        JsonNode failure = f.read("s3://tuning/results/failing/" + job + "/failure.json");
        assertThat(failure.get("error").asText()).isEqualTo("Tuneflow.TuningJobFailed");
        assertThat(failure.get("tuningJobStatus").asText()).isEqualTo("Failed");
        assertThat(failure.get("executionId").asText()).endsWith(":upload-failing");
        assertThat(f.read("s3://tuning/results/failing/" + job + "/trials.json").get("trials")).hasSize(2)
                .allSatisfy(t -> assertThat(t.get("failureReason").asText()).isEqualTo("AlgorithmError: out of memory"));
        TransitionBudget.record("failed tuning job", List.of(execution));
    }

    @Test
    void throttlingByTheEngineAndByLambdaIsRetriedAndTheExecutionSucceeds() {
        // A third of the SageMaker calls are throttled: the handlers' SDK clients retry them; what outlasts their
        // retries fails the state as TransientAwsException, which the state machine retries with backoff.
        // Seeded: the second SageMaker call (Start's Describe after its Create) is throttled in every run, so the SDK
        // retries at least once whatever the timing of the polls.
        WorkflowFixture f = start(new FaultInjection(0.3, 0, 0, 20261112));
        f.lambda.throttleFirstInvocations(1); // and each function's first invocation gets Lambda's 429
        f.put("requests/throttled.json", WorkflowFixture.request("throttled", 3, 3, 1, null));

        Execution execution = single(f.run("upload-throttled", WorkflowFixture.objectCreated("requests/throttled.json"),
                WorkflowFixture.pauses(300)));

        assertThat(execution.succeeded()).as(execution.summary()).isTrue();
        assertThat(execution.output().get("published").get("best").asText()).endsWith("/best.json");
        assertThat(f.sageMakerAttempts.get()).as("the engine throttled and the SDK retried").isGreaterThan(f.sageMakerCalls.get());
        assertThat(f.lambda.throttled("StartTuning")).isOne();
        assertThat(f.lambda.throttled("CheckTuningStatus")).isOne();
        assertThat(f.tuningJobs()).isOne();
        System.out.printf("throttling: %d SageMaker calls took %d attempts; the state machine retried %d states%n",
                f.sageMakerCalls.get(), f.sageMakerAttempts.get(), execution.retries());
        TransitionBudget.record("throttled", List.of(execution));
    }

    @Test
    void aLongJobContinuesAsNewExecutionsCarryingItsState() {
        WorkflowFixture f = start(FaultInjection.none());
        ObjectNode input = JSON.createObjectNode();
        input.set("request", WorkflowFixture.request("continued", 3, 1, 2, null));
        input.put("pollsPerExecution", 2);

        List<Execution> executions = f.run("inline-long", input, WorkflowFixture.pauses(300));

        assertThat(executions).hasSizeGreaterThanOrEqualTo(3);
        assertThat(executions).allSatisfy(e -> {
            assertThat(e.succeeded()).as(e.summary()).isTrue();
            assertThat(e.entered("CheckTuningStatus")).as(e.summary()).isBetween(1L, 2L);
        });
        String job = executions.get(0).output().get("job").get("tuningJobName").asText();
        for (int i = 1; i < executions.size(); i++) {
            Execution previous = executions.get(i - 1);
            Execution next = executions.get(i);
            assertThat(previous.entered("ContinueAsNewExecution")).isOne();
            assertThat(next.name()).isEqualTo(job + "-" + (i + 1));
            assertThat(next.entered("StartTuning")).as("a continued execution starts no job").isZero();
            assertThat(next.output().get("job").get("tuningJobName").asText()).isEqualTo(job);
        }
        Execution last = executions.get(executions.size() - 1);
        assertThat(last.entered("TuningJobCompleted")).isOne();
        assertThat(last.output().get("published").get("best").asText()).isEqualTo(WorkflowFixture.RESULTS + "/continued/" + job + "/best.json");
        assertThat(last.output().get("generation").asInt()).isEqualTo(executions.size());
        assertThat(f.lambda.invocations("StartTuning")).isOne();
        assertThat(f.tuningJobs()).isOne();
        TransitionBudget.record("continue-as-new every 2 checks", executions);
        TransitionBudget.assertLoopCostsAtMost(executions, TransitionBudget.TRANSITIONS_PER_CHECK);
    }

    @Test
    void scheduledRunsChainWarmStartsFromThePipelinesLatestJob() {
        WorkflowFixture f = start(FaultInjection.none());
        f.put("requests/nightly.json", WorkflowFixture.request("nightly", 2, 2, 0, null));

        Execution first = single(f.run("nightly-1", nightly("2026-11-12"), WorkflowFixture.pauses(300)));
        assertThat(first.succeeded()).as(first.summary()).isTrue();
        assertThat(first.output().get("job").get("warmStartParent").isNull()).as("the first run has nothing to start from").isTrue();
        String night1 = first.output().get("job").get("tuningJobName").asText();
        assertThat(f.sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(night1)).warmStartConfig()).isNull();

        Execution second = single(f.run("nightly-2", nightly("2026-11-13"), WorkflowFixture.pauses(300)));
        assertThat(second.succeeded()).as(second.summary()).isTrue();
        String night2 = second.output().get("job").get("tuningJobName").asText();
        assertThat(night2).isNotEqualTo(night1);
        assertThat(second.output().get("job").get("warmStartParent").asText()).isEqualTo(night1);
        var described = f.sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(night2));
        assertThat(described.warmStartConfig().warmStartTypeAsString()).as("the default for a schedule").isEqualTo("IdenticalDataAndAlgorithm");
        assertThat(parents(described)).containsExactly(night1);
        assertThat(f.read(WorkflowFixture.RESULTS + "/nightly/latest.json").get("tuningJobName").asText()).isEqualTo(night2);

        Execution third = single(f.run("nightly-3", nightly("2026-11-14"), WorkflowFixture.pauses(300)));
        assertThat(third.succeeded()).as(third.summary()).isTrue();
        String night3 = third.output().get("job").get("tuningJobName").asText();
        assertThat(parents(f.sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(night3))))
                .as("the chain: the latest job and the parents it had").containsExactly(night1, night2);
    }

    private static JsonNode nightly(String day) {
        return json("{\"pipeline\": \"nightly\", \"warmStartFromLatest\": true, \"scheduledTime\": \"" + day + "T03:00:00Z\"}");
    }

    private static java.util.List<String> parents(software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse job) {
        return job.warmStartConfig().parentHyperParameterTuningJobs().stream()
                .map(software.amazon.awssdk.services.sagemaker.model.ParentHyperParameterTuningJob::hyperParameterTuningJobName).toList();
    }

    @Test
    void aDatasetUploadStartsItsPipelinesRequest() {
        WorkflowFixture f = start(FaultInjection.none());
        f.put("requests/digits.json", WorkflowFixture.request("digits", 1, 1, 0, null));

        Execution execution = single(f.run("dataset-upload", WorkflowFixture.objectCreated("datasets/digits/2026-11-12/train.csv"),
                WorkflowFixture.pauses(300)));

        assertThat(execution.succeeded()).as(execution.summary()).isTrue();
        assertThat(execution.output().get("job").get("request").asText()).isEqualTo("s3://tuning/requests/digits.json");
        assertThat(execution.output().get("job").get("tuningJobName").asText()).startsWith("digits-");
    }

    private static Execution single(List<Execution> executions) {
        assertThat(executions).hasSize(1);
        return executions.get(0);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
