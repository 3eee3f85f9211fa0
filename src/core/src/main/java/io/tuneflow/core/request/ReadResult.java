package io.tuneflow.core.request;

import io.tuneflow.core.validation.ValidationReport;
import java.util.Optional;

/**
 * What reading a request document gives: the validation report, and the request as far as it could be bound.
 * The request is absent only when the document could not be parsed at all; when the report has errors the request
 * is partial (invalid parts left out) and must not be sent.
 */
public final class ReadResult {

    private final ValidationReport report;
    private final TuningRequest request;

    ReadResult(ValidationReport report, TuningRequest request) {
        this.report = report;
        this.request = request;
    }

    public ValidationReport report() {
        return report;
    }

    public boolean valid() {
        return report.valid();
    }

    public Optional<TuningRequest> request() {
        return Optional.ofNullable(request);
    }

    /** The request, for callers that go on only with a valid one. */
    public TuningRequest validRequest() {
        if (!valid() || request == null) {
            throw new InvalidRequestException(report);
        }
        return request;
    }
}
