package io.tuneflow.core.validation;

import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.document.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a request document.
 *
 * @param rule     the stable id of the rule that found it, e.g. {@code shape.pattern} or {@code range.logarithmic-min}
 * @param path     where in the document, e.g. {@code $.TrainingJobDefinition.Environment.SM_LOG_LEVEL}
 * @param message  what is wrong, in the user's terms
 * @param fix      what to write instead
 * @param location the line and column in the source file, when the document came from one; may be null
 */
public record Problem(Severity severity, String rule, JsonPath path, String message, String fix, SourceLocation location) {

    public Problem {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(rule);
        Objects.requireNonNull(path);
        Objects.requireNonNull(message);
        Objects.requireNonNull(fix);
    }

    public Optional<SourceLocation> sourceLocation() {
        return Optional.ofNullable(location);
    }

    public Problem at(SourceLocation where) {
        return new Problem(severity, rule, path, message, fix, where);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
