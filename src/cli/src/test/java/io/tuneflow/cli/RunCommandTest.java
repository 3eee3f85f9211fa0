package io.tuneflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the quickstart runs 9 real trials and leaves result files that agree with each other. */
class RunCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theQuickstartRunsAndPublishesFilesThatAgree() throws Exception {
        Path results = tmp.resolve("results");
        CliRun run = CliRun.of("run", "../../examples/quickstart/request.json", "--workspace", tmp.resolve("ws").toString(),
                "--results", results.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Completed").contains("9 completed, 0 failed").contains("Best: quickstart-");

        Path job;
        try (Stream<Path> dirs = Files.list(results.resolve("quickstart"))) {
            job = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode best = JSON.readTree(job.resolve("best.json").toFile());
        JsonNode trials = JSON.readTree(job.resolve("trials.json").toFile());
        JsonNode latest = JSON.readTree(results.resolve("quickstart/latest.json").toFile());
        List<String> csv = Files.readAllLines(job.resolve("trials.csv"));

        assertThat(trials.get("trials")).hasSize(9);
        assertThat(csv).hasSize(10);
        double lowest = Double.MAX_VALUE;
        String lowestName = null;
        for (JsonNode trial : trials.get("trials")) {
            assertThat(trial.get("status").asText()).isEqualTo("Completed");
            if (trial.get("objective").asDouble() < lowest) {
                lowest = trial.get("objective").asDouble();
                lowestName = trial.get("name").asText();
            }
        }
        assertThat(best.get("bestTrainingJob").get("name").asText()).isEqualTo(lowestName);
        assertThat(best.get("objective").get("value").asDouble()).isEqualTo(lowest);
        assertThat(latest.get("bestTrainingJob").asText()).isEqualTo(lowestName);
        assertThat(latest.get("tuningJobName").asText()).isEqualTo(best.get("tuningJobName").asText());
        // the tuner found a clearly better model than the worst trial: the learning rate matters for this data
        double worst = 0;
        for (JsonNode trial : trials.get("trials")) {
            worst = Math.max(worst, trial.get("objective").asDouble());
        }
        assertThat(lowest).isLessThan(worst);
        assertThat(lowest).isLessThan(0.45);
    }

    @Test
    void theScikitLearnExampleRunsInScriptModeUnchanged() throws Exception {
        boolean sklearn;
        try {
            sklearn = new ProcessBuilder("python3", "-c", "import sklearn").start().waitFor() == 0;
        } catch (java.io.IOException e) {
            sklearn = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(sklearn, "python3 with scikit-learn is not installed (.ci/run installs it)");
        CliRun run = CliRun.of("run", "../../examples/digits-sklearn/request.json", "--workspace", tmp.resolve("ws").toString(),
                "--results", tmp.resolve("results").toString(), "--quiet");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("6 completed, 0 failed");
        Path job;
        try (Stream<Path> dirs = Files.list(tmp.resolve("results/digits"))) {
            job = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JsonNode best = JSON.readTree(job.resolve("best.json").toFile());
        assertThat(best.get("objective").get("value").asDouble()).isGreaterThan(0.9);
        assertThat(best.get("bestTrainingJob").get("modelArtifact").asText()).startsWith("s3://tuneflow-digits/output/");
    }

    @Test
    void ctrlCStopsTheTuningJobAndPublishesWhatExists() throws Exception {
        // The quickstart with a trainer that reports a loss and then trains "forever", run as its own process.
        Path example = Files.createDirectories(tmp.resolve("slow"));
        Files.writeString(example.resolve("request.json"), Files.readString(Path.of("../../examples/quickstart/request.json"))
                .replace("[\"java\", \"Train.java\"]", "[\"sh\", \"-c\", \"echo 'validation loss = 0.5'; exec sleep 300\"]")
                .replace("\"data/\"", "\"" + Path.of("../../examples/quickstart/data").toAbsolutePath().normalize() + "/\""));
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(interruptibleLaunch());
        command.addAll(List.of(javaCommand, "-cp", System.getProperty("java.class.path"), TuneflowCommand.class.getName(),
                "run", example.resolve("request.json").toString(), "--workspace", tmp.resolve("ws").toString(),
                "--results", tmp.resolve("results").toString()));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        java.io.BufferedReader output = new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("(3 running")) {
                break; // three trials are training: now the user presses Ctrl-C
            }
        }
        assertThat(seen.toString()).contains("(3 running");
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
        }
        assertThat(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(seen.toString()).isEqualTo(1);
        assertThat(seen.toString()).contains("Stopping quickstart-").contains(": Stopped after").contains("3 stopped")
                .contains("Results:");
        try (Stream<Path> dirs = Files.list(tmp.resolve("results/quickstart"))) {
            Path job = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            assertThat(JSON.readTree(job.resolve("best.json").toFile()).get("status").asText()).isEqualTo("Stopped");
            assertThat(JSON.readTree(job.resolve("trials.json").toFile()).get("trials")).hasSize(3);
        }
    }

    /**
     * A process started in the background by a non-interactive shell (CI, nohup) ignores SIGINT, children inherit that, and the
     * JVM then installs no handler: the CLI rightly keeps ignoring it. The test plays a terminal user, so it gives the child
     * the default disposition back (GNU env) when this JVM was started that way.
     */
    private static List<String> interruptibleLaunch() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return List.of();
        }
        String ignored = Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> l.substring("SigIgn:".length()).trim()).orElse("0");
        boolean sigintIgnored = (new java.math.BigInteger(ignored, 16).longValue() & (1L << 1)) != 0; // bit n-1 is signal n
        return sigintIgnored ? List.of("env", "--default-signal=INT") : List.of();
    }

    @Test
    void anInvalidRequestStartsNothingAndExitsTwo() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), Files.readString(Path.of("../../examples/quickstart/request.json"))
                .replace("\"Strategy\": \"Bayesian\"", "\"Strategy\": \"bayesian\""));
        CliRun run = CliRun.of("run", bad.toString(), "--workspace", tmp.resolve("ws").toString(), "--quiet");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("invalid, nothing was started").contains("$.HyperParameterTuningJobConfig.Strategy");
    }
}
