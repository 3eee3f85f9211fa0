package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjective;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobWarmStartConfig;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobWarmStartType;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;
import software.amazon.awssdk.services.sagemaker.model.ParentHyperParameterTuningJob;

/**
 * WarmStartConfig: the parent tuning jobs a new one starts from, checked against SageMaker's warm-start
 * restrictions when the job is created, and their trials turned into observations in the new job's search space.
 *
 * <p>Restrictions (SageMaker Developer Guide, "Run a Warm Start Hyperparameter Tuning Job"): parents must exist and
 * have ended; the objective metric (name and direction) is the parents'; the total number of static plus tunable
 * hyperparameters stays the same; a hyperparameter keeps its type (integer, continuous, categorical); at most 10
 * changes from tunable to static or of a static value; IdenticalDataAndAlgorithm keeps the training image; the
 * parents' training jobs count against the new job's limit of 750 training jobs.
 */
public final class WarmStart {

    static final int MAX_STATIC_CHANGES = 10;
    static final int TRAINING_JOB_LIMIT = 750;
    private static final Set<String> TERMINAL = Set.of("Completed", "Stopped", "Failed");

    /** Thrown for a request the restrictions reject; the API answers it as SageMaker's ValidationException. */
    public static final class RejectedException extends RuntimeException {
        private final boolean limitExceeded;

        RejectedException(String message, boolean limitExceeded) {
            super(message);
            this.limitExceeded = limitExceeded;
        }

        public boolean limitExceeded() {
            return limitExceeded;
        }
    }

    private WarmStart() {
    }

    /**
     * The parents of {@code request}, after checking the restrictions.
     *
     * @param lookup finds a tuning job by name (throws SageMaker's ResourceNotFound for an unknown one)
     */
    public static List<TuningJob> parents(CreateHyperParameterTuningJobRequest request, Function<String, TuningJob> lookup) {
        HyperParameterTuningJobWarmStartConfig config = request.warmStartConfig();
        if (config == null) {
            return List.of();
        }
        List<TuningJob> parents = new ArrayList<>();
        for (ParentHyperParameterTuningJob parent : config.parentHyperParameterTuningJobs()) {
            parents.add(lookup.apply(parent.hyperParameterTuningJobName()));
        }
        int parentTrials = 0;
        for (TuningJob parent : parents) {
            check(request, config.warmStartType(), parent);
            parentTrials += parent.trials().size();
        }
        Integer max = request.hyperParameterTuningJobConfig().resourceLimits().maxNumberOfTrainingJobs();
        if (max != null && parentTrials + max > TRAINING_JOB_LIMIT) {
            throw new RejectedException("The parent tuning jobs ran " + parentTrials + " training jobs; with MaxNumberOfTrainingJobs "
                    + max + " that exceeds the limit of " + TRAINING_JOB_LIMIT + " training jobs for a tuning job, which counts"
                    + " the parents' training jobs too.", true);
        }
        return parents;
    }

    private static void check(CreateHyperParameterTuningJobRequest child, HyperParameterTuningJobWarmStartType type, TuningJob parent) {
        String name = parent.name();
        if (!TERMINAL.contains(parent.status())) {
            throw new RejectedException("Parent tuning job " + name + " is " + parent.status()
                    + "; a warm start tuning job needs parents that have ended (Completed, Stopped or Failed).", false);
        }
        HyperParameterTuningJobObjective childObjective = objective(child);
        HyperParameterTuningJobObjective parentObjective = parent.objective();
        if (!childObjective.metricName().equals(parentObjective.metricName()) || childObjective.type() != parentObjective.type()) {
            throw new RejectedException("The objective " + childObjective.typeAsString() + " " + childObjective.metricName()
                    + " differs from parent tuning job " + name + "'s " + parentObjective.typeAsString() + " "
                    + parentObjective.metricName() + "; warm start keeps the parents' objective metric.", false);
        }
        HyperParameterTrainingJobDefinition childDefinition = definition(child);
        HyperParameterTrainingJobDefinition parentDefinition = definition(parent.request());
        if (type == HyperParameterTuningJobWarmStartType.IDENTICAL_DATA_AND_ALGORITHM) {
            String childImage = childDefinition.algorithmSpecification().trainingImage();
            String parentImage = parentDefinition.algorithmSpecification().trainingImage();
            if (childImage != null && !childImage.equals(parentImage)) {
                throw new RejectedException("IdenticalDataAndAlgorithm keeps the training image, but it is " + childImage
                        + " here and " + parentImage + " in parent tuning job " + name + "; use TransferLearning to change it.", false);
            }
        }
        Map<String, String> childTypes = types(ranges(child, childDefinition));
        Map<String, String> parentTypes = types(ranges(parent.request(), parentDefinition));
        int childTotal = childTypes.size() + staticNames(childDefinition, childTypes).size();
        int parentTotal = parentTypes.size() + staticNames(parentDefinition, parentTypes).size();
        if (childTotal != parentTotal) {
            throw new RejectedException("This job has " + childTotal + " static plus tunable hyperparameters and parent tuning job "
                    + name + " has " + parentTotal + "; warm start keeps their total the same (make a hyperparameter static"
                    + " rather than removing it).", false);
        }
        for (Map.Entry<String, String> tuned : childTypes.entrySet()) {
            String before = parentTypes.get(tuned.getKey());
            if (before != null && !before.equals(tuned.getValue())) {
                throw new RejectedException("Hyperparameter " + tuned.getKey() + " is a " + tuned.getValue() + " range here and a "
                        + before + " range in parent tuning job " + name + "; warm start keeps each hyperparameter's type.", false);
            }
        }
        int changes = 0;
        Map<String, String> childStatic = childDefinition.staticHyperParameters();
        for (String tunedBefore : parentTypes.keySet()) {
            if (childStatic.containsKey(tunedBefore)) {
                changes++;
            }
        }
        for (Map.Entry<String, String> value : parentDefinition.staticHyperParameters().entrySet()) {
            String now = childStatic.get(value.getKey());
            if (now != null && !now.equals(value.getValue())) {
                changes++;
            }
        }
        if (changes > MAX_STATIC_CHANGES) {
            throw new RejectedException(changes + " hyperparameters changed from tunable to static or changed their static value"
                    + " since parent tuning job " + name + "; warm start allows at most " + MAX_STATIC_CHANGES + ".", false);
        }
    }

    /**
     * The parents' trials that produced an objective, as observations in {@code space}: each takes its values of the
     * space's hyperparameters from the parent trial's hyperparameters, tuned or static there. A trial lacking one of
     * them says nothing about this space and is left out.
     */
    public static List<Trial> priorTrials(List<TuningJob> parents, SearchSpace space) {
        List<Trial> prior = new ArrayList<>();
        for (TuningJob parent : parents) {
            for (Trial trial : parent.trials()) {
                if (!"Succeeded".equals(trial.objectiveStatus())) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (Dimension dimension : space.dimensions()) {
                    String value = trial.hyperParameters().get(dimension.name());
                    if (value != null) {
                        values.put(dimension.name(), value);
                    }
                }
                if (values.size() == space.dimensions().size()) {
                    prior.add(new Trial(trial.index(), trial.trainingJobName(), values, trial.hyperParameters(),
                            trial.definitionName(), trial.status(), trial.secondaryStatus(), trial.objectiveStatus(),
                            trial.objective(), trial.finalMetrics(), trial.failureReason(), trial.creationTime(),
                            trial.startTime(), trial.endTime(), trial.modelArtifact(), trial.objectiveCurve()));
                }
            }
        }
        return prior;
    }

    private static HyperParameterTuningJobObjective objective(CreateHyperParameterTuningJobRequest request) {
        if (request.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective() != null) {
            return request.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective();
        }
        return request.trainingJobDefinitions().get(0).tuningObjective();
    }

    private static HyperParameterTrainingJobDefinition definition(CreateHyperParameterTuningJobRequest request) {
        return request.trainingJobDefinition() != null ? request.trainingJobDefinition() : request.trainingJobDefinitions().get(0);
    }

    private static ParameterRanges ranges(CreateHyperParameterTuningJobRequest request, HyperParameterTrainingJobDefinition definition) {
        return definition.hyperParameterRanges() != null ? definition.hyperParameterRanges()
                : request.hyperParameterTuningJobConfig().parameterRanges();
    }

    private static Map<String, String> types(ParameterRanges ranges) {
        Map<String, String> types = new HashMap<>();
        if (ranges != null) {
            ranges.integerParameterRanges().forEach(r -> types.put(r.name(), "integer"));
            ranges.continuousParameterRanges().forEach(r -> types.put(r.name(), "continuous"));
            ranges.categoricalParameterRanges().forEach(r -> types.put(r.name(), "categorical"));
        }
        return types;
    }

    /** Static hyperparameters that are not also tuned (validation rejects those, but count each name once). */
    private static Set<String> staticNames(HyperParameterTrainingJobDefinition definition, Map<String, String> tuned) {
        Set<String> names = new java.util.HashSet<>(definition.staticHyperParameters().keySet());
        names.removeAll(tuned.keySet());
        return names;
    }
}
