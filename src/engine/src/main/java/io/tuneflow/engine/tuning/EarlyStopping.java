package io.tuneflow.engine.tuning;

import io.tuneflow.core.request.HyperbandResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobConfig;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStrategyType;
import software.amazon.awssdk.services.sagemaker.model.HyperbandStrategyConfig;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobEarlyStoppingType;

/**
 * Decides, each time a running training job logs its objective, whether the tuning job stops it: Hyperband's rungs
 * for the Hyperband strategy, the median rule for TrainingJobEarlyStoppingType Auto, never otherwise.
 */
interface EarlyStopping {

    EarlyStopping NEVER = (trial, curve, curves) -> Optional.empty();

    /**
     * @param trial  the running trial that logged a value
     * @param curve  its objective values so far, the latest last
     * @param curves every trial's objective values so far, by trial index
     * @return why the trial must stop now, if it must
     */
    Optional<String> judge(Trial trial, List<Double> curve, Map<Integer, List<Double>> curves);

    /** Takes in what a trial reached before the engine restarted. */
    default void replay(Trial trial) {
    }

    static EarlyStopping of(HyperParameterTuningJobConfig config, List<HyperParameterTrainingJobDefinition> definitions,
                            boolean maximize) {
        if (config.strategy() == HyperParameterTuningJobStrategyType.HYPERBAND) {
            HyperbandStopping stopping = new HyperbandStopping(hyperbandSchedule(config, definitions), maximize);
            return new EarlyStopping() {
                @Override
                public Optional<String> judge(Trial trial, List<Double> curve, Map<Integer, List<Double>> curves) {
                    return stopping.judge(trial.index(), curve).map(HyperbandStopping.Verdict::describe);
                }

                @Override
                public void replay(Trial trial) {
                    stopping.replay(trial.index(), trial.objectiveCurve());
                }
            };
        }
        if (config.trainingJobEarlyStoppingType() == TrainingJobEarlyStoppingType.AUTO) {
            MedianStoppingRule rule = new MedianStoppingRule(maximize);
            return (trial, curve, curves) -> {
                List<List<Double>> previous = new ArrayList<>();
                curves.forEach((index, values) -> {
                    if (index < trial.index()) {
                        previous.add(values);
                    }
                });
                return rule.judge(curve, previous).map(MedianStoppingRule.Verdict::describe);
            };
        }
        return NEVER;
    }

    /** The brackets of a Hyperband tuning job: MinResource (default 1) and MaxResource from its strategy config. */
    static HyperbandSchedule hyperbandSchedule(HyperParameterTuningJobConfig config,
                                               List<HyperParameterTrainingJobDefinition> definitions) {
        HyperbandStrategyConfig hyperband = config.strategyConfig() == null ? null : config.strategyConfig().hyperbandStrategyConfig();
        int max = HyperbandResources.maxResource(hyperband, definitions.get(0).staticHyperParameters())
                .orElseThrow(() -> new IllegalStateException("Hyperband without MaxResource passed validation"));
        int min = hyperband != null && hyperband.minResource() != null ? hyperband.minResource() : 1;
        return new HyperbandSchedule(min, max);
    }
}
