package io.tuneflow.core.request;

import com.fasterxml.jackson.databind.JsonNode;
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

    private static final TuneflowSettings NONE = new TuneflowSettings(null);

    private final String pipelineName;

    private TuneflowSettings(String pipelineName) {
        this.pipelineName = pipelineName;
    }

    public static TuneflowSettings none() {
        return NONE;
    }

    static TuneflowSettings from(JsonNode section) {
        if (section == null || !section.isObject()) {
            return NONE;
        }
        JsonNode pipeline = section.get("PipelineName");
        return new TuneflowSettings(pipeline != null && pipeline.isTextual() ? pipeline.textValue() : null);
    }

    /** The pipeline this request belongs to: names results, schedules and warm-start chains. */
    public Optional<String> pipelineName() {
        return Optional.ofNullable(pipelineName);
    }
}
