package io.tuneflow.core.validation.rules;

import io.tuneflow.core.document.JsonPath;
import io.tuneflow.core.model.PathIndex;
import io.tuneflow.core.request.TuningRequest;
import io.tuneflow.core.validation.Problems;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobConfig;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjective;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

/** What a rule sees: the bound request, the path of each part, and where to report. */
public final class RuleContext {

    private static final JsonPath CONFIG = JsonPath.root().field("HyperParameterTuningJobConfig");

    private final TuningRequest request;
    private final Problems problems;

    RuleContext(TuningRequest request, Problems problems) {
        this.request = request;
        this.problems = problems;
    }

    public CreateHyperParameterTuningJobRequest request() {
        return request.sageMakerRequest();
    }

    /** The tuning job config, or an empty one when the document lacks it (already reported as required). */
    public HyperParameterTuningJobConfig config() {
        HyperParameterTuningJobConfig config = request().hyperParameterTuningJobConfig();
        return config != null ? config : HyperParameterTuningJobConfig.builder().build();
    }

    public JsonPath configPath() {
        return CONFIG;
    }

    public PathIndex paths() {
        return request.paths();
    }

    public JsonPath pathOf(Object sdkObject, String member) {
        return request.paths().of(sdkObject, member);
    }

    /** True when the request uses TrainingJobDefinitions (multi-algorithm tuning) rather than TrainingJobDefinition. */
    public boolean multiDefinition() {
        return request().hasTrainingJobDefinitions() && !request().trainingJobDefinitions().isEmpty();
    }

    /** Every training job definition with its path, whichever of the two fields holds it. */
    public List<Definition> definitions() {
        List<Definition> out = new ArrayList<>();
        if (request().trainingJobDefinition() != null) {
            out.add(definition(request().trainingJobDefinition(), false));
        }
        if (request().hasTrainingJobDefinitions()) {
            for (HyperParameterTrainingJobDefinition d : request().trainingJobDefinitions()) {
                out.add(definition(d, true));
            }
        }
        return out;
    }

    private Definition definition(HyperParameterTrainingJobDefinition d, boolean inList) {
        // With one definition the ranges and objective live in the tuning job config; with several, in each one,
        // falling back to the config's.
        boolean ownRanges = inList && d.hyperParameterRanges() != null;
        ParameterRanges ranges = ownRanges ? d.hyperParameterRanges() : config().parameterRanges();
        JsonPath rangesPath = ownRanges ? pathOf(d, "HyperParameterRanges") : CONFIG.field("ParameterRanges");
        HyperParameterTuningJobObjective objective = inList && d.tuningObjective() != null
                ? d.tuningObjective() : config().hyperParameterTuningJobObjective();
        JsonPath objectivePath = inList && d.tuningObjective() != null
                ? pathOf(d, "TuningObjective") : CONFIG.field("HyperParameterTuningJobObjective");
        return new Definition(d, paths().of(d), ranges, rangesPath, objective, objectivePath);
    }

    /**
     * Reports a rule's error — unless the place it names is missing or mistyped, which is already reported and is
     * the cause: a rule's finding about a part the user has to rewrite anyway would only be noise.
     */
    public void error(TuningRule rule, JsonPath path, String message, String fix) {
        if (!problems.isMissingOrMistyped(path)) {
            problems.error(rule.id(), path, message, fix);
        }
    }

    public void warning(TuningRule rule, JsonPath path, String message, String fix) {
        if (!problems.isMissingOrMistyped(path)) {
            problems.warning(rule.id(), path, message, fix);
        }
    }

    /** Whether an error was already reported at or under {@code path} (to avoid saying the same thing twice). */
    public boolean alreadyReported(JsonPath path) {
        return problems.hasErrorAt(path);
    }

    /**
     * A training job definition as the tuning job sees it.
     *
     * @param ranges        the ranges tuned for it (may be null when none are given)
     * @param objective     the objective its training jobs are judged by (may be null)
     */
    public record Definition(HyperParameterTrainingJobDefinition definition, JsonPath path, ParameterRanges ranges,
                             JsonPath rangesPath, HyperParameterTuningJobObjective objective, JsonPath objectivePath) {
    }
}
