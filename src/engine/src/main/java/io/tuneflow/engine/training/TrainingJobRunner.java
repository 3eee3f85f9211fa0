package io.tuneflow.engine.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Starts training jobs as local processes under the SageMaker training contract: prepares the job's directory and
 * environment ({@link TrainingContract}), resolves what to run ({@link ScriptMode} or a local image command), and
 * hands back a {@link RunningTrainingJob}.
 */
public final class TrainingJobRunner {

    private final SourceFetcher sources;
    private final String python;
    private final Duration stopGracePeriod;

    /**
     * @param sources         where script-mode code comes from
     * @param python          the Python that runs {@code .py} entry points (e.g. {@code python3})
     * @param stopGracePeriod how long a stopped trainer may take to exit before it is killed
     */
    public TrainingJobRunner(SourceFetcher sources, String python, Duration stopGracePeriod) {
        this.sources = sources;
        this.python = python;
        this.stopGracePeriod = stopGracePeriod;
    }

    /**
     * Starts {@code spec} in {@code dir}. Script-mode jobs run their script; other images run {@code localImage},
     * the command the user mapped the image to.
     *
     * @throws IllegalArgumentException when the job is not script mode and no local command is given
     */
    public RunningTrainingJob start(TrainingJobSpec spec, JobDirectory dir, TrainerLaunch localImage) {
        return start(spec, dir, localImage, io.tuneflow.core.metrics.MetricListener.NONE);
    }

    /** As {@link #start(TrainingJobSpec, JobDirectory, TrainerLaunch)}, telling {@code metrics} of each value as it is logged. */
    public RunningTrainingJob start(TrainingJobSpec spec, JobDirectory dir, TrainerLaunch localImage,
                                    io.tuneflow.core.metrics.MetricListener metrics) {
        TrainingContract contract = TrainingContract.prepare(spec, dir);
        TrainerLaunch launch = ScriptMode.prepare(spec, dir, contract, sources, python)
                .or(() -> java.util.Optional.ofNullable(localImage))
                .orElseThrow(() -> new IllegalArgumentException("Training image " + spec.trainingImage()
                        + " is not script mode (no sagemaker_program) and has no local command:"
                        + " map it in the request's Tuneflow.LocalImages."));
        ProcessBuilder builder = new ProcessBuilder(TrainerSession.wrap(launch.command())).directory(launch.workingDirectory().toFile());
        builder.environment().putAll(contract.environment());
        try {
            Instant start = Instant.now();
            return new RunningTrainingJob(spec, dir, builder.start(), stopGracePeriod, start, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + String.join(" ", launch.command()) + " for "
                    + spec.trainingJobName() + ": " + e.getMessage(), e);
        }
    }
}
