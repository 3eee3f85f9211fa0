package io.tuneflow.core.document;

/** A 1-based line and column in a source file. */
public record SourceLocation(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
