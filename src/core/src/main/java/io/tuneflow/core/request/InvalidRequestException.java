package io.tuneflow.core.request;

import io.tuneflow.core.validation.ValidationReport;

/** Thrown when a caller needs a valid request and the document is not one; the report says everything wrong. */
public final class InvalidRequestException extends RuntimeException {

    private final ValidationReport report;

    public InvalidRequestException(ValidationReport report) {
        super(report.source() + " is not a valid tuning request: " + report.errors().size() + " error(s), first: "
                + report.errors().stream().findFirst().map(p -> p.path() + ": " + p.message()).orElse("none"));
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
