package io.tuneflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code TUNEFLOW_DATASET_REQUESTS}: {@code {"datasets/digits/": "requests/digits.yaml", ...}}. */
final class DatasetRequestMapping {

    private DatasetRequestMapping() {
    }

    static Map<String, String> parse(String variable, String value) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        JsonNode mapping;
        try {
            mapping = new ObjectMapper().readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(variable + " must be a JSON object of data set prefix to request key, "
                    + "e.g. {\"datasets/digits/\": \"requests/digits.yaml\"}, but it is not JSON: " + value);
        }
        if (mapping == null || !mapping.isObject()) {
            throw new IllegalStateException(variable + " must be a JSON object of data set prefix to request key, "
                    + "e.g. {\"datasets/digits/\": \"requests/digits.yaml\"}, but it is: " + value);
        }
        Map<String, String> out = new LinkedHashMap<>();
        mapping.properties().forEach(entry -> {
            if (!entry.getValue().isTextual() || entry.getValue().textValue().isBlank()) {
                throw new IllegalStateException(variable + ": the request key for \"" + entry.getKey()
                        + "\" must be a non-empty string, e.g. \"requests/digits.yaml\"");
            }
            out.put(entry.getKey(), entry.getValue().textValue());
        });
        return out;
    }
}
