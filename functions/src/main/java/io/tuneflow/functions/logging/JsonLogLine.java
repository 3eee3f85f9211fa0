package io.tuneflow.functions.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;
import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
import software.amazon.lambda.powertools.logging.internal.JsonSerializer;

/**
 * One log event as a JSON object, with the fields and types of Powertools' Lambda JSON layout: {@code level},
 * {@code message}, {@code error} ({@code message}, {@code name}, {@code stack}) when there is a throwable, the Lambda
 * context fields Powertools puts in the MDC ({@code cold_start} a boolean, {@code function_memory_size} and
 * {@code sampling_rate} numbers), {@code timestamp}, then the other MDC keys ({@code tuning_job_name}) and the
 * structured arguments ({@code entry("key", value)}).
 */
final class JsonLogLine {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final List<String> CONTEXT_FIELDS = List.of("cold_start", "function_arn", "function_memory_size",
            "function_name", "function_request_id", "function_version", "sampling_rate", "service");
    private static final List<String> TRACE_FIELDS = List.of("xray_trace_id", "correlation_id");
    private static final Set<String> BOOLEANS = Set.of("cold_start");
    private static final Set<String> NUMBERS = Set.of("function_memory_size", "sampling_rate");

    private JsonLogLine() {
    }

    static String format(Level level, String pattern, Object[] arguments, Throwable throwable, Map<String, String> mdc,
                         Instant time) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "level", level.name());
        json.append(',');
        field(json, "message", MessageFormatter.basicArrayFormat(pattern, arguments));
        if (throwable != null) {
            json.append(",\"error\":{");
            field(json, "message", throwable.getMessage());
            json.append(',');
            field(json, "name", throwable.getClass().getName());
            json.append(',');
            StringWriter stack = new StringWriter();
            throwable.printStackTrace(new PrintWriter(stack));
            field(json, "stack", stack.toString());
            json.append('}');
        }
        for (String key : CONTEXT_FIELDS) {
            mdcField(json, key, mdc.get(key));
        }
        json.append(',');
        field(json, "timestamp", TIMESTAMP.format(time));
        for (String key : TRACE_FIELDS) {
            mdcField(json, key, mdc.get(key));
        }
        mdc.forEach((key, value) -> {
            if (!CONTEXT_FIELDS.contains(key) && !TRACE_FIELDS.contains(key)) {
                mdcField(json, key, value);
            }
        });
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof StructuredArgument structured) {
                    json.append(',');
                    try (JsonSerializer serializer = new JsonSerializer(json)) {
                        structured.writeTo(serializer);
                    } catch (Exception e) {
                        throw new IllegalStateException("Cannot write the log argument " + structured, e);
                    }
                }
            }
        }
        return json.append('}').toString();
    }

    private static void mdcField(StringBuilder json, String key, String value) {
        if (value == null) {
            return;
        }
        json.append(',');
        if (BOOLEANS.contains(key) && (value.equals("true") || value.equals("false"))) {
            string(json, key);
            json.append(':').append(value);
        } else if (NUMBERS.contains(key) && isNumber(value)) {
            string(json, key);
            json.append(':').append(value);
        } else {
            field(json, key, value);
        }
    }

    private static boolean isNumber(String value) {
        try {
            return Double.isFinite(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void field(StringBuilder json, String key, String value) {
        string(json, key);
        json.append(':');
        if (value == null) {
            json.append("null");
        } else {
            string(json, value);
        }
    }

    /** A JSON string: quotes, backslashes and every control character escaped, so a line is always one line. */
    static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
