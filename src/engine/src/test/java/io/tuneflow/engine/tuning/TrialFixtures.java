package io.tuneflow.engine.tuning;

import java.time.Instant;
import java.util.Map;

/** Trials as a strategy sees them in its history, for tests that only care about configurations and objectives. */
final class TrialFixtures {

    private TrialFixtures() {
    }

    static Trial completed(int index, Map<String, String> tuned, double objective) {
        return new Trial(index, "job-" + index, tuned, tuned, null, "Completed", "Completed", "Succeeded", objective,
                Map.of(), null, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null);
    }

    static Trial running(int index, Map<String, String> tuned) {
        return new Trial(index, "job-" + index, tuned, tuned, null, "InProgress", "Training", "Pending", null, Map.of(),
                null, Instant.EPOCH, Instant.EPOCH, null, null);
    }
}
