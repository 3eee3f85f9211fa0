package io.tuneflow.infrastructure;

import software.amazon.awscdk.Duration;

/**
 * The four Lambda functions of the workflow: their handler in the functions jar, the placeholder the state machine
 * definition names them by, and a timeout below the state's own TimeoutSeconds (so Lambda's timeout, a clear error,
 * comes first).
 */
public enum TuneflowFunction {
    START_TUNING("StartTuning", "StartTuningFunctionArn", 100, "Validates the request and starts the tuning job"),
    CHECK_TUNING_STATUS("CheckTuningStatus", "CheckTuningStatusFunctionArn", 50, "Reads the tuning job's status"),
    PUBLISH_RESULTS("PublishResults", "PublishResultsFunctionArn", 540, "Writes best.json, the trials and the report"),
    RECORD_FAILURE("RecordFailure", "RecordFailureFunctionArn", 50, "Records why a workflow failed");

    private final String simpleName;
    private final String placeholder;
    private final int timeoutSeconds;
    private final String description;

    TuneflowFunction(String simpleName, String placeholder, int timeoutSeconds, String description) {
        this.simpleName = simpleName;
        this.placeholder = placeholder;
        this.timeoutSeconds = timeoutSeconds;
        this.description = description;
    }

    public String simpleName() {
        return simpleName;
    }

    /** {@code io.tuneflow.functions.StartTuning::handleRequest}, as Lambda's Handler setting wants it. */
    public String handler() {
        return "io.tuneflow.functions." + simpleName + "::handleRequest";
    }

    /** The name in {@code ${...}} in tuning.asl.json. */
    public String placeholder() {
        return placeholder;
    }

    public Duration timeout() {
        return Duration.seconds(timeoutSeconds);
    }

    public String description() {
        return "Tuneflow: " + description;
    }
}
