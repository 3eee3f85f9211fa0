package io.tuneflow.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional top-level {@code Tuneflow} section of a request document: orchestrator settings that are not part of
 * SageMaker's API. SageMaker never sees it; Tuneflow removes it before calling CreateHyperParameterTuningJob.
 *
 * <p>Its fields and their constraints are declared in {@code tuneflow-shapes.json}, so they are validated exactly like
 * SageMaker's own fields.
 */
public final class TuneflowSettings {

    /** The name of the section's top-level key. */
    public static final String SECTION = "Tuneflow";

    private static final TuneflowSettings NONE = new TuneflowSettings(null, null, Map.of(), Map.of());

    private final String pipelineName;
    private final String results;
    private final Map<String, List<String>> localImages;
    private final Map<String, String> localData;

    private TuneflowSettings(String pipelineName, String results, Map<String, List<String>> localImages, Map<String, String> localData) {
        this.pipelineName = pipelineName;
        this.results = results;
        this.localImages = Map.copyOf(localImages);
        this.localData = Map.copyOf(localData);
    }

    public static TuneflowSettings none() {
        return NONE;
    }

    static TuneflowSettings from(JsonNode section) {
        if (section == null || !section.isObject()) {
            return NONE;
        }
        JsonNode pipeline = section.get("PipelineName");
        JsonNode results = section.get("Results");
        Map<String, List<String>> images = new LinkedHashMap<>();
        section.path("LocalImages").properties().forEach(e -> {
            List<String> command = new ArrayList<>();
            e.getValue().path("Command").forEach(part -> command.add(part.asText()));
            images.put(e.getKey(), command);
        });
        Map<String, String> data = new LinkedHashMap<>();
        section.path("LocalData").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        return new TuneflowSettings(pipeline != null && pipeline.isTextual() ? pipeline.textValue() : null,
                results != null && results.isTextual() ? results.textValue() : null, images, data);
    }

    /** Where results are published (an s3:// URI), when the document says. */
    public Optional<String> results() {
        return Optional.ofNullable(results);
    }

    /**
     * For local runs: training image (exact, or with {@code *} for any text) → the command that stands for it. The
     * command runs in the request document's directory.
     */
    public Map<String, List<String>> localImages() {
        return localImages;
    }

    /** For local runs: S3 prefix → a directory (relative to the request document) uploaded there before the job starts. */
    public Map<String, String> localData() {
        return localData;
    }

    /** The pipeline this request belongs to: names results, schedules and warm-start chains. */
    public Optional<String> pipelineName() {
        return Optional.ofNullable(pipelineName);
    }
}
