package io.tuneflow.engine.tuning;

/** What a tuning job's trials tell its executor, in the order they happen. */
sealed interface TrialEvent {

    /** A trial's trainer process started: the record now says Training, from that instant. */
    record Started(Trial trial) implements TrialEvent {
    }

    /** A trial ended (completed, failed or stopped); its record is final. */
    record Ended(Trial trial) implements TrialEvent {
    }

    /** A running trial logged a value of the objective metric: one epoch, for trainers that report each epoch. */
    record ObjectiveLogged(String trainingJobName, double value) implements TrialEvent {
    }
}
