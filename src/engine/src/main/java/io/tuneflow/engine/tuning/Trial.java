package io.tuneflow.engine.tuning;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One training job of a tuning job, as the tuning job sees it: its tuned hyperparameters, how it ended and its
 * objective. Immutable; the engine replaces a trial's record when its state changes.
 *
 * @param status          TrainingJobStatus: InProgress, Completed, Failed, Stopping, Stopped
 * @param secondaryStatus SecondaryStatus: Starting, Training, Completed, Failed, Stopped, MaxRuntimeExceeded
 * @param objectiveStatus Pending, Succeeded or Failed (the objective metric was not found)
 * @param objective       the final value of the objective metric, or null
 * @param finalMetrics    the final value of every metric that produced one
 * @param objectiveCurve  every value of the objective metric the trainer logged, in order: one per epoch for
 *                        trainers that report each epoch, which is what early stopping and Hyperband judge
 */
public record Trial(int index, String trainingJobName, Map<String, String> tunedHyperParameters,
                    Map<String, String> hyperParameters, String definitionName, String status, String secondaryStatus,
                    String objectiveStatus, Double objective, Map<String, Double> finalMetrics, String failureReason,
                    Instant creationTime, Instant startTime, Instant endTime, String modelArtifact,
                    List<Double> objectiveCurve) {

    public Trial {
        tunedHyperParameters = Map.copyOf(tunedHyperParameters);
        hyperParameters = Map.copyOf(hyperParameters);
        finalMetrics = Map.copyOf(finalMetrics);
        objectiveCurve = List.copyOf(objectiveCurve);
    }

    /** A trial whose objective curve is not known (not started, or recorded without one). */
    public Trial(int index, String trainingJobName, Map<String, String> tunedHyperParameters,
                 Map<String, String> hyperParameters, String definitionName, String status, String secondaryStatus,
                 String objectiveStatus, Double objective, Map<String, Double> finalMetrics, String failureReason,
                 Instant creationTime, Instant startTime, Instant endTime, String modelArtifact) {
        this(index, trainingJobName, tunedHyperParameters, hyperParameters, definitionName, status, secondaryStatus,
                objectiveStatus, objective, finalMetrics, failureReason, creationTime, startTime, endTime, modelArtifact, List.of());
    }

    /** The same trial with this objective curve: a running trial's record gets its curve only when the trial ends. */
    public Trial withObjectiveCurve(List<Double> curve) {
        return new Trial(index, trainingJobName, tunedHyperParameters, hyperParameters, definitionName, status, secondaryStatus,
                objectiveStatus, objective, finalMetrics, failureReason, creationTime, startTime, endTime, modelArtifact, curve);
    }

    public boolean running() {
        return status.equals("InProgress") || status.equals("Stopping");
    }

    public long billableSeconds() {
        if (startTime == null || endTime == null) {
            return 0;
        }
        return Math.max(1, (java.time.Duration.between(startTime, endTime).toMillis() + 999) / 1000);
    }
}
