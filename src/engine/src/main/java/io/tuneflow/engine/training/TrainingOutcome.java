package io.tuneflow.engine.training;

import io.tuneflow.core.metrics.MetricSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a training job ended, in SageMaker's terms.
 *
 * @param status          {@code Completed}, {@code Failed} or {@code Stopped} (TrainingJobStatus)
 * @param secondaryStatus {@code Completed}, {@code Failed}, {@code Stopped} or {@code MaxRuntimeExceeded}
 * @param failureReason   SageMaker's FailureReason, or null
 * @param exitCode        the trainer's exit code, or null when it was stopped
 * @param modelArtifact   {@code model.tar.gz} of the job's {@code model/} directory
 * @param outputArtifact  {@code output.tar.gz} of {@code output/data}, or null when the trainer wrote nothing there
 */
public record TrainingOutcome(String status, String secondaryStatus, String failureReason, Integer exitCode,
                              Instant startTime, Instant endTime, List<MetricSeries> metrics, Path log,
                              Path modelArtifact, Path outputArtifact) {

    public TrainingOutcome {
        metrics = List.copyOf(metrics);
    }

    /** Seconds of training, rounded up, as SageMaker bills them. */
    public long billableSeconds() {
        long millis = Duration.between(startTime, endTime).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failureReason);
    }
}
