package io.tuneflow.core.validation.rules;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStrategyType;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobWarmStartConfig;
import software.amazon.awssdk.services.sagemaker.model.ParentHyperParameterTuningJob;
import io.tuneflow.core.document.JsonPath;

/** Rules on WarmStartConfig that can be checked without looking the parent jobs up. */
final class WarmStartChecks {

    private WarmStartChecks() {
    }

    static void check(RuleContext context) {
        HyperParameterTuningJobWarmStartConfig warmStart = context.request().warmStartConfig();
        if (warmStart == null) {
            return;
        }
        Map<String, JsonPath> seen = new HashMap<>();
        for (ParentHyperParameterTuningJob parent : warmStart.parentHyperParameterTuningJobs()) {
            String name = parent.hyperParameterTuningJobName();
            if (name == null) {
                continue;
            }
            JsonPath first = seen.putIfAbsent(name, context.pathOf(parent, "HyperParameterTuningJobName"));
            if (first != null) {
                context.error(TuningRule.WARM_START_DUPLICATE_PARENT, context.pathOf(parent, "HyperParameterTuningJobName"),
                        "Parent tuning job \"" + name + "\" is already listed at " + first + ".",
                        "List each parent once.");
            }
        }
        HyperParameterTuningJobStrategyType strategy = context.config().strategy();
        if (strategy == HyperParameterTuningJobStrategyType.HYPERBAND || strategy == HyperParameterTuningJobStrategyType.GRID) {
            context.warning(TuningRule.WARM_START_STRATEGY, JsonPath.root().field("WarmStartConfig"),
                    "SageMaker documents warm start for the Bayesian and Random strategies, not for " + strategy + ".",
                    "Remove WarmStartConfig, or use the Bayesian or Random strategy.");
        }
    }
}
