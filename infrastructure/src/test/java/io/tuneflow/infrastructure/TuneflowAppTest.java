package io.tuneflow.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The example app as `cdk synth` builds it, nag checks included. */
class TuneflowAppTest {

    @TempDir
    Path out;

    @Test
    void theExampleStackSynthesisesCleanWithItsOwnExecutionRole() {
        App app = new App(AppProps.builder().outdir(out.toString()).build());
        TuneflowStack stack = TuneflowApp.build(app);
        app.synth();

        assertThat(Stacks.describe(Annotations.fromStack(stack).findError("*", Match.anyValue()))).isEmpty();
        assertThat(Stacks.describe(Annotations.fromStack(stack).findWarning("*", Match.anyValue()))).isEmpty();
        assertThat(out.resolve("Tuneflow.template.json")).isRegularFile();
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(java.util.List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "sagemaker.amazonaws.com"))))))))));
        template.hasResourceProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of("ScheduleExpression", "cron(0 3 * * ? *)")));
        template.hasOutput("BucketName", Match.anyValue());
        template.hasOutput("ExecutionRoleArn", Match.anyValue());
        template.hasOutput("StateMachineArn", Match.anyValue());
        template.hasOutput("NotificationTopicArn", Match.anyValue());
    }

    @Test
    void contextNamesAnExistingRoleAnotherScheduleAndAnEmail() {
        App app = new App(AppProps.builder().outdir(out.toString()).context(Map.of(
                "executionRoleArn", "arn:aws:iam::111122223333:role/team-sagemaker",
                "schedule", "rate(1 day)",
                "pipeline", "churn",
                "notificationEmail", "ml-platform@example.com")).build());
        TuneflowStack stack = TuneflowApp.build(app);
        Template template = Template.fromStack(stack);

        assertThat(Stacks.describe(Annotations.fromStack(stack).findError("*", Match.anyValue()))).isEmpty();
        template.resourcePropertiesCountIs("AWS::IAM::Role", Match.objectLike(Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(java.util.List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "sagemaker.amazonaws.com"))))))))), 0);
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(java.util.List.of(Match.objectLike(Map.of(
                        "Action", "iam:PassRole", "Resource", "arn:aws:iam::111122223333:role/team-sagemaker")))))))));
        template.hasResourceProperties("AWS::Scheduler::Schedule", Match.objectLike(Map.of("ScheduleExpression", "rate(1 day)")));
        template.hasResourceProperties("AWS::SNS::Subscription", Match.objectLike(Map.of("Protocol", "email",
                "Endpoint", "ml-platform@example.com")));
    }
}
