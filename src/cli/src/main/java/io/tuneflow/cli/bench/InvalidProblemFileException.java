package io.tuneflow.cli.bench;

import java.util.List;

/** A problem file the benchmark cannot use; the message lists every problem with file, line and JSON path. */
public final class InvalidProblemFileException extends RuntimeException {

    private final List<String> problems;

    InvalidProblemFileException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
