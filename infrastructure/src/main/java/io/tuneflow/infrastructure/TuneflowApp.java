package io.tuneflow.infrastructure;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: one {@link TuneflowStack}, checked by cdk-nag's AwsSolutions rules at every synth (an unsuppressed
 * finding fails {@code cdk synth}). Run by {@code cdk synth}/{@code cdk deploy} through {@code cdk.json}, or without
 * the CDK CLI by {@code mvn -pl functions,infrastructure -am package -DskipTests -Dsynth}, which writes
 * {@code infrastructure/cdk.out}.
 */
public final class TuneflowApp {

    private TuneflowApp() {
    }

    public static void main(String[] args) {
        App app = new App(AppProps.builder().outdir(outdir()).build());
        build(app);
        app.synth();
    }

    /** The app's stacks and checks, for {@link #main} and the tests. */
    public static TuneflowStack build(App app) {
        Object name = app.getNode().tryGetContext("stackName");
        TuneflowStack stack = new TuneflowStack(app, name == null ? "Tuneflow" : name.toString(), StackProps.builder()
                .description("Tuneflow: serverless SageMaker hyperparameter tuning")
                .env(environment())
                .build());
        Aspects.of(app).add(new AwsSolutionsChecks());
        return stack;
    }

    /** The CLI's account and region when it gives them; without, the stack is environment-agnostic. */
    private static Environment environment() {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        return account == null && region == null ? null : Environment.builder().account(account).region(region).build();
    }

    /** The CLI says where to write (CDK_OUTDIR); without the CLI, infrastructure/cdk.out. */
    private static String outdir() {
        String fromCli = System.getenv("CDK_OUTDIR");
        if (fromCli != null && !fromCli.isBlank()) {
            return fromCli;
        }
        String module = System.getProperty("tuneflow.infrastructure");
        return Path.of(module != null ? module : ".").resolve("cdk.out").toString();
    }
}
