package io.tuneflow.core.validation;

import java.util.List;

/** Everything wrong with one request document: errors (SageMaker would reject it) and warnings. */
public record ValidationReport(String source, List<Problem> errors, List<Problem> warnings) {

    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public static ValidationReport of(String source, List<Problem> problems) {
        return new ValidationReport(source,
                problems.stream().filter(Problem::isError).toList(),
                problems.stream().filter(p -> !p.isError()).toList());
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
