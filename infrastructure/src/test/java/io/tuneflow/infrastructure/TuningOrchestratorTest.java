package io.tuneflow.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tuneflow.core.orchestration.TuningJobNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;

/** The construct's resources as CloudFormation sees them: CDK synth, Template assertions, cdk-nag. */
class TuningOrchestratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stacks.Synthesised full;
    private static JsonNode template;

    @BeforeAll
    static void synthesise() {
        full = Stacks.orchestrator(p -> p
                .notifications(true)
                .schedule(RetrainingSchedule.of("digits", ScheduleExpression.expression("cron(0 3 * * ? *)")))
                .schedule(RetrainingSchedule.of("churn", ScheduleExpression.expression("rate(7 days)"))
                        .withRequestKey("requests/team/churn.yaml").withWarmStartType("TransferLearning")));
        template = JSON.valueToTree(full.template().toJSON());
    }

    @Test
    void cdkNagAwsSolutionsFindsNothingUnsuppressed() {
        assertThat(full.nagErrors()).as("AwsSolutions errors").isEmpty();
        assertThat(full.nagWarnings()).as("AwsSolutions warnings").isEmpty();
    }

    @Test
    void fourFunctionsFromTheJarWithTheHandlersTheStateMachineNames() {
        full.template().resourceCountIs("AWS::Lambda::Function", 4);
        for (TuneflowFunction function : TuneflowFunction.values()) {
            full.template().hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", function.handler(),
                    "Runtime", "java25",
                    "Architectures", List.of("arm64"),
                    "MemorySize", 1024,
                    "Timeout", function.timeout().toSeconds())));
        }
        full.template().hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", TuneflowFunction.START_TUNING.handler(),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "TUNEFLOW_JOB_NAME_PREFIX", "tf-",
                        "TUNEFLOW_REQUESTS_PREFIX", "requests/",
                        "TUNEFLOW_DATASETS_PREFIX", "datasets/",
                        "POWERTOOLS_SERVICE_NAME", "tuneflow"))))));
        // Every function logs to a log group of its own with the configured retention; none gets a managed policy.
        full.template().resourcePropertiesCountIs("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 90)), 5);
        for (JsonNode role : resources("AWS::IAM::Role")) {
            assertThat(role.path("Properties").has("ManagedPolicyArns")).as(role.toString()).isFalse();
        }
    }

    @Test
    void theStateMachineIsTheAslFileWithEveryPlaceholderSubstituted() throws IOException {
        JsonNode machine = resources("AWS::StepFunctions::StateMachine").get(0).path("Properties");
        String definition = Files.readString(TuneflowArtifacts.stateMachineDefinition(null));
        Matcher placeholders = Pattern.compile("\\$\\{(\\w+)}").matcher(definition);
        List<String> named = new ArrayList<>();
        while (placeholders.find()) {
            named.add(placeholders.group(1));
        }
        assertThat(named).isNotEmpty();
        assertThat(machine.path("DefinitionSubstitutions").properties().stream().map(Map.Entry::getKey).toList())
                .containsExactlyInAnyOrderElementsOf(named.stream().distinct().toList());
        machine.path("DefinitionSubstitutions").forEach(arn -> assertThat(arn.toString()).contains("Fn::GetAtt"));
        assertThat(machine.path("LoggingConfiguration").path("Level").asText()).isEqualTo("ALL");
        assertThat(machine.path("TracingConfiguration").path("Enabled").asBoolean()).isTrue();
        // Continue-as-new: the state machine may start itself, and nothing else.
        assertThat(statements()).filteredOn(s -> actions(s).contains("states:StartExecution"))
                .allSatisfy(s -> assertThat(s.path("Resource").toString()).contains("TuneflowStateMachine"));
    }

    @Test
    void uploadsBelowTheRequestsAndDatasetsPrefixesStartTheWorkflow() {
        full.template().hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("EventPattern", Map.of(
                "source", List.of("aws.s3"),
                "detail-type", List.of("Object Created"),
                "detail", Map.of(
                        "bucket", Map.of("name", List.of(Map.of("Ref", logicalId("AWS::S3::Bucket")))),
                        "object", Map.of("key", List.of(Map.of("prefix", "requests/"), Map.of("prefix", "datasets/"))))))));
        JsonNode rule = resourceWith("AWS::Events::Rule", "requests/");
        JsonNode target = rule.path("Properties").path("Targets").get(0);
        assertThat(target.path("Arn").path("Ref").asText()).isEqualTo(logicalId("AWS::StepFunctions::StateMachine"));
        assertThat(target.has("Input") || target.has("InputTransformer")).as("the event itself is the input").isFalse();
        assertThat(target.path("DeadLetterConfig").path("Arn").toString()).contains("UndeliveredTriggers");
        // The bucket sends its events to EventBridge natively, without CDK's notifications custom resource.
        full.template().hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("NotificationConfiguration",
                Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true)))));
        full.template().resourceCountIs("Custom::S3BucketNotifications", 0);
    }

    @Test
    void schedulesStartTheirPipelineWithWarmStartAndTheScheduledTime() throws IOException {
        List<JsonNode> schedules = resources("AWS::Scheduler::Schedule");
        assertThat(schedules).hasSize(2);
        JsonNode digits = scheduleInput("cron(0 3 * * ? *)");
        assertThat(digits.path("pipeline").asText()).isEqualTo("digits");
        assertThat(digits.path("warmStartFromLatest").asBoolean()).isTrue();
        assertThat(digits.has("warmStartType")).as("the functions' default, IdenticalDataAndAlgorithm").isFalse();
        assertThat(digits.has("requestKey")).isFalse();
        assertThat(digits.path("scheduledTime").asText()).isEqualTo("<aws.scheduler.scheduled-time>");
        assertThat(digits.path("bucket").asText()).isEqualTo("BUCKET");
        JsonNode churn = scheduleInput("rate(7 days)");
        assertThat(churn.path("requestKey").asText()).isEqualTo("requests/team/churn.yaml");
        assertThat(churn.path("warmStartType").asText()).isEqualTo("TransferLearning");
    }

    @Test
    void sageMakerActionsAreNamedAndScopedToTheJobNamePrefix() {
        List<JsonNode> sageMaker = statements().stream().filter(s -> actions(s).stream().anyMatch(a -> a.startsWith("sagemaker:"))).toList();
        assertThat(sageMaker).isNotEmpty();
        for (JsonNode statement : sageMaker) {
            assertThat(actions(statement)).noneMatch(a -> a.contains("*"));
            assertThat(resourcesOf(statement)).allSatisfy(r -> assertThat(r)
                    .matches(".*:sagemaker:.*:(hyper-parameter-tuning-job|training-job)/tf-\\*\".*"));
        }
        assertThat(statements()).noneMatch(s -> actions(s).contains("*"));
        assertThat(actionsOf("StartTuning")).contains("sagemaker:CreateHyperParameterTuningJob", "sagemaker:ListTags",
                "sagemaker:AddTags", "iam:PassRole").doesNotContain("sagemaker:DescribeTrainingJob", "sagemaker:StopHyperParameterTuningJob");
        assertThat(actionsOf("CheckTuningStatus")).filteredOn(a -> !a.startsWith("logs:"))
                .containsExactly("sagemaker:DescribeHyperParameterTuningJob");
        assertThat(actionsOf("PublishResults")).contains("sagemaker:ListTrainingJobsForHyperParameterTuningJob",
                "sagemaker:DescribeTrainingJob", "s3:PutObject", "cloudwatch:GetMetricData")
                .doesNotContain("sagemaker:CreateHyperParameterTuningJob");
        assertThat(statements()).filteredOn(s -> actions(s).contains("cloudwatch:GetMetricData"))
                .allSatisfy(s -> assertThat(actions(s)).containsExactly("cloudwatch:GetMetricData"));
        assertThat(actionsOf("StartTuning")).doesNotContain("cloudwatch:GetMetricData");
        assertThat(actionsOf("RecordFailure")).noneMatch(a -> a.startsWith("sagemaker:"));
    }

    @Test
    void passRoleOnlyForTheExecutionRolesOnlyToSageMaker() {
        List<JsonNode> passRole = statements().stream().filter(s -> actions(s).contains("iam:PassRole")).toList();
        assertThat(passRole).singleElement().satisfies(s -> {
            assertThat(s.path("Resource").asText()).isEqualTo(Stacks.ROLE_ARN);
            assertThat(s.path("Condition").path("StringEquals").path("iam:PassedToService").asText()).isEqualTo("sagemaker.amazonaws.com");
        });
    }

    @Test
    void s3AccessStaysBelowTheConfiguredPrefixes() {
        for (JsonNode statement : statements()) {
            if (actions(statement).stream().anyMatch(a -> a.startsWith("s3:"))) {
                for (String resource : resourcesOf(statement)) {
                    String objects = resource.replaceAll(".*\"Arn\"]},\"", "");
                    assertThat(resource.endsWith("\"Arn\"]}") /* the bucket itself: ListBucket, so a missing key is a 404 */
                            || objects.startsWith("/requests/") || objects.startsWith("/results/")
                            || objects.startsWith("/datasets/")).as(resource).isTrue();
                }
            }
        }
        assertThat(resourcesOfFunction("RecordFailure", "s3:PutObject")).singleElement().asString().contains("/results/*");
        assertThat(resourcesOfFunction("StartTuning", "s3:PutObject")).singleElement().asString().contains("/requests/*errors/*");
    }

    @Test
    void theBucketIsPrivateEncryptedVersionedAndTlsOnly() {
        full.template().hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "BucketEncryption", Match.objectLike(Map.of()))));
        full.template().hasResourceProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
        full.template().hasResource("AWS::S3::Bucket", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
    }

    @Test
    void notificationsAndAlarmsGoToAnEncryptedTopic() {
        full.template().hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of("KmsMasterKeyId", Match.anyValue())));
        full.template().hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        JsonNode published = resourceWith("AWS::Events::Rule", "latest.json");
        assertThat(published.path("Properties").path("EventPattern").path("detail").path("object").path("key").get(0)
                .path("wildcard").asText()).isEqualTo("results/*/latest.json");
        JsonNode failed = resourceWith("AWS::Events::Rule", "Step Functions Execution Status Change");
        assertThat(failed.path("Properties").path("EventPattern").path("detail").path("status").toString())
                .isEqualTo("[\"FAILED\",\"TIMED_OUT\",\"ABORTED\"]");
        assertThat(failed.path("Properties").path("Targets").get(0).path("Arn").path("Ref").asText()).isEqualTo(logicalId("AWS::SNS::Topic"));
        full.template().resourceCountIs("AWS::CloudWatch::Alarm", 2);
        full.template().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Threshold", 1,
                "AlarmActions", List.of(Map.of("Ref", logicalId("AWS::SNS::Topic"))),
                "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("Expression", "failed + timedOut + aborted")))))));
    }

    @Test
    void anExistingBucketIsUsedNotCreatedAndSnapStartInvokesALiveAlias() {
        Stacks.Synthesised imported = Stacks.orchestrator(software.amazon.awscdk.Environment.builder()
                .account("111122223333").region("eu-west-1").build(), p -> p
                .snapStart(true)
                .architecture(Architecture.X86_64)
                .bucket(Bucket.fromBucketName(new software.amazon.awscdk.Stack(), "Existing", "team-tuning")));
        // (the bucket above lives in another stack only to be imported by name; the orchestrator sees a plain IBucket)
        imported.template().resourceCountIs("AWS::S3::Bucket", 0);
        imported.template().hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"), "Architectures", List.of("x86_64"))));
        imported.template().resourceCountIs("AWS::Lambda::Alias", 4);
        JsonNode machine = JSON.valueToTree(imported.template().toJSON()).path("Resources").properties().stream()
                .map(Map.Entry::getValue).filter(r -> r.path("Type").asText().equals("AWS::StepFunctions::StateMachine"))
                .findFirst().orElseThrow();
        machine.path("Properties").path("DefinitionSubstitutions").forEach(arn -> assertThat(arn.toString()).contains("Live"));
        assertThat(JSON.valueToTree(imported.template().toJSON()).toString()).contains("team-tuning");
        assertThat(imported.nagErrors()).as("with a literal region and account in the ARNs too").isEmpty();
        assertThat(JSON.valueToTree(imported.template().toJSON()).toString()).contains(":sagemaker:eu-west-1:111122223333:hyper-parameter-tuning-job/tf-*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tf-", "prod", "a1-b2-", "x", "TF-", "-tf", "tf_", "prefix-too-long", ""})
    void theConstructAcceptsExactlyThePrefixesTheFunctionsAccept(String prefix) {
        boolean functionsAccept = TuningJobNames.validNamePrefix(prefix) == null;
        if (functionsAccept) {
            assertThat(TuningOrchestratorProps.builder().executionRoles(List.of(role())).jobNamePrefix(prefix).build().jobNamePrefix())
                    .isEqualTo(prefix);
        } else {
            assertThatThrownBy(() -> TuningOrchestratorProps.builder().executionRoles(List.of(role())).jobNamePrefix(prefix).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobNamePrefix").hasMessageContaining("lower-case");
        }
    }

    @Test
    void propsThatCannotWorkAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> TuningOrchestratorProps.builder().build())
                .hasMessageContaining("executionRoles is empty").hasMessageContaining("Role.fromRoleArn");
        assertThatThrownBy(() -> TuningOrchestratorProps.builder().executionRoles(List.of(role()))
                .requestsPrefix("tuning/").resultsPrefix("tuning/results/").build())
                .hasMessageContaining("\"tuning/results/\" is inside \"tuning/\"");
        assertThatThrownBy(() -> TuningOrchestratorProps.builder().executionRoles(List.of(role())).memorySize(256).build())
                .hasMessageContaining("256 MB");
        assertThatThrownBy(() -> TuningOrchestratorProps.builder().executionRoles(List.of(role()))
                .schedule(RetrainingSchedule.of("digits", ScheduleExpression.expression("rate(1 day)")))
                .schedule(RetrainingSchedule.of("digits", ScheduleExpression.expression("rate(2 days)"))).build())
                .hasMessageContaining("Two schedules for pipeline digits");
        assertThatThrownBy(() -> RetrainingSchedule.of("digits", ScheduleExpression.expression("rate(1 day)")).withWarmStartType("Identical"))
                .hasMessageContaining("IdenticalDataAndAlgorithm or TransferLearning");
        assertThatThrownBy(() -> TuneflowArtifacts.functionsJar("/nonexistent/tuneflow-functions.jar"))
                .hasMessageContaining("mvn -B -pl functions -am package -DskipTests");
    }

    // ---- helpers over the template

    private static software.amazon.awscdk.services.iam.IRole role() {
        return software.amazon.awscdk.services.iam.Role.fromRoleArn(new software.amazon.awscdk.Stack(), "R", Stacks.ROLE_ARN);
    }

    private static List<JsonNode> resources(String type) {
        return template.path("Resources").properties().stream().map(Map.Entry::getValue)
                .filter(r -> r.path("Type").asText().equals(type)).toList();
    }

    private static String logicalId(String type) {
        return template.path("Resources").properties().stream().filter(e -> e.getValue().path("Type").asText().equals(type))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static JsonNode resourceWith(String type, String text) {
        return resources(type).stream().filter(r -> r.toString().contains(text)).findFirst().orElseThrow();
    }

    private static JsonNode scheduleInput(String expression) throws IOException {
        JsonNode schedule = resources("AWS::Scheduler::Schedule").stream()
                .filter(s -> s.path("Properties").path("ScheduleExpression").asText().equals(expression)).findFirst().orElseThrow();
        // Input is Fn::Join of literal JSON around the bucket's Ref; put a stand-in for the Ref and read it as JSON.
        StringBuilder input = new StringBuilder();
        schedule.path("Properties").path("Target").path("Input").path("Fn::Join").get(1)
                .forEach(part -> input.append(part.isTextual() ? part.asText() : "BUCKET"));
        return JSON.readTree(input.toString());
    }

    private static List<JsonNode> statements() {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode policy : resources("AWS::IAM::Policy")) {
            policy.path("Properties").path("PolicyDocument").path("Statement").forEach(all::add);
        }
        return all;
    }

    private static List<JsonNode> statementsOf(String function) {
        String roleId = template.path("Resources").properties().stream()
                .filter(e -> e.getValue().path("Type").asText().equals("AWS::IAM::Role") && e.getKey().startsWith("Tuneflow" + function + "Role"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode policy : resources("AWS::IAM::Policy")) {
            if (policy.path("Properties").path("Roles").toString().contains(roleId)) {
                policy.path("Properties").path("PolicyDocument").path("Statement").forEach(all::add);
            }
        }
        return all;
    }

    private static List<String> actionsOf(String function) {
        return statementsOf(function).stream().flatMap(s -> actions(s).stream()).toList();
    }

    private static List<String> resourcesOfFunction(String function, String action) {
        return statementsOf(function).stream().filter(s -> actions(s).contains(action)).flatMap(s -> resourcesOf(s).stream()).toList();
    }

    private static List<String> actions(JsonNode statement) {
        JsonNode action = statement.path("Action");
        return action.isArray() ? StreamSupport.stream(action.spliterator(), false).map(JsonNode::asText).toList() : List.of(action.asText());
    }

    private static List<String> resourcesOf(JsonNode statement) {
        JsonNode resource = statement.path("Resource");
        return resource.isArray() ? StreamSupport.stream(resource.spliterator(), false).map(JsonNode::toString).toList()
                : List.of(resource.toString());
    }

    static Path infrastructureDir() {
        return Path.of(System.getProperty("tuneflow.infrastructure"));
    }
}
