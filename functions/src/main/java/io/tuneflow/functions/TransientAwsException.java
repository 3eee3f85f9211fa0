package io.tuneflow.functions;

/**
 * An AWS call failed for a reason that passes — throttling, a 5xx, a dropped connection — after the SDK's own
 * retries. The state machine retries the state with backoff on this error name; every step is safe to repeat.
 */
public final class TransientAwsException extends RuntimeException {

    public TransientAwsException(String message) {
        super(message, null, false, false);
    }
}
