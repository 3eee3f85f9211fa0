package io.tuneflow.functions;

/**
 * What {@link StartTuning} returns to the state machine: a compact reference to the tuning job, or why nothing was
 * started. Every field is always present (null when it does not apply), so Choice states can test them.
 *
 * @param results          where the results will be published, {@code s3://bucket/prefix}
 * @param request          where the request came from ({@code s3://...}, or {@code inline})
 * @param startedAt        the tuning job's CreationTime (ISO-8601)
 * @param alreadyStarted   true when an earlier trigger had started this very job: the workflow ends, it does not
 *                         follow the job a second time
 * @param ignored          true when the trigger is not a request at all (a report Tuneflow wrote, a file that is not
 *                         a document): nothing was started
 * @param reason           why the job was already started or the trigger ignored; null otherwise
 * @param warmStartParent  the tuning job this one warm-starts from (schedule with warmStartFromLatest), or null
 * @param nextPollSeconds  how long to wait before the first status check
 */
public record StartTuningOutput(String tuningJobName, String tuningJobArn, String pipelineName, String results,
                                String request, String startedAt, boolean alreadyStarted, boolean ignored,
                                String reason, String warmStartParent, int nextPollSeconds) {

    static StartTuningOutput ignored(String reason) {
        return new StartTuningOutput(null, null, null, null, null, null, false, true, reason, null, 0);
    }
}
