package io.tuneflow.core.document;

import java.util.Optional;

/** A request document that is not well-formed JSON or YAML, with where and why. */
public final class MalformedDocumentException extends RuntimeException {

    private final String source;
    private final SourceLocation location;
    private final String fix;

    MalformedDocumentException(String source, SourceLocation location, String message, String fix) {
        super(message);
        this.source = source;
        this.location = location;
        this.fix = fix;
    }

    public String source() {
        return source;
    }

    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }

    public String fix() {
        return fix;
    }
}
