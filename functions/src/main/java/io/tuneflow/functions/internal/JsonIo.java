package io.tuneflow.functions.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tuneflow.functions.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** Handler input as a Jackson tree, output as whatever Jackson writes (records, trees). */
public final class JsonIo {

    public static final ObjectMapper JSON = new ObjectMapper();

    private JsonIo() {
    }

    public static void handle(String function, Context context, InputStream in, OutputStream out, Function<JsonNode, Object> step) {
        HandlerIo.run(function, context, () -> {
            Object result = step.apply(read(function, in));
            try {
                JSON.writeValue(out, result);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the result of " + function, e);
            }
        });
    }

    /** A required text field of a handler's input, or an error that shows the input's expected shape. */
    public static String requiredText(JsonNode input, String field, String function, String shape) {
        JsonNode value = input.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidInputException(function + " needs \"" + field + "\" (a string) in its input, " + shape
                    + ", but got: " + abbreviate(input));
        }
        return value.textValue();
    }

    public static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static JsonNode read(String function, InputStream in) {
        try {
            JsonNode node = JSON.readTree(in);
            return node == null ? NullNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(function + "'s input is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the input of " + function, e);
        }
    }
}
