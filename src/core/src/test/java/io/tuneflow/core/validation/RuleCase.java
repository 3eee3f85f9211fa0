package io.tuneflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.TestDocuments;
import io.tuneflow.core.request.ReadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One row of a table-driven rule test: a valid document, edits that take it to a rule's edge, and the verdict —
 * a problem of that rule at that path, or no problem of that rule at all.
 */
final class RuleCase {

    private final String base;
    private final List<UnaryOperator<ObjectNode>> edits = new ArrayList<>();
    private final List<String> description = new ArrayList<>();
    private String rule;
    private String path;
    private Severity severity;

    private RuleCase(String base) {
        this.base = base;
    }

    static RuleCase doc(String base) {
        return new RuleCase(base);
    }

    RuleCase set(String path, String json) {
        edits.add(d -> TestDocuments.set(d, path, json));
        description.add(path + "=" + json);
        return this;
    }

    RuleCase remove(String path) {
        edits.add(d -> TestDocuments.remove(d, path));
        description.add("-" + path);
        return this;
    }

    RuleCase copy(String from, String to) {
        edits.add(d -> TestDocuments.set(d, to, TestDocuments.at(d, io.tuneflow.core.document.JsonPath.parse(from)).toString()));
        description.add(to + "=" + from);
        return this;
    }

    /** The document must have an error of {@code rule} at {@code path}. */
    RuleCase rejects(String rule, String path) {
        return expect(rule, path, Severity.ERROR);
    }

    /** The document must have a warning of {@code rule} at {@code path}, and may still be valid. */
    RuleCase warns(String rule, String path) {
        return expect(rule, path, Severity.WARNING);
    }

    /** The document must have no problem of {@code rule}. */
    RuleCase accepts(String rule) {
        return expect(rule, null, null);
    }

    private RuleCase expect(String rule, String path, Severity severity) {
        this.rule = rule;
        this.path = path;
        this.severity = severity;
        return this;
    }

    String rule() {
        return rule;
    }

    boolean expectsProblem() {
        return path != null;
    }

    void verify() {
        ObjectNode document = TestDocuments.load(base);
        edits.forEach(e -> e.apply(document));
        ReadResult result = TestDocuments.read(document);
        List<Problem> all = new ArrayList<>(result.report().errors());
        all.addAll(result.report().warnings());
        List<Problem> ofRule = all.stream().filter(p -> p.rule().equals(rule)).toList();
        if (path == null) {
            assertThat(ofRule).as("no %s problem expected; all problems: %s", rule, all).isEmpty();
        } else {
            assertThat(ofRule).as("expected %s %s at %s; all problems: %s", severity, rule, path, all)
                    .anySatisfy(p -> {
                        assertThat(p.path().toString()).isEqualTo(path);
                        assertThat(p.severity()).isEqualTo(severity);
                        assertThat(p.fix()).isNotBlank();
                    });
        }
    }

    @Override
    public String toString() {
        return base + " " + String.join(", ", description) + " -> " + (path == null ? "accepts " + rule : severity + " " + rule + " @ " + path);
    }
}
