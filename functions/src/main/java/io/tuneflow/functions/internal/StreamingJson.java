package io.tuneflow.functions.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tuneflow.core.orchestration.TuningStatus;
import io.tuneflow.functions.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON for CheckTuningStatus with Jackson's streaming API only. Check runs at every poll and is the function whose
 * cold starts count most; it reads one field and writes one flat record, for which Jackson's object mapper (some 340
 * more classes to load, and reflection over the record) is a cost its cold start need not pay.
 */
public final class StreamingJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private StreamingJson() {
    }

    /** The string field {@code field} of the JSON object in {@code in}; other fields are skipped. */
    public static String requiredText(InputStream in, String field, String function, String shape) {
        try (JsonParser parser = FACTORY.createParser(in)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals(field) && value == JsonToken.VALUE_STRING && !parser.getText().isBlank()) {
                        return parser.getText();
                    }
                    parser.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException(function + "'s input is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the input of " + function, e);
        }
        throw new InvalidInputException(function + " needs \"" + field + "\" (a string) in its input, " + shape);
    }

    /** The status as Jackson's object mapper writes the record: its components, in order. */
    public static void write(OutputStream out, TuningStatus status) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("tuningJobName", status.tuningJobName());
            json.writeStringField("state", status.state());
            writeMap(json, "trainingJobs", status.trainingJobs());
            json.writeStringField("bestTrainingJob", status.bestTrainingJob());
            json.writeFieldName("bestObjective");
            if (status.bestObjective() == null) {
                json.writeNull();
            } else {
                json.writeNumber(status.bestObjective());
            }
            writeMap(json, "bestHyperParameters", status.bestHyperParameters());
            json.writeNumberField("elapsedSeconds", status.elapsedSeconds());
            json.writeNumberField("nextPollSeconds", status.nextPollSeconds());
            json.writeStringField("failureReason", status.failureReason());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the status of " + status.tuningJobName(), e);
        }
    }

    private static void writeMap(JsonGenerator json, String name, Map<String, ?> map) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            json.writeFieldName(entry.getKey());
            if (entry.getValue() instanceof Number number) {
                json.writeNumber(number.intValue());
            } else {
                json.writeString(String.valueOf(entry.getValue()));
            }
        }
        json.writeEndObject();
    }
}
