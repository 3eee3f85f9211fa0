package io.tuneflow.engine.tuning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjective;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjectiveType;

/**
 * A tuning job's bookkeeping, as DescribeHyperParameterTuningJob reports it: status, trials, counters, best trial.
 * Thread-safe: the executor updates it while API calls read it.
 */
public final class TuningJob {

    private final String name;
    private final String arn;
    private final CreateHyperParameterTuningJobRequest request;
    private final Instant creationTime;
    private final List<Trial> trials = new ArrayList<>();
    private String status = "InProgress";
    private String failureReason;
    private Instant endTime;
    private Instant lastModifiedTime;
    private boolean stopRequested;
    private final JobJournal journal;

    public TuningJob(String name, String arn, CreateHyperParameterTuningJobRequest request, Instant creationTime,
                     JobJournal journal) {
        this.name = name;
        this.arn = arn;
        this.request = request;
        this.creationTime = creationTime;
        this.lastModifiedTime = creationTime;
        this.journal = journal;
    }

    /** A job as a journal recorded it, for a restarted engine. */
    public static TuningJob restore(String name, String arn, CreateHyperParameterTuningJobRequest request, Instant creationTime,
                                    String status, String failureReason, Instant endTime, Instant lastModifiedTime,
                                    boolean stopRequested, java.util.List<Trial> trials, JobJournal journal) {
        TuningJob job = new TuningJob(name, arn, request, creationTime, journal);
        job.status = status;
        job.failureReason = failureReason;
        job.endTime = endTime;
        job.lastModifiedTime = lastModifiedTime;
        job.stopRequested = stopRequested;
        job.trials.addAll(trials);
        return job;
    }

    /** Records the job as it is now (after creation). */
    public synchronized void record() {
        journal.jobChanged(this);
    }

    public JobJournal journal() {
        return journal;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    public CreateHyperParameterTuningJobRequest request() {
        return request;
    }

    public Instant creationTime() {
        return creationTime;
    }

    public synchronized String status() {
        return status;
    }

    public synchronized Optional<String> failureReason() {
        return Optional.ofNullable(failureReason);
    }

    public synchronized Optional<Instant> endTime() {
        return Optional.ofNullable(endTime);
    }

    public synchronized Instant lastModifiedTime() {
        return lastModifiedTime;
    }

    public synchronized List<Trial> trials() {
        return List.copyOf(trials);
    }

    public synchronized boolean stopRequested() {
        return stopRequested;
    }

    /** StopHyperParameterTuningJob: Stopping until the running trials have stopped. */
    public synchronized boolean requestStop() {
        if (!status.equals("InProgress")) {
            return false;
        }
        stopRequested = true;
        status = "Stopping";
        lastModifiedTime = Instant.now();
        journal.jobChanged(this);
        return true;
    }

    synchronized void addTrial(Trial trial) {
        trials.add(trial);
        lastModifiedTime = Instant.now();
        journal.trialChanged(this, trial);
    }

    synchronized void updateTrial(Trial trial) {
        trials.set(trial.index() - 1, trial);
        lastModifiedTime = Instant.now();
        journal.trialChanged(this, trial);
        notifyAll();
    }

    synchronized void finish(String finalStatus, String reason) {
        status = finalStatus;
        failureReason = reason;
        endTime = Instant.now();
        lastModifiedTime = endTime;
        journal.jobChanged(this);
        notifyAll();
    }

    /** Blocks until the named trial has ended (or the tuning job has). */
    public synchronized void awaitTrialEnd(String trainingJobName) throws InterruptedException {
        while (endTime == null && trials.stream().anyMatch(t -> t.trainingJobName().equals(trainingJobName) && t.running())) {
            wait();
        }
    }

    /** The objective the trials are judged by (the first definition's, with several). */
    public HyperParameterTuningJobObjective objective() {
        if (request.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective() != null) {
            return request.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective();
        }
        return request.trainingJobDefinitions().get(0).tuningObjective();
    }

    /** The best trial so far: the best objective among trials whose objective succeeded. */
    public synchronized Optional<Trial> best() {
        boolean maximize = objective().type() == HyperParameterTuningJobObjectiveType.MAXIMIZE;
        Comparator<Trial> byObjective = Comparator.comparingDouble(Trial::objective);
        return trials.stream().filter(t -> "Succeeded".equals(t.objectiveStatus()))
                .max(maximize ? byObjective : byObjective.reversed());
    }
}
