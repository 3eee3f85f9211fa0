package io.tuneflow.engine.tuning;

/**
 * Where a tuning job's changes are recorded as they happen, so that a restarted engine loses no finished trial.
 * Called while the job's lock is held, so records are written in the order the changes happened.
 */
public interface JobJournal {

    JobJournal NONE = new JobJournal() {
        @Override
        public void jobChanged(TuningJob job) {
        }

        @Override
        public void trialChanged(TuningJob job, Trial trial) {
        }
    };

    void jobChanged(TuningJob job);

    void trialChanged(TuningJob job, Trial trial);

    /** The process of a running trial, so a restarted engine can end what an abrupt stop left running. */
    default void trainerStarted(String trainingJobName, long pid) {
    }
}
