package io.tuneflow.engine.tuning;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.CompleteOnConvergence;
import software.amazon.awssdk.services.sagemaker.model.TuningJobCompletionCriteria;

/**
 * TuningJobCompletionCriteria, judged over the training jobs in the order they ended:
 *
 * <ul>
 *   <li><b>TargetObjectiveMetricValue</b>: a training job reached the target.</li>
 *   <li><b>BestObjectiveNotImproving</b>: MaxNumberOfTrainingJobsNotImproving jobs in a row failed to improve on the
 *   best objective by 1% or more — SageMaker's definition of "not improving".</li>
 *   <li><b>ConvergenceDetected</b> (CompleteOnConvergence Enabled). SageMaker does not publish its test; this is
 *   Tuneflow's: the search has converged when, over the last W = max(10, 2·(d + 1)) jobs with an objective (d tuned
 *   hyperparameters), the best objective improved by no more than 0.1% of the spread of all objectives seen, after
 *   at least 2·W such jobs. The spread sets the scale, so the test reads the same for a loss of 0.3 and an error
 *   count of 3,000; the window grows with the dimension because a wider space needs more jobs to show a plateau.</li>
 * </ul>
 *
 * Failed and stopped jobs without an objective are not counted: they say nothing about improvement.
 */
public final class CompletionCriteria {

    static final double IMPROVEMENT = 0.01;
    static final double CONVERGENCE_TOLERANCE = 0.001;

    private final TuningJobCompletionCriteria criteria;
    private final boolean maximize;
    private final int dimensions;

    public CompletionCriteria(TuningJobCompletionCriteria criteria, boolean maximize, int dimensions) {
        this.criteria = criteria;
        this.maximize = maximize;
        this.dimensions = dimensions;
    }

    /** The criteria of a tuning job's request (the dimension is its widest search space's). */
    public static CompletionCriteria of(TuningJob job) {
        var config = job.request().hyperParameterTuningJobConfig();
        var definitions = job.request().trainingJobDefinition() != null ? List.of(job.request().trainingJobDefinition())
                : job.request().trainingJobDefinitions();
        int dimensions = 0;
        for (var definition : definitions) {
            var ranges = definition.hyperParameterRanges() != null ? definition.hyperParameterRanges() : config.parameterRanges();
            dimensions = Math.max(dimensions, SearchSpace.of(ranges).dimensions().size());
        }
        return new CompletionCriteria(config.tuningJobCompletionCriteria(),
                job.objective().type() == software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjectiveType.MAXIMIZE,
                dimensions);
    }

    /**
     * Where a tuning job stands against its criteria.
     *
     * @param trainingJobsNotImproving jobs in a row (the latest ones) that did not improve the best by 1%
     * @param convergenceDetectedTime  when convergence was detected, or null
     * @param reached                  the criterion that completes the job, or null
     */
    public record Assessment(int trainingJobsNotImproving, Instant convergenceDetectedTime, String reached) {
        public Optional<String> reachedCriterion() {
            return Optional.ofNullable(reached);
        }
    }

    public Assessment assess(List<Trial> trials) {
        List<Trial> scored = trials.stream().filter(t -> "Succeeded".equals(t.objectiveStatus()) && t.endTime() != null)
                .sorted(Comparator.comparing(Trial::endTime).thenComparingInt(Trial::index)).toList();
        Double best = null;
        int notImproving = 0;
        String reached = null;
        Instant converged = null;
        int window = Math.max(10, 2 * (dimensions + 1));
        double[] bestAfter = new double[scored.size()];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < scored.size(); n++) {
            double value = scored.get(n).objective();
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (best == null || improvesByOnePercent(value, best)) {
                notImproving = 0;
            } else {
                notImproving++;
            }
            best = best == null ? value : (better(value, best) ? value : best);
            bestAfter[n] = best;
            if (reached == null) {
                reached = reachedAt(n, value, notImproving, bestAfter, window, max - min);
                if ("ConvergenceDetected".equals(reached)) {
                    converged = scored.get(n).endTime();
                }
            }
        }
        return new Assessment(notImproving, converged, reached);
    }

    private String reachedAt(int n, double value, int notImproving, double[] bestAfter, int window, double spread) {
        if (criteria == null) {
            return null;
        }
        if (criteria.targetObjectiveMetricValue() != null) {
            // SageMaker holds metric values and this target as 32-bit floats (the API's Float): compared at that
            // precision, an objective equal to the target reaches it however the decimal rounds to a float.
            float target = criteria.targetObjectiveMetricValue();
            float objective = (float) value;
            if (maximize ? objective >= target : objective <= target) {
                return "TargetObjectiveMetricValue";
            }
        }
        if (criteria.bestObjectiveNotImproving() != null
                && criteria.bestObjectiveNotImproving().maxNumberOfTrainingJobsNotImproving() != null
                && notImproving >= criteria.bestObjectiveNotImproving().maxNumberOfTrainingJobsNotImproving()) {
            return "BestObjectiveNotImproving";
        }
        if (criteria.convergenceDetected() != null
                && criteria.convergenceDetected().completeOnConvergence() == CompleteOnConvergence.ENABLED
                && n + 1 >= 2 * window) {
            double gain = Math.abs(bestAfter[n] - bestAfter[n - window]);
            if (gain <= CONVERGENCE_TOLERANCE * spread) {
                return "ConvergenceDetected";
            }
        }
        return null;
    }

    private boolean improvesByOnePercent(double value, double best) {
        double margin = IMPROVEMENT * Math.abs(best);
        return maximize ? value > best + margin || (margin == 0 && value > best)
                : value < best - margin || (margin == 0 && value < best);
    }

    private boolean better(double value, double best) {
        return maximize ? value > best : value < best;
    }
}
