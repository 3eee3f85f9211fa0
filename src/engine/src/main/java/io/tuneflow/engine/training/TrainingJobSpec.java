package io.tuneflow.engine.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;

/**
 * One training job as SageMaker hands it to a container: hyperparameters as strings (static ones and the tuned
 * values, plus {@code _tuning_objective_metric}), the image, the metric definitions, the environment, the input
 * channels (already materialised as local directories), the instance shape and the runtime limit.
 */
public record TrainingJobSpec(
        String trainingJobName,
        Map<String, String> hyperParameters,
        String trainingImage,
        List<MetricDefinition> metricDefinitions,
        Map<String, String> environment,
        Map<String, Path> channels,
        String instanceType,
        int instanceCount,
        Duration maxRuntime) {

    public TrainingJobSpec {
        Objects.requireNonNull(trainingJobName, "trainingJobName");
        hyperParameters = Map.copyOf(hyperParameters);
        metricDefinitions = List.copyOf(metricDefinitions);
        environment = Map.copyOf(environment);
        channels = Map.copyOf(channels);
        Objects.requireNonNull(maxRuntime, "maxRuntime");
    }
}
