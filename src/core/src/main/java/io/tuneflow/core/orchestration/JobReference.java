package io.tuneflow.core.orchestration;

import java.time.Instant;

/**
 * A started tuning job, small enough to pass between steps (a Step Functions payload, the CLI's loop).
 *
 * @param alreadyStarted true when the same request had started the job before: nothing new was created
 */
public record JobReference(String tuningJobName, String tuningJobArn, String pipelineName, boolean alreadyStarted,
                           Instant startedAt) {
}
