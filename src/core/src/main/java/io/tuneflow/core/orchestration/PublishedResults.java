package io.tuneflow.core.orchestration;

/** Where the Publish step wrote the results of a tuning job, and its best objective (null when there is none). */
public record PublishedResults(String tuningJobName, String status, String best, String trials, String trialsCsv, String report,
                               String latest, String bestTrainingJob, Double bestObjective) {
}
