package io.tuneflow.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordFailureTest {

    @Test
    void theCauseOfALambdaErrorIsItsMessage() {
        assertThat(RecordFailure.readableCause("{\"errorMessage\": \"No request document at s3://b/k\", "
                + "\"errorType\": \"io.tuneflow.functions.InvalidInputException\", \"stackTrace\": [\"at x\"]}"))
                .isEqualTo("No request document at s3://b/k");
        assertThat(RecordFailure.readableCause("States.Timeout: the task timed out")).isEqualTo("States.Timeout: the task timed out");
        assertThat(RecordFailure.readableCause("{not json")).isEqualTo("{not json");
    }
}
