package io.tuneflow.functions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Warm start from a pipeline's previous run: its {@code latest.json} names the tuning job, which becomes a parent in
 * the new request's {@code WarmStartConfig}. The request is changed as a document, before it is read, so the result
 * is validated like any request (a strategy that cannot warm-start is reported, not sent).
 */
public final class WarmStart {

    /** SageMaker's limit on ParentHyperParameterTuningJobs. */
    static final int MAX_PARENTS = 5;
    private static final Set<String> USABLE_STATUSES = Set.of("Completed", "Stopped");

    private WarmStart() {
    }

    /**
     * The previous job, if a new one can warm-start from it: SageMaker takes parents that ended Completed or Stopped
     * with training jobs to learn from; a failed run or one without a best training job gives nothing to start from.
     */
    public static Optional<String> usableParent(JsonNode latest) {
        String job = latest.path("tuningJobName").textValue();
        if (job == null || !USABLE_STATUSES.contains(latest.path("status").asText()) || latest.path("bestTrainingJob").isNull()
                || latest.path("bestTrainingJob").isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(job);
    }

    /**
     * Adds {@code parent} to the document's WarmStartConfig, keeping parents it already names (the most recent
     * {@value #MAX_PARENTS}) and its WarmStartType; {@code warmStartType} applies when the document has none.
     */
    public static void addParent(ObjectNode request, String parent, String warmStartType) {
        addParents(request, List.of(parent), warmStartType);
    }

    /**
     * Adds a chain of parents, oldest first — the previous job's own parents, then the previous job — after those the
     * document names, and keeps the last {@value #MAX_PARENTS}: night after night, each run learns from the runs
     * before it, up to SageMaker's limit, the most recent first to stay.
     */
    public static void addParents(ObjectNode request, List<String> chain, String warmStartType) {
        JsonNode existing = request.get("WarmStartConfig");
        ObjectNode config = existing != null && existing.isObject() ? (ObjectNode) existing : request.putObject("WarmStartConfig");
        Set<String> parents = new LinkedHashSet<>();
        config.path("ParentHyperParameterTuningJobs").forEach(p -> {
            if (p.path("HyperParameterTuningJobName").isTextual()) {
                parents.add(p.get("HyperParameterTuningJobName").textValue());
            }
        });
        for (String parent : chain) {
            parents.remove(parent);
            parents.add(parent);
        }
        List<String> kept = new ArrayList<>(parents);
        kept = kept.subList(Math.max(0, kept.size() - MAX_PARENTS), kept.size());
        ArrayNode list = config.putArray("ParentHyperParameterTuningJobs");
        kept.forEach(name -> list.addObject().put("HyperParameterTuningJobName", name));
        if (!config.hasNonNull("WarmStartType")) {
            config.put("WarmStartType", warmStartType);
        }
    }
}
