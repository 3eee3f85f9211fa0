package io.tuneflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tuneflow.core.validation.Problem;

/** JSON output of the CLI. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode problem(Problem problem) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("path", problem.path().toString())
                .put("message", problem.message())
                .put("fix", problem.fix())
                .put("rule", problem.rule());
        problem.sourceLocation().ifPresent(l -> node.put("line", l.line()).put("column", l.column()));
        return node;
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
