package io.tuneflow.core.validation.rules;

import io.tuneflow.core.request.TuningRequest;
import io.tuneflow.core.validation.Problems;

/** Runs every tuning rule (see {@link TuningRule}) over a bound request. */
public final class TuningRules {

    private TuningRules() {
    }

    public static void checkAll(TuningRequest request, Problems problems) {
        RuleContext context = new RuleContext(request, problems);
        DefinitionChecks.check(context);
        ParameterRangeChecks.check(context);
        MetricChecks.check(context);
        StrategyChecks.check(context);
        WarmStartChecks.check(context);
    }
}
