package io.tuneflow.core.orchestration;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatusCounters;

/**
 * The Check step: one DescribeHyperParameterTuningJob call, turned into a {@link TuningStatus}. Throttling and transient
 * errors are the SDK client's retry policy's business (build the client with standard or adaptive retries), not
 * retried here.
 *
 * <p>The next poll interval is a tenth of the elapsed time, between 5 seconds and 5 minutes: a young job is looked at
 * often, a long one rarely, which keeps a days-long job far from Step Functions' 25,000-event history limit.
 */
public final class CheckTuningJob {

    static final int MIN_POLL_SECONDS = 5;
    static final int MAX_POLL_SECONDS = 300;

    private final SageMakerClient sageMaker;
    private final Clock clock;

    public CheckTuningJob(SageMakerClient sageMaker) {
        this(sageMaker, Clock.systemUTC());
    }

    public CheckTuningJob(SageMakerClient sageMaker, Clock clock) {
        this.sageMaker = sageMaker;
        this.clock = clock;
    }

    public TuningStatus check(String tuningJobName) {
        DescribeHyperParameterTuningJobResponse job = sageMaker.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName(tuningJobName));
        long elapsed = Math.max(0, Duration.between(job.creationTime(),
                job.hyperParameterTuningEndTime() != null ? job.hyperParameterTuningEndTime() : clock.instant()).getSeconds());
        HyperParameterTrainingJobSummary best = job.bestTrainingJob();
        return new TuningStatus(job.hyperParameterTuningJobName(), job.hyperParameterTuningJobStatusAsString(),
                counters(job.trainingJobStatusCounters()),
                best == null ? null : best.trainingJobName(),
                best == null || best.finalHyperParameterTuningJobObjectiveMetric() == null ? null
                        : MetricValues.decimal(best.finalHyperParameterTuningJobObjectiveMetric().value()),
                best == null ? Map.of() : best.tunedHyperParameters(),
                elapsed, nextPollSeconds(elapsed), job.failureReason());
    }

    /** When to look again at a job that has run for {@code elapsedSeconds}: a tenth of it, within 5 s and 5 min. */
    public static int nextPollSeconds(long elapsedSeconds) {
        return (int) Math.max(MIN_POLL_SECONDS, Math.min(MAX_POLL_SECONDS, elapsedSeconds / 10));
    }

    private static Map<String, Integer> counters(TrainingJobStatusCounters c) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (c != null) {
            out.put("Completed", zeroIfNull(c.completed()));
            out.put("InProgress", zeroIfNull(c.inProgress()));
            out.put("RetryableError", zeroIfNull(c.retryableError()));
            out.put("NonRetryableError", zeroIfNull(c.nonRetryableError()));
            out.put("Stopped", zeroIfNull(c.stopped()));
        }
        return out;
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
