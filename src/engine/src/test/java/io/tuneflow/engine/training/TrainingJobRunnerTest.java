package io.tuneflow.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tuneflow.core.metrics.MetricSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;

/** Real trainer processes under the SageMaker training contract: a Python script-mode trainer and shell trainers. */
class TrainingJobRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean pythonAvailable;

    @TempDir
    Path tmp;

    private final TrainingJobRunner runner = new TrainingJobRunner(new LocalSourceFetcher(), "python3", Duration.ofSeconds(2));

    @BeforeAll
    static void detectPython() {
        try {
            pythonAvailable = new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            pythonAvailable = false;
        }
    }

    private static final String TRAIN_PY = """
            import argparse, json, os, sys
            parser = argparse.ArgumentParser()
            parser.add_argument("--learning_rate", type=float)
            parser.add_argument("--epochs", type=int)
            parser.add_argument("--optimizer")
            args, unknown = parser.parse_known_args()
            base = os.environ["SAGEMAKER_BASE_DIR"]
            hps = json.load(open(os.path.join(base, "input/config/hyperparameters.json")))
            with open(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "data.csv")) as f:
                rows = len(f.readlines())
            report = {"argv": sys.argv[1:], "unknown": unknown, "hps_file": hps, "rows": rows,
                      "sm_hps": json.loads(os.environ["SM_HPS"]), "channels": json.loads(os.environ["SM_CHANNELS"]),
                      "model_dir": os.environ["SM_MODEL_DIR"], "log_level": os.environ["SM_LOG_LEVEL"],
                      "user_args": json.loads(os.environ["SM_USER_ARGS"]), "cwd": os.getcwd(),
                      "training_env": json.loads(os.environ["SM_TRAINING_ENV"])["hyperparameters"]}
            json.dump(report, open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "report.json"), "w"))
            for epoch in range(1, args.epochs + 1):
                print("epoch %d loss = %.4f" % (epoch, args.learning_rate * 10 / epoch))
                print("validation accuracy: %.3f" % (0.5 + epoch / 10.0), file=sys.stderr)
            open(os.path.join(os.environ["SM_MODEL_DIR"], "weights.txt"), "w").write("w=%s" % args.learning_rate)
            """;

    private TrainingJobSpec spec(String name, Map<String, String> hps, Duration maxRuntime) throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data-" + name));
        Files.writeString(data.resolve("data.csv"), "1,2\n3,4\n5,6\n");
        return new TrainingJobSpec(name, hps, "763104351884.dkr.ecr.us-east-1.amazonaws.com/tensorflow-training:2.13-cpu-py310",
                List.of(MetricDefinition.builder().name("loss").regex("loss = ([0-9\\.]+)").build(),
                        MetricDefinition.builder().name("accuracy").regex("accuracy: ([0-9\\.]+)").build()),
                Map.of("SM_LOG_LEVEL", "10"), Map.of("train", data), "ml.m5.large", 1, maxRuntime);
    }

    @Test
    void scriptModeTrainerRunsUnderTheSageMakerContract() throws Exception {
        assumeTrue(pythonAvailable, "python3 is not installed");
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("train.py"), TRAIN_PY);
        Path sourceTarGz = tmp.resolve("sourcedir.tar.gz");
        Archives.packTarGz(source, sourceTarGz);
        Map<String, String> hps = Map.of(
                "learning_rate", "0.01", "epochs", "3", "optimizer", "\"adam\"", "_tuning_objective_metric", "loss",
                "sagemaker_program", "\"train.py\"", "sagemaker_submit_directory", "\"" + sourceTarGz.toUri() + "\"",
                "sagemaker_region", "\"us-east-1\"");
        JobDirectory dir = JobDirectory.create(tmp.resolve("job-1"));

        TrainingOutcome outcome = runner.start(spec("tf-mnist-hpo-001-1a2b3c4d", hps, Duration.ofMinutes(2)), dir, null).await();

        assertThat(outcome.status()).as(Files.readString(outcome.log())).isEqualTo("Completed");
        assertThat(outcome.exitCode()).isZero();
        assertThat(finalValue(outcome.metrics(), "loss")).isEqualTo(0.0333);
        assertThat(finalValue(outcome.metrics(), "accuracy")).isEqualTo(0.8); // from stderr
        JsonNode report = JSON.readTree(dir.outputData().resolve("report.json").toFile());
        // hyperparameters as --name value, sorted, decoded and printed as Python does; sagemaker_* withheld
        assertThat(report.get("argv")).extracting(JsonNode::asText).containsExactly(
                "--_tuning_objective_metric", "loss", "--epochs", "3", "--learning_rate", "0.01", "--optimizer", "adam");
        assertThat(report.get("unknown")).extracting(JsonNode::asText).containsExactly("--_tuning_objective_metric", "loss");
        assertThat(report.get("hps_file").get("optimizer").asText()).isEqualTo("\"adam\"");
        assertThat(report.get("sm_hps").get("learning_rate").asDouble()).isEqualTo(0.01);
        assertThat(report.get("sm_hps").has("sagemaker_program")).isFalse();
        assertThat(report.get("channels")).extracting(JsonNode::asText).containsExactly("train");
        assertThat(report.get("rows").asInt()).isEqualTo(3);
        assertThat(report.get("log_level").asText()).isEqualTo("10");
        assertThat(report.get("model_dir").asText()).isEqualTo(dir.model().toString());
        assertThat(report.get("cwd").asText()).isEqualTo(dir.code().toRealPath().toString());
        assertThat(report.get("training_env").get("epochs").asInt()).isEqualTo(3);
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
        Archives.unpackTarGz(outcome.modelArtifact(), unpacked);
        assertThat(unpacked.resolve("weights.txt")).hasContent("w=0.01");
        assertThat(outcome.outputArtifact()).isNotNull().exists();
        assertThat(Files.readString(outcome.log())).contains("epoch 3 loss = 0.0333").contains("validation accuracy: 0.800");
        assertThat(outcome.billableSeconds()).isPositive();
    }

    @Test
    void aTrainerThatWritesOutputFailureFailsWithThatReason() throws Exception {
        JobDirectory dir = JobDirectory.create(tmp.resolve("job-2"));
        TrainerLaunch command = new TrainerLaunch(List.of("/bin/sh", "-c",
                "echo 'loss = 0.9'; printf 'ValueError: batch size must be positive' > \"$SM_OUTPUT_DIR/failure\"; exit 3"),
                dir.root(), null);
        TrainingOutcome outcome = runner.start(spec("job-2", Map.of("batch_size", "-1"), Duration.ofMinutes(1)), dir, command).await();
        assertThat(outcome.status()).isEqualTo("Failed");
        assertThat(outcome.secondaryStatus()).isEqualTo("Failed");
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.failureReason()).isEqualTo("AlgorithmError: ValueError: batch size must be positive");
        assertThat(finalValue(outcome.metrics(), "loss")).isEqualTo(0.9);
    }

    @Test
    void aFailureWithoutAFailureFilePointsAtTheLog() throws Exception {
        JobDirectory dir = JobDirectory.create(tmp.resolve("job-3"));
        TrainerLaunch command = new TrainerLaunch(List.of("/bin/sh", "-c", "echo boom >&2; exit 1"), dir.root(), null);
        TrainingOutcome outcome = runner.start(spec("job-3", Map.of(), Duration.ofMinutes(1)), dir, command).await();
        assertThat(outcome.status()).isEqualTo("Failed");
        assertThat(outcome.failureReason()).isEqualTo("AlgorithmError: See job logs for more information (exit code 1)");
        assertThat(Files.readString(outcome.log())).contains("boom");
    }

    @Test
    void maxRuntimeStopsTheTrainerAndItsChildren() throws Exception {
        JobDirectory dir = JobDirectory.create(tmp.resolve("job-4"));
        Path pidFile = tmp.resolve("child.pid");
        TrainerLaunch command = new TrainerLaunch(List.of("/bin/sh", "-c",
                "echo model > \"$SM_MODEL_DIR/partial.txt\"; sleep 300 & echo $! > " + pidFile + "; wait"), dir.root(), null);
        Instant before = Instant.now();
        TrainingOutcome outcome = runner.start(spec("job-4", Map.of(), Duration.ofSeconds(1)), dir, command).await();
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(outcome.status()).isEqualTo("Stopped");
        assertThat(outcome.secondaryStatus()).isEqualTo("MaxRuntimeExceeded");
        assertThat(outcome.exitCode()).isNull();
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(endsSoon(child)).as("child process killed").isTrue();
        Path unpacked = Files.createDirectories(tmp.resolve("unpacked-4"));
        Archives.unpackTarGz(outcome.modelArtifact(), unpacked); // SageMaker keeps the model of a stopped job
        assertThat(unpacked.resolve("partial.txt")).exists();
    }

    @Test
    void processesATrainerLeavesBehindEndWithIt() throws Exception {
        JobDirectory dir = JobDirectory.create(tmp.resolve("job-8"));
        Path pidFile = tmp.resolve("orphan.pid");
        TrainerLaunch command = new TrainerLaunch(List.of("/bin/sh", "-c",
                "sleep 300 > /dev/null 2>&1 & echo $! > " + pidFile + "; echo 'loss = 0.1'"), dir.root(), null);
        TrainingOutcome outcome = runner.start(spec("job-8", Map.of(), Duration.ofMinutes(1)), dir, command).await();
        assertThat(outcome.status()).isEqualTo("Completed");
        long orphan = Long.parseLong(Files.readString(pidFile).strip());
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.isDirectory(Path.of("/proc")), "needs setsid and /proc");
        assertThat(endsSoon(orphan)).as("the trainer's background process ended with it").isTrue();
    }

    @Test
    void stopEndsARunningJobAndMetricsAreVisibleWhileItRuns() throws Exception {
        JobDirectory dir = JobDirectory.create(tmp.resolve("job-5"));
        TrainerLaunch command = new TrainerLaunch(List.of("/bin/sh", "-c", "echo 'loss = 0.42'; exec sleep 300"), dir.root(), null);
        RunningTrainingJob job = runner.start(spec("job-5", Map.of(), Duration.ofMinutes(5)), dir, command);
        Instant deadline = Instant.now().plusSeconds(20);
        while (finalValueOrNull(job.metrics(), "loss") == null && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertThat(finalValueOrNull(job.metrics(), "loss")).as("metric seen while the job runs").isEqualTo(0.42);
        job.stop();
        TrainingOutcome outcome = job.await();
        assertThat(outcome.status()).isEqualTo("Stopped");
        assertThat(outcome.secondaryStatus()).isEqualTo("Stopped");
    }

    @Test
    void nonScriptModeImagesNeedALocalCommand() throws IOException {
        JobDirectory dir = JobDirectory.create(tmp.resolve("job-6"));
        assertThatThrownBy(() -> runner.start(spec("job-6", Map.of(), Duration.ofMinutes(1)), dir, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Tuneflow.LocalImages");
    }

    @Test
    void aMissingProgramIsReported() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("empty-source"));
        JobDirectory dir = JobDirectory.create(tmp.resolve("job-7"));
        Map<String, String> hps = Map.of("sagemaker_program", "\"train.py\"", "sagemaker_submit_directory", "\"" + source + "\"");
        assertThatThrownBy(() -> runner.start(spec("job-7", hps, Duration.ofMinutes(1)), dir, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("train.py is not in the training code");
    }

    /** SIGKILL is delivered asynchronously: the kernel gets a bounded moment to end the process. */
    private static boolean endsSoon(long pid) throws IOException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (running(pid) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        return !running(pid);
    }

    /** Alive and not a zombie: a killed orphan stays in the table until PID 1 reaps it, which a container may never do. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.exists(stat)) {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static double finalValue(List<MetricSeries> metrics, String name) {
        Double value = finalValueOrNull(metrics, name);
        assertThat(value).as("metric %s has a value", name).isNotNull();
        return value;
    }

    private static Double finalValueOrNull(List<MetricSeries> metrics, String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst()
                .filter(m -> m.finalValue().isPresent()).map(m -> m.finalValue().getAsDouble()).orElse(null);
    }
}
