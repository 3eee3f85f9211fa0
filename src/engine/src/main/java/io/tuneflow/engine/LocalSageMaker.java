package io.tuneflow.engine;

import io.tuneflow.engine.api.SageMakerError;
import io.tuneflow.engine.s3.S3Transfers;
import io.tuneflow.engine.training.LocalImage;
import io.tuneflow.engine.training.TrainingJobRunner;
import io.tuneflow.engine.tuning.JobJournal;
import io.tuneflow.engine.tuning.Trial;
import io.tuneflow.engine.tuning.TuningJob;
import io.tuneflow.engine.tuning.TuningJobExecutor;
import io.tuneflow.engine.tuning.WarmStart;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;

/**
 * The engine: SageMaker tuning jobs on this machine. Holds the tuning jobs, starts an executor per job and
 * answers the API's questions about them. The HTTP layer ({@code api}) translates SageMaker's JSON protocol to these
 * calls.
 */
public final class LocalSageMaker implements AutoCloseable {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(LocalSageMaker.class.getName());

    public static final String REGION = "us-east-1";
    /** SageMaker's default quotas (Service Quotas) that requests can exceed; the engine enforces the same numbers. */
    static final int MAX_CONCURRENT_TUNING_JOBS = 100;
    static final int MAX_TRAINING_JOBS_PER_TUNING_JOB = 750;
    static final int MAX_PARALLEL_TRAINING_JOBS_PER_TUNING_JOB = 100;
    public static final String ACCOUNT = "000000000000";

    private final TrainingJobRunner runner;
    private final S3Transfers s3;
    private final Path workspace;
    private final Map<String, LocalImage> localImages;
    private final FaultInjection faults;
    private final JobJournal journal;
    private final Map<String, TuningJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, TuningJobExecutor> executors = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();

    public LocalSageMaker(TrainingJobRunner runner, S3Transfers s3, Path workspace, Map<String, LocalImage> localImages) {
        this(runner, s3, workspace, localImages, FaultInjection.none(), JobJournal.NONE);
    }

    public LocalSageMaker(TrainingJobRunner runner, S3Transfers s3, Path workspace, Map<String, LocalImage> localImages,
                          FaultInjection faults) {
        this(runner, s3, workspace, localImages, faults, JobJournal.NONE);
    }

    /**
     * @param journal where every change is recorded ({@link io.tuneflow.engine.store.EngineStore} makes the engine
     *                survive restarts)
     */
    public LocalSageMaker(TrainingJobRunner runner, S3Transfers s3, Path workspace, Map<String, LocalImage> localImages,
                          FaultInjection faults, JobJournal journal) {
        this.faults = faults;
        this.journal = journal;
        this.runner = runner;
        this.s3 = s3;
        this.workspace = workspace;
        this.localImages = Map.copyOf(localImages);
    }

    public FaultInjection faults() {
        return faults;
    }

    /** Starts a validated request; a name in use is SageMaker's ResourceInUse. */
    public TuningJob create(CreateHyperParameterTuningJobRequest request) {
        checkQuotas(request);
        List<TuningJob> parents = warmStartParents(request);
        String name = request.hyperParameterTuningJobName();
        String arn = "arn:aws:sagemaker:" + REGION + ":" + ACCOUNT + ":hyper-parameter-tuning-job/" + name.toLowerCase(Locale.ROOT);
        TuningJob job = new TuningJob(name, arn, request, Instant.now(), journal);
        // SageMaker names are case-insensitive: "MyJob" and "myjob" are the same job.
        TuningJob existing = jobs.putIfAbsent(name.toLowerCase(Locale.ROOT), job);
        if (existing != null) {
            throw SageMakerError.inUse("Hyperparameter tuning job with name " + name + " already exists. Choose a different name.");
        }
        job.record();
        recordNotes(job);
        run(executor(job, parents));
        return job;
    }

    private List<TuningJob> warmStartParents(CreateHyperParameterTuningJobRequest request) {
        try {
            return WarmStart.parents(request, this::tuningJob);
        } catch (WarmStart.RejectedException e) {
            throw e.limitExceeded() ? SageMakerError.limitExceeded(e.getMessage()) : SageMakerError.validation(e.getMessage());
        }
    }

    private TuningJobExecutor executor(TuningJob job, List<TuningJob> parents) {
        return new TuningJobExecutor(job, runner, s3, workspace, localImages, faults, parents);
    }

    /** A tuning job's warm-start parents (none without WarmStartConfig); for OverallBestTrainingJob. */
    public List<TuningJob> parentsOf(TuningJob job) {
        if (job.request().warmStartConfig() == null) {
            return List.of();
        }
        return job.request().warmStartConfig().parentHyperParameterTuningJobs().stream()
                .map(p -> jobs.get(p.hyperParameterTuningJobName().toLowerCase(Locale.ROOT)))
                .filter(java.util.Objects::nonNull).toList();
    }

    private void checkQuotas(CreateHyperParameterTuningJobRequest request) {
        var limits = request.hyperParameterTuningJobConfig().resourceLimits();
        if (limits.maxNumberOfTrainingJobs() != null && limits.maxNumberOfTrainingJobs() > MAX_TRAINING_JOBS_PER_TUNING_JOB) {
            throw SageMakerError.limitExceeded("The account-level service limit 'Number of training jobs per hyperparameter tuning job' is "
                    + MAX_TRAINING_JOBS_PER_TUNING_JOB + ", and MaxNumberOfTrainingJobs is " + limits.maxNumberOfTrainingJobs() + ".");
        }
        if (limits.maxParallelTrainingJobs() != null && limits.maxParallelTrainingJobs() > MAX_PARALLEL_TRAINING_JOBS_PER_TUNING_JOB) {
            throw SageMakerError.limitExceeded("The account-level service limit 'Number of parallel training jobs per hyperparameter"
                    + " tuning job' is " + MAX_PARALLEL_TRAINING_JOBS_PER_TUNING_JOB + ", and MaxParallelTrainingJobs is "
                    + limits.maxParallelTrainingJobs() + ".");
        }
        long running = jobs.values().stream().filter(j -> j.endTime().isEmpty()).count();
        if (running >= MAX_CONCURRENT_TUNING_JOBS) {
            throw SageMakerError.limitExceeded("The account-level service limit 'Number of concurrent hyperparameter tuning jobs' is "
                    + MAX_CONCURRENT_TUNING_JOBS + ", with " + running + " in progress.");
        }
    }

    /** Warns, in the log and in {@code jobs/<name>/local-execution.json}, of what runs differently here. */
    private void recordNotes(TuningJob job) {
        List<String> notes = LocalExecutionNotes.of(job.request());
        notes.forEach(note -> LOG.warning(job.name() + ": " + note));
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(workspace.resolve(job.name()));
            var document = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            document.put("tuningJob", job.name());
            var warnings = document.putArray("warnings");
            notes.forEach(warnings::add);
            java.nio.file.Files.writeString(dir.resolve("local-execution.json"), document.toPrettyString());
        } catch (java.io.IOException e) {
            LOG.warning(job.name() + ": cannot write local-execution.json: " + e.getMessage());
        }
    }

    /**
     * Takes over the jobs a previous engine recorded: finished ones are only listed; unfinished ones continue to their
     * end. Trainers that the previous engine left running are ended first: their instance is gone, as SageMaker would
     * see it, and their trials are retried per RetryStrategy or failed as internal errors.
     */
    public void resume(List<io.tuneflow.engine.store.EngineStore.Restored> restored) {
        for (io.tuneflow.engine.store.EngineStore.Restored entry : restored) {
            TuningJob job = entry.job();
            jobs.put(job.name().toLowerCase(Locale.ROOT), job);
            if (job.endTime().isPresent()) {
                continue;
            }
            entry.trainerPids().values().stream()
                    .filter(pid -> io.tuneflow.engine.training.TrainerSession.runsIn(pid, workspace))
                    .forEach(pid -> {
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                        io.tuneflow.engine.training.TrainerSession.killRemaining(pid);
                    });
            TuningJobExecutor executor = executor(job, parentsOf(job));
            executor.resumeInterrupted();
            run(executor);
        }
    }

    private void run(TuningJobExecutor executor) {
        String key = executor.job().name().toLowerCase(Locale.ROOT);
        executors.put(key, executor);
        Thread thread = new Thread(executor::run, "tuning-" + executor.job().name());
        thread.setDaemon(true);
        threads.put(key, thread);
        thread.start();
    }

    public TuningJob tuningJob(String name) {
        TuningJob job = name == null ? null : jobs.get(name.toLowerCase(Locale.ROOT));
        if (job == null) {
            throw SageMakerError.notFound("Amazon SageMaker can't find a tuning job with name " + name);
        }
        return job;
    }

    public Collection<TuningJob> tuningJobs() {
        return jobs.values();
    }

    public void stop(String name) {
        TuningJob job = tuningJob(name);
        if (!job.requestStop()) {
            throw SageMakerError.validation("The hyperparameter tuning job " + name + " is not in progress: it is " + job.status() + ".");
        }
        executors.get(job.name().toLowerCase(Locale.ROOT)).stopAll();
    }

    /** StopTrainingJob: stops a running training job of a tuning job. */
    public void stopTrainingJob(String name) {
        Map.Entry<TuningJob, Trial> found = trainingJob(name)
                .orElseThrow(() -> SageMakerError.notFound("Requested resource not found: training job " + name));
        TuningJobExecutor executor = executors.get(found.getKey().name().toLowerCase(Locale.ROOT));
        if (!found.getValue().running()) {
            throw SageMakerError.validation("The training job " + name + " is not in progress: it is " + found.getValue().status() + ".");
        }
        executor.stopTrial(found.getValue().trainingJobName());
    }

    /** The trial (training job) with this name, with the tuning job it belongs to. */
    public Optional<Map.Entry<TuningJob, Trial>> trainingJob(String name) {
        for (TuningJob job : jobs.values()) {
            for (Trial trial : job.trials()) {
                if (trial.trainingJobName().equalsIgnoreCase(name)) {
                    return Optional.of(Map.entry(job, trial));
                }
            }
        }
        return Optional.empty();
    }

    /** Waits for a tuning job to end (tests and the CLI's local run). */
    public void awaitEnd(String name) throws InterruptedException {
        Thread thread = threads.get(name.toLowerCase(Locale.ROOT));
        if (thread != null) {
            thread.join();
        }
    }

    /** Waits for one training job to end (tests). */
    public void awaitTrialEnd(String trainingJobName) throws InterruptedException {
        Optional<Map.Entry<TuningJob, Trial>> found = trainingJob(trainingJobName);
        if (found.isPresent()) {
            found.get().getKey().awaitTrialEnd(found.get().getValue().trainingJobName());
        }
    }

    @Override
    public void close() {
        executors.values().forEach(TuningJobExecutor::stopAll);
        threads.values().forEach(Thread::interrupt);
    }
}
