package io.tuneflow.infrastructure;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The example deployment: one orchestrator with a new bucket, an example pipeline retrained nightly, notifications,
 * and — unless an existing role is named — a SageMaker execution role that can read the bucket's training data and
 * code and write models. Settings come from CDK context ({@code cdk deploy -c name=value}):
 *
 * <table>
 *   <tr><td>{@code executionRoleArn}</td><td>an existing SageMaker execution role (default: the stack creates one)</td></tr>
 *   <tr><td>{@code pipeline}</td><td>the example pipeline (default {@code digits})</td></tr>
 *   <tr><td>{@code schedule}</td><td>its retraining schedule (default {@code cron(0 3 * * ? *)}, 03:00 UTC nightly)</td></tr>
 *   <tr><td>{@code notificationEmail}</td><td>an address subscribed to the notifications (default: none)</td></tr>
 *   <tr><td>{@code jobNamePrefix}</td><td>default {@code tf-}</td></tr>
 * </table>
 */
public class TuneflowStack extends Stack {

    /** Where the example role lets training jobs read code and data, and write models. */
    static final String CODE_PREFIX = "code/";
    static final String MODELS_PREFIX = "models/";

    private final TuningOrchestrator orchestrator;

    public TuneflowStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        String pipeline = context("pipeline", "digits");
        String roleArn = context("executionRoleArn", null);

        TuningOrchestratorProps.Builder settings = TuningOrchestratorProps.builder()
                .jobNamePrefix(context("jobNamePrefix", "tf-"))
                .schedule(RetrainingSchedule.of(pipeline, ScheduleExpression.expression(context("schedule", "cron(0 3 * * ? *)"))))
                .notifications(true);
        // The role needs the bucket, and the orchestrator the role: a role created here gets its grants afterwards.
        Role created = roleArn == null ? exampleExecutionRole() : null;
        IRole role = created != null ? created : Role.fromRoleArn(this, "SageMakerExecutionRole", roleArn);
        orchestrator = new TuningOrchestrator(this, "Tuneflow", settings.executionRoles(List.of(role)).build());
        if (created != null) {
            grantTraining(created);
        }
        String email = context("notificationEmail", null);
        if (email != null) {
            ((Topic) orchestrator.notificationTopic().orElseThrow()).addSubscription(new EmailSubscription(email));
        }

        output("BucketName", orchestrator.bucket().getBucketName(), "upload requests to s3://<bucket>/requests/");
        output("ExecutionRoleArn", role.getRoleArn(), "the RoleArn for the requests' TrainingJobDefinition");
        output("StateMachineArn", orchestrator.stateMachine().getStateMachineArn(), "the tuning workflow");
        output("NotificationTopicArn", orchestrator.notificationTopic().orElseThrow().getTopicArn(), "results published, workflows failed");
    }

    public TuningOrchestrator orchestrator() {
        return orchestrator;
    }

    private Role exampleExecutionRole() {
        return Role.Builder.create(this, "SageMakerExecutionRole")
                .assumedBy(new ServicePrincipal("sagemaker.amazonaws.com"))
                .description("Tuneflow example: the role SageMaker's training jobs run with")
                .build();
    }

    /** What a training job needs: its code and data, the model output, its logs and metrics, its image. */
    private void grantTraining(Role role) {
        var bucket = orchestrator.bucket();
        bucket.grantRead(role, "datasets/*");
        bucket.grantRead(role, CODE_PREFIX + "*");
        bucket.grantReadWrite(role, MODELS_PREFIX + "*");
        role.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"))
                .resources(List.of(formatArn(software.amazon.awscdk.ArnComponents.builder().service("logs").resource("log-group")
                        .resourceName("/aws/sagemaker/TrainingJobs*").arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME).build())))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", "/aws/sagemaker/TrainingJobs")))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("ecr:GetAuthorizationToken"))
                .resources(List.of("*"))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"))
                .resources(List.of("arn:" + getPartition() + ":ecr:" + getRegion() + ":*:repository/*"))
                .build());
        NagSuppressions.addResourceSuppressions(role, List.of(
                TuningOrchestrator.suppression("AwsSolutions-IAM5", "PutMetricData and GetAuthorizationToken have no resource-level "
                        + "permissions; PutMetricData is limited to SageMaker's training namespace by condition.", "Resource::*"),
                TuningOrchestrator.suppressionMatching("AwsSolutions-IAM5", "SageMaker's prebuilt training images are in AWS-owned "
                        + "registries whose accounts differ by region and framework.", "Resource::arn:<AWS::Partition>:ecr:" + TuningOrchestrator.REGION + ":\\*:repository/\\*"),
                TuningOrchestrator.suppressionMatching("AwsSolutions-IAM5", "Training logs go to SageMaker's log group, streams named per job.",
                        "Resource::arn:<AWS::Partition>:logs:" + TuningOrchestrator.REGION + ":" + TuningOrchestrator.ACCOUNT + ":log-group:/aws/sagemaker/TrainingJobs\\*"),
                TuningOrchestrator.suppressionMatching("AwsSolutions-IAM5", "CDK's S3 grants on the data, code and model prefixes.",
                        "(Action::s3:[A-Za-z]+\\*|Resource::<[A-Za-z0-9]+\\.Arn>/[a-z]+/\\*)")), true);
    }

    private String context(String key, String fallback) {
        Object value = getNode().tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    private void output(String name, String value, String description) {
        CfnOutput.Builder.create(this, name).value(value).description(description).build();
    }
}
