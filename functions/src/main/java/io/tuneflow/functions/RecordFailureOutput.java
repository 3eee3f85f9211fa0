package io.tuneflow.functions;

/**
 * What {@link RecordFailure} returns: the error and cause the execution fails with, and where the record was
 * written ({@code s3://...}; null when there was no location to write it to).
 */
public record RecordFailureOutput(String error, String cause, String record) {
}
