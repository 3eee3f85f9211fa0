package io.tuneflow.infrastructure;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;

/** Test stacks: one orchestrator in a stack of its own, checked by cdk-nag as the app checks itself. */
final class Stacks {

    static final String ROLE_ARN = "arn:aws:iam::111122223333:role/sagemaker-tuning";
    static final String FUNCTIONS_JAR = System.getProperty("tuneflow.functionsJar");

    private Stacks() {
    }

    record Synthesised(Stack stack, TuningOrchestrator orchestrator, Template template) {

        /** Each error annotation (cdk-nag's findings among them) as "path: message". */
        List<String> nagErrors() {
            return describe(Annotations.fromStack(stack).findError("*", Match.anyValue()));
        }

        List<String> nagWarnings() {
            return describe(Annotations.fromStack(stack).findWarning("*", Match.anyValue()));
        }
    }

    static List<String> describe(List<SynthesisMessage> messages) {
        return messages.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
    }

    static Synthesised orchestrator(Consumer<TuningOrchestratorProps.Builder> settings) {
        return orchestrator(null, settings);
    }

    /** In a stack deployed to {@code environment} (its ARNs then carry literal region and account), or agnostic. */
    static Synthesised orchestrator(software.amazon.awscdk.Environment environment, Consumer<TuningOrchestratorProps.Builder> settings) {
        App app = new App();
        Stack stack = new Stack(app, "Test", software.amazon.awscdk.StackProps.builder().env(environment).build());
        IRole role = Role.fromRoleArn(stack, "Role", ROLE_ARN);
        TuningOrchestratorProps.Builder props = TuningOrchestratorProps.builder()
                .executionRoles(List.of(role))
                .functionsJar(FUNCTIONS_JAR);
        settings.accept(props);
        TuningOrchestrator orchestrator = new TuningOrchestrator(stack, "Tuneflow", props.build());
        Aspects.of(app).add(new AwsSolutionsChecks());
        return new Synthesised(stack, orchestrator, Template.fromStack(stack));
    }
}
