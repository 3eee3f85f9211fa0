package io.tuneflow.functions.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tuneflow.functions.InvalidInputException;
import io.tuneflow.functions.InvalidTuningRequestException;
import io.tuneflow.functions.TransientAwsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What every handler does around its step: structured logging for the invocation (Powertools, functional API),
 * JSON in and out, and failures turned into errors the state machine can tell apart — user errors without a stack
 * trace, transient AWS failures as {@link TransientAwsException}, anything else as it is (and logged with its trace).
 */
public final class HandlerIo {

    /** Every log line about a tuning job carries its name under this key. */
    public static final String TUNING_JOB_KEY = "tuning_job_name";

    public static final ObjectMapper JSON = new ObjectMapper();

    private HandlerIo() {
    }

    public static void handle(String function, Context context, InputStream in, OutputStream out,
                              Function<JsonNode, Object> step) {
        Logger log = LoggerFactory.getLogger("io.tuneflow.functions." + function);
        PowertoolsLogging.withLogging(context, () -> {
            try {
                Object result = step.apply(read(function, in));
                JSON.writeValue(out, result);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the result of " + function, e);
            } catch (InvalidTuningRequestException | InvalidInputException | TransientAwsException e) {
                log.warn(e.getMessage());
                throw e;
            } catch (SdkException e) {
                RuntimeException classified = AwsFailures.classify(e);
                log.error("{} failed: {}", function, e.getMessage(), e);
                throw classified;
            } catch (RuntimeException e) {
                log.error("{} failed: {}", function, e.getMessage(), e);
                throw e;
            }
        });
    }

    /** Names the tuning job on every following log line of this invocation. */
    public static void logAbout(String tuningJobName) {
        if (tuningJobName != null) {
            MDC.put(TUNING_JOB_KEY, tuningJobName);
        }
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
