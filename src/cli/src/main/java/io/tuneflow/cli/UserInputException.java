package io.tuneflow.cli;

/** A problem with what the user gave the command (a missing file, say): reported without a stack trace, exit 2. */
final class UserInputException extends RuntimeException {
    UserInputException(String message) {
        super(message);
    }
}
