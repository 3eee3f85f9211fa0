package io.tuneflow.functions;

/**
 * A function was given input it cannot act on — a trigger of no known shape, a missing field, a request key where
 * there is no object — and retrying will not help. The message says what was expected and what to change.
 */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message, null, false, false);
    }
}
