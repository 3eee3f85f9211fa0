package io.tuneflow.core.validation;

import io.tuneflow.core.document.JsonPath;
import java.util.ArrayList;
import java.util.List;

/** Collects problems while a document is checked, so that all of them are reported at once. */
public final class Problems {

    private final List<Problem> found = new ArrayList<>();

    public void error(String rule, JsonPath path, String message, String fix) {
        found.add(new Problem(Severity.ERROR, rule, path, message, fix, null));
    }

    public void warning(String rule, JsonPath path, String message, String fix) {
        found.add(new Problem(Severity.WARNING, rule, path, message, fix, null));
    }

    public void add(Problem problem) {
        found.add(problem);
    }

    public boolean hasErrorAt(JsonPath path) {
        return found.stream().anyMatch(p -> p.isError() && p.path().startsWith(path));
    }

    /**
     * Whether {@code path} or one of its ancestors is missing or of the wrong type — reported as
     * {@code shape.required} or {@code shape.type} — so that nothing further can be said about it.
     */
    public boolean isMissingOrMistyped(JsonPath path) {
        return found.stream().anyMatch(p -> p.isError() && path.startsWith(p.path())
                && (p.rule().equals("shape.required") || p.rule().equals("shape.type")));
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Problem::isError);
    }

    public List<Problem> toList() {
        return List.copyOf(found);
    }
}
