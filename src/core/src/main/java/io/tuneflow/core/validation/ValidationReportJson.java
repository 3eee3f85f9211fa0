package io.tuneflow.core.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validation report as JSON: {@code {"file", "valid", "errors": [...], "warnings": [...]}}, each problem
 * {@code {"path", "message", "fix", "rule", "line", "column"}}. One shape for {@code tuneflow validate --output json}
 * and the error reports the Start function writes next to an invalid request.
 */
public final class ValidationReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ValidationReportJson() {
    }

    public static ObjectNode toJson(ValidationReport report) {
        ObjectNode node = JSON.createObjectNode();
        node.put("file", report.source());
        node.put("valid", report.valid());
        ArrayNode errors = node.putArray("errors");
        report.errors().stream().map(ValidationReportJson::problem).forEach(errors::add);
        ArrayNode warnings = node.putArray("warnings");
        report.warnings().stream().map(ValidationReportJson::problem).forEach(warnings::add);
        return node;
    }

    public static ObjectNode problem(Problem problem) {
        ObjectNode node = JSON.createObjectNode()
                .put("path", problem.path().toString())
                .put("message", problem.message())
                .put("fix", problem.fix())
                .put("rule", problem.rule());
        problem.sourceLocation().ifPresent(l -> node.put("line", l.line()).put("column", l.column()));
        return node;
    }
}
