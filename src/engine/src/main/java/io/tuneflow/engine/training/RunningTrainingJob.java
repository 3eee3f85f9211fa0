package io.tuneflow.engine.training;

import io.tuneflow.core.metrics.LogStream;
import io.tuneflow.core.metrics.MetricExtractor;
import io.tuneflow.core.metrics.MetricListener;
import io.tuneflow.core.metrics.MetricSeries;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A trainer process while it runs: its output goes to the job's log and through the metric extractor as it
 * arrives; {@link #await()} enforces MaxRuntimeInSeconds and returns the outcome; {@link #stop()} stops it the way
 * StopTrainingJob does (terminate, then kill after a grace period).
 */
public final class RunningTrainingJob {

    private static final int FAILURE_REASON_LIMIT = 1024;

    private final TrainingJobSpec spec;
    private final JobDirectory dir;
    private final Process process;
    private final MetricExtractor extractor;
    private final Instant start;
    private final Duration stopGracePeriod;
    private final Writer log;
    private final Thread stdout;
    private final Thread stderr;
    private volatile boolean stopRequested;
    private TrainingOutcome outcome;

    RunningTrainingJob(TrainingJobSpec spec, JobDirectory dir, Process process, Duration stopGracePeriod, Instant start,
                       MetricListener listener) throws IOException {
        this.spec = spec;
        this.dir = dir;
        this.process = process;
        this.stopGracePeriod = stopGracePeriod;
        this.start = start;
        this.extractor = MetricExtractor.create(spec.metricDefinitions(), listener);
        this.log = new BufferedWriter(Files.newBufferedWriter(dir.log(), StandardCharsets.UTF_8));
        this.stdout = pump(process.getInputStream(), "stdout");
        this.stderr = pump(process.getErrorStream(), "stderr");
    }

    /** When the trainer's process started: SageMaker's TrainingStartTime. */
    public Instant startTime() {
        return start;
    }

    /** The trainer's process id. */
    public long pid() {
        return process.pid();
    }

    /** The metric values found so far: what the engine uses for early stopping and progress. */
    public List<MetricSeries> metrics() {
        return extractor.snapshot();
    }

    /** Stops the job (StopTrainingJob); {@link #await()} then returns status Stopped. */
    public void stop() {
        stopRequested = true;
        terminate();
    }

    /** Waits for the trainer to end (or for MaxRuntimeInSeconds, then stops it) and packs its artifacts. */
    public synchronized TrainingOutcome await() throws InterruptedException {
        if (outcome != null) {
            return outcome;
        }
        long remaining = spec.maxRuntime().toMillis() - Duration.between(start, Instant.now()).toMillis();
        boolean exited = process.waitFor(Math.max(0, remaining), TimeUnit.MILLISECONDS);
        boolean timedOut = !exited;
        if (timedOut) {
            terminate();
        }
        process.waitFor();
        TrainerSession.killRemaining(process.pid()); // what the trainer left running ends with it, as in a container
        Instant end = Instant.now();
        stdout.join();
        stderr.join();
        closeLog();
        outcome = finish(timedOut, end);
        return outcome;
    }

    private TrainingOutcome finish(boolean timedOut, Instant end) {
        Integer exitCode = timedOut || stopRequested ? null : process.exitValue();
        String status;
        String secondary;
        String failure = null;
        if (timedOut) {
            status = "Stopped";
            secondary = "MaxRuntimeExceeded";
        } else if (stopRequested) {
            status = "Stopped";
            secondary = "Stopped";
        } else if (exitCode == 0) {
            status = "Completed";
            secondary = "Completed";
        } else {
            status = "Failed";
            secondary = "Failed";
            failure = failureReason(exitCode);
        }
        try {
            java.nio.file.Path model = dir.artifacts().resolve("model.tar.gz");
            Archives.packTarGz(dir.model(), model);
            java.nio.file.Path output = null;
            if (hasFiles(dir.outputData())) {
                output = dir.artifacts().resolve("output.tar.gz");
                Archives.packTarGz(dir.outputData(), output);
            }
            return new TrainingOutcome(status, secondary, failure, exitCode, start, end, extractor.snapshot(), dir.log(),
                    model, output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pack the artifacts of " + spec.trainingJobName(), e);
        }
    }

    /** SageMaker's FailureReason: what the trainer wrote to output/failure, else a pointer to the log. */
    private String failureReason(int exitCode) {
        try {
            if (Files.isRegularFile(dir.failureFile())) {
                String written = Files.readString(dir.failureFile(), StandardCharsets.UTF_8).strip();
                if (!written.isEmpty()) {
                    String reason = "AlgorithmError: " + written;
                    return reason.length() <= FAILURE_REASON_LIMIT ? reason : reason.substring(0, FAILURE_REASON_LIMIT);
                }
            }
        } catch (IOException e) {
            // an unreadable failure file is reported like a missing one
        }
        return "AlgorithmError: See job logs for more information (exit code " + exitCode + ")";
    }

    private static boolean hasFiles(java.nio.file.Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.findAny().isPresent();
        }
    }

    /** SIGTERM to the trainer and everything it started, then SIGKILL after the grace period. */
    private void terminate() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(stopGracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        TrainerSession.killRemaining(process.pid());
    }

    private Thread pump(InputStream in, String name) {
        Thread thread = new Thread(() -> copy(in), spec.trainingJobName() + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void copy(InputStream in) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        char[] buffer = new char[8192];
        try (LogStream metrics = extractor.openStream()) {
            int n;
            while ((n = reader.read(buffer)) > 0) {
                metrics.write(buffer, 0, n);
                synchronized (log) {
                    log.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended and closed the pipe; what arrived is in the log
        }
    }

    private void closeLog() {
        try {
            synchronized (log) {
                log.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the log of " + spec.trainingJobName(), e);
        }
    }
}
