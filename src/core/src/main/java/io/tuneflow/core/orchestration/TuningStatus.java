package io.tuneflow.core.orchestration;

import java.util.Map;

/**
 * A tuning job's state in one compact record: what the CLI shows and the state machine branches on.
 *
 * @param state           SageMaker's HyperParameterTuningJobStatus
 * @param trainingJobs    TrainingJobStatusCounters: Completed, InProgress, RetryableError, NonRetryableError, Stopped
 * @param nextPollSeconds when to look again: grows with the elapsed time (see {@link CheckTuningJob})
 */
public record TuningStatus(String tuningJobName, String state, Map<String, Integer> trainingJobs, String bestTrainingJob,
                           Double bestObjective, Map<String, String> bestHyperParameters, long elapsedSeconds,
                           int nextPollSeconds, String failureReason) {

    public TuningStatus {
        trainingJobs = Map.copyOf(trainingJobs);
        bestHyperParameters = bestHyperParameters == null ? Map.of() : Map.copyOf(bestHyperParameters);
    }

    /** Completed, Failed or Stopped: nothing more will change. */
    public boolean finished() {
        return state.equals("Completed") || state.equals("Failed") || state.equals("Stopped");
    }
}
