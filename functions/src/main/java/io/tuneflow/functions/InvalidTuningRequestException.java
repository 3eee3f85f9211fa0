package io.tuneflow.functions;

/**
 * The request document is not one SageMaker would accept. Nothing was started; the validation report was written
 * next to the request ({@code .../errors/<name>.json}) when the request came from S3. The state machine ends the
 * execution with this message as the cause. No stack trace: the message is all a user needs.
 */
public final class InvalidTuningRequestException extends RuntimeException {

    private final String report;

    public InvalidTuningRequestException(String message, String report) {
        super(message, null, false, false);
        this.report = report;
    }

    /** The s3:// URI of the validation report, or null when the request had no location to write it next to. */
    public String report() {
        return report;
    }
}
