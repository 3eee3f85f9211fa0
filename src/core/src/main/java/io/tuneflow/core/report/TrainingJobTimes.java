package io.tuneflow.core.report;

import java.time.Instant;

/**
 * A training job and when it ran — what a {@link MetricCurveSource} needs to find its series (CloudWatch asks for a
 * time window).
 *
 * @param start null when the job never started
 * @param end   null while the job runs
 */
public record TrainingJobTimes(String name, Instant start, Instant end) {
}
