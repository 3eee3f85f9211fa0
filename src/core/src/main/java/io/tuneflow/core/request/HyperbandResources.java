package io.tuneflow.core.request;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import software.amazon.awssdk.services.sagemaker.model.HyperbandStrategyConfig;

/**
 * Hyperband's maximum resource (epochs): HyperbandStrategyConfig.MaxResource, or, when it is not given, a static
 * epochs hyperparameter, as SageMaker infers it. One place for the validation rule and the engine.
 */
public final class HyperbandResources {

    /** Static hyperparameters SageMaker reads MaxResource from when HyperbandStrategyConfig does not give it. */
    public static final List<String> EPOCH_HYPERPARAMETERS = List.of("epochs", "numepochs", "n-epochs", "n_epochs", "num_epochs");

    private HyperbandResources() {
    }

    public static OptionalInt maxResource(HyperbandStrategyConfig config, Map<String, String> staticHyperParameters) {
        if (config != null && config.maxResource() != null) {
            return OptionalInt.of(config.maxResource());
        }
        for (String name : EPOCH_HYPERPARAMETERS) {
            String value = staticHyperParameters.get(name);
            if (value != null) {
                try {
                    // framework estimators JSON-encode hyperparameters: "\"30\"" as well as "30"
                    return OptionalInt.of((int) Math.round(Double.parseDouble(value.strip().replace("\"", ""))));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }
}
