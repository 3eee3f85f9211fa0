package io.tuneflow.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.services.scheduler.ContextAttribute;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;

/**
 * A pipeline retrained on a schedule: EventBridge Scheduler starts the workflow with the pipeline's request, warm
 * starting from the pipeline's {@code latest.json} (the previous run's job, with the parents it had, at most five).
 *
 * @param pipeline      the pipeline's name, as its results folder and {@code latest.json} know it
 * @param expression    when: {@code ScheduleExpression.cron(...)}, {@code rate(...)} or {@code expression("cron(0 3 * * ? *)")}
 * @param requestKey    the request's key in the orchestrator's bucket; null for the pipeline's
 *                      {@code <requests>/<pipeline>.json} (or {@code .yaml}, {@code .yml})
 * @param warmStart     whether each run warm-starts from the previous one
 * @param warmStartType null for the functions' default, {@code IdenticalDataAndAlgorithm}; a WarmStartType the request
 *                      names wins over either
 */
public record RetrainingSchedule(String pipeline, ScheduleExpression expression, String requestKey, boolean warmStart,
                                 String warmStartType) {

    private static final Set<String> WARM_START_TYPES = Set.of("IdenticalDataAndAlgorithm", "TransferLearning");

    public RetrainingSchedule {
        Objects.requireNonNull(expression, "expression");
        if (pipeline == null || !pipeline.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("A schedule's pipeline name is 1 to 64 letters, digits, '.', '_' and '-', "
                    + "starting with a letter or digit; \"" + pipeline + "\" is not.");
        }
        if (warmStartType != null && !WARM_START_TYPES.contains(warmStartType)) {
            throw new IllegalArgumentException("The schedule of pipeline " + pipeline + " has warmStartType \"" + warmStartType
                    + "\"; SageMaker's WarmStartType is IdenticalDataAndAlgorithm or TransferLearning.");
        }
    }

    /** Nightly or any other cadence, warm-starting from the previous run, with the pipeline's conventional request. */
    public static RetrainingSchedule of(String pipeline, ScheduleExpression expression) {
        return new RetrainingSchedule(pipeline, expression, null, true, null);
    }

    public RetrainingSchedule withRequestKey(String key) {
        return new RetrainingSchedule(pipeline, expression, key, warmStart, warmStartType);
    }

    public RetrainingSchedule withWarmStartType(String type) {
        return new RetrainingSchedule(pipeline, expression, requestKey, true, type);
    }

    public RetrainingSchedule withoutWarmStart() {
        return new RetrainingSchedule(pipeline, expression, requestKey, false, null);
    }

    /**
     * The execution input StartTuning reads as a schedule (docs/serverless.md, "Triggers"); the scheduled time is part
     * of the job's name, so each run is a new job and a retried delivery of the same run is not.
     */
    Map<String, Object> executionInput(String bucketName) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("pipeline", pipeline);
        input.put("bucket", bucketName);
        if (requestKey != null) {
            input.put("requestKey", requestKey);
        }
        input.put("warmStartFromLatest", warmStart);
        if (warmStartType != null) {
            input.put("warmStartType", warmStartType);
        }
        input.put("scheduledTime", ContextAttribute.getScheduledTime());
        return input;
    }
}
