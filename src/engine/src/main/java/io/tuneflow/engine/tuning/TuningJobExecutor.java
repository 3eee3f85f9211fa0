package io.tuneflow.engine.tuning;

import io.tuneflow.core.metrics.MetricSeries;
import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.s3.S3Transfers;
import io.tuneflow.engine.training.JobDirectory;
import io.tuneflow.engine.training.LocalImage;
import io.tuneflow.engine.training.TrainerLaunch;
import io.tuneflow.engine.training.TrainingJobRunner;
import io.tuneflow.engine.training.TrainingJobSpec;
import io.tuneflow.engine.training.TrainingOutcome;
import io.tuneflow.engine.training.RunningTrainingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobConfig;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjectiveType;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStrategyType;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

/**
 * Runs one tuning job to its end with SageMaker's lifecycle: fills up to MaxParallelTrainingJobs slots with the
 * strategy's suggestions until MaxNumberOfTrainingJobs (or the grid) is exhausted, the target objective is reached,
 * the tuning job's MaxRuntimeInSeconds passes, or it is stopped; then records how it ended.
 */
public final class TuningJobExecutor {

    private static final Logger LOG = Logger.getLogger(TuningJobExecutor.class.getName());
    private static final String OBJECTIVE_HYPERPARAMETER = "_tuning_objective_metric";

    private final TuningJob job;
    private final TrainingJobRunner runner;
    private final S3Transfers s3;
    private final Path workspace;
    private final Map<String, LocalImage> localImages;
    private final List<HyperParameterTrainingJobDefinition> definitions;
    private final List<Strategy> strategies = new ArrayList<>();
    /** What the trials tell the executor's loop: one ended, or one logged an objective value. Read by the loop only. */
    private final LinkedBlockingQueue<TrialEvent> events = new LinkedBlockingQueue<>();
    /** The objective values each trial has logged so far; used by the loop thread only. */
    private final Map<Integer, List<Double>> curves = new HashMap<>();
    private final EarlyStopping earlyStopping;
    private final CompletionCriteria completion;
    /** Stops trials on a thread of its own: a stop waits for the trainer to exit, the loop must not. */
    private final ExecutorService stopper;
    private final Map<String, RunningTrainingJob> running = new ConcurrentHashMap<>();
    /** Trials asked to stop, possibly before their process exists (while their data is still downloading). */
    private final java.util.Set<String> stopRequests = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private final FaultInjection faults;

    public TuningJobExecutor(TuningJob job, TrainingJobRunner runner, S3Transfers s3, Path workspace,
                             Map<String, LocalImage> localImages, FaultInjection faults) {
        this(job, runner, s3, workspace, localImages, faults, List.of());
    }

    /**
     * @param parents the warm-start parents ({@link WarmStart}); strategies that learn from history start from their
     *                trials
     */
    public TuningJobExecutor(TuningJob job, TrainingJobRunner runner, S3Transfers s3, Path workspace,
                             Map<String, LocalImage> localImages, FaultInjection faults, List<TuningJob> parents) {
        this.job = job;
        this.faults = faults;
        this.runner = runner;
        this.s3 = s3;
        this.workspace = workspace;
        this.localImages = Map.copyOf(localImages);
        HyperParameterTuningJobConfig config = job.request().hyperParameterTuningJobConfig();
        this.definitions = job.request().trainingJobDefinition() != null
                ? List.of(job.request().trainingJobDefinition()) : job.request().trainingJobDefinitions();
        long seed = config.randomSeed() != null ? config.randomSeed() : job.name().hashCode();
        boolean maximize = job.objective().type() == HyperParameterTuningJobObjectiveType.MAXIMIZE;
        for (int d = 0; d < definitions.size(); d++) {
            ParameterRanges ranges = definitions.get(d).hyperParameterRanges() != null
                    ? definitions.get(d).hyperParameterRanges() : config.parameterRanges();
            SearchSpace space = SearchSpace.of(ranges);
            strategies.add(strategy(config.strategy(), definitions.get(d), space, seed + d)
                    .withPriorTrials(WarmStart.priorTrials(parents, space)));
        }
        this.earlyStopping = EarlyStopping.of(config, definitions, maximize);
        this.completion = CompletionCriteria.of(job);
        for (Trial trial : job.trials()) {
            curves.put(trial.index(), new ArrayList<>(trial.objectiveCurve()));
            earlyStopping.replay(trial);
        }
        int parallel = config.resourceLimits().maxParallelTrainingJobs();
        this.pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, job.name() + "-trial");
            t.setDaemon(true);
            return t;
        });
        this.stopper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, job.name() + "-stopper");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Where the next configurations come from. Hyperband's come from a model of the results at its rungs
     * ({@link HyperbandStrategy}); its stopping is {@link EarlyStopping}'s.
     */
    private Strategy strategy(HyperParameterTuningJobStrategyType type, HyperParameterTrainingJobDefinition definition,
                              SearchSpace space, long seed) {
        if (type == HyperParameterTuningJobStrategyType.GRID) {
            return new GridStrategy(space);
        }
        // A definition's own objective (multi-definition jobs) decides its direction, else the job's.
        boolean maximize = (definition.tuningObjective() != null ? definition.tuningObjective().type() : job.objective().type())
                == HyperParameterTuningJobObjectiveType.MAXIMIZE;
        if (type == HyperParameterTuningJobStrategyType.BAYESIAN) {
            return new BayesianStrategy(space, maximize, seed);
        }
        if (type == HyperParameterTuningJobStrategyType.HYPERBAND) {
            HyperParameterTuningJobConfig config = job.request().hyperParameterTuningJobConfig();
            return new HyperbandStrategy(space, EarlyStopping.hyperbandSchedule(config, definitions), maximize, seed);
        }
        return new RandomStrategy(space, seed);
    }

    public TuningJob job() {
        return job;
    }

    /**
     * For a job taken over from a stopped engine: its trials that were running when the engine went away are run again
     * (same name and hyperparameters) when the definition's RetryStrategy allows a retry, and otherwise fail as
     * internal errors, which is how SageMaker treats a training job whose instance is lost.
     */
    public void resumeInterrupted() {
        for (Trial trial : job.trials()) {
            if (!trial.running()) {
                continue;
            }
            HyperParameterTrainingJobDefinition definition = definitions.get((trial.index() - 1) % definitions.size());
            boolean retry = definition.retryStrategy() != null && definition.retryStrategy().maximumRetryAttempts() != null
                    && definition.retryStrategy().maximumRetryAttempts() > 0 && !job.stopRequested();
            if (retry) {
                pool.submit(() -> events.add(new TrialEvent.Ended(attempt(trial, definition))));
            } else {
                job.updateTrial(failed(trial, "InternalServerError: the engine stopped while the training job ran"));
            }
        }
    }

    /** Runs the tuning job to its end; call on a thread of its own. */
    public void run() {
        try {
            loop();
            boolean anySucceeded = job.trials().stream().anyMatch(t -> "Succeeded".equals(t.objectiveStatus()));
            if (job.stopRequested()) {
                job.finish("Stopped", null);
            } else if (!anySucceeded) {
                job.finish("Failed", "No training job produced the objective metric " + job.objective().metricName());
            } else {
                job.finish("Completed", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll();
            job.finish("Stopped", "The engine shut down");
        } catch (RuntimeException e) {
            stopAll();
            job.finish("Failed", "Internal error: " + e.getMessage());
        } finally {
            pool.shutdownNow();
            stopper.shutdown();
        }
    }

    private void loop() throws InterruptedException {
        HyperParameterTuningJobConfig config = job.request().hyperParameterTuningJobConfig();
        Integer maxJobs = config.resourceLimits().maxNumberOfTrainingJobs();
        int limit = maxJobs != null ? maxJobs : strategies.stream().mapToInt(s -> s.size().orElse(0)).sum();
        int parallel = config.resourceLimits().maxParallelTrainingJobs();
        Instant deadline = config.resourceLimits().maxRuntimeInSeconds() == null ? null
                : job.creationTime().plusSeconds(config.resourceLimits().maxRuntimeInSeconds());
        boolean exhausted = false;
        boolean ending = false;
        while (true) {
            // Stop, the tuning job's runtime or a completion criterion end the job: running trials are stopped once.
            if (!ending && (job.stopRequested() || (deadline != null && Instant.now().isAfter(deadline)) || criterionReached())) {
                stopAll();
                ending = true;
                exhausted = true;
            }
            int active = (int) job.trials().stream().filter(Trial::running).count();
            while (!exhausted && active < parallel && job.trials().size() < limit) {
                int index = job.trials().size() + 1;
                int definition = (index - 1) % definitions.size();
                List<Trial> history = job.trials().stream()
                        .filter(t -> definitions.size() == 1 || (t.index() - 1) % definitions.size() == definition)
                        .map(this::withCurveSoFar).toList();
                List<Map<String, String>> next = strategies.get(definition).suggest(1, history);
                if (next.isEmpty()) {
                    exhausted = true;
                    break;
                }
                launch(index, definition, next.get(0));
                active++;
            }
            if (job.trials().size() >= limit) {
                exhausted = true;
            }
            if (active == 0 && exhausted) {
                return;
            }
            // Wakes at least once a second for the tuning job's MaxRuntimeInSeconds; otherwise on the trials' events.
            TrialEvent event = events.poll(1, TimeUnit.SECONDS);
            if (event instanceof TrialEvent.Started started) {
                job.updateTrial(started.trial()); // before its Ended: one thread sends both, through one queue
            } else if (event instanceof TrialEvent.Ended ended) {
                curves.put(ended.trial().index(), new ArrayList<>(ended.trial().objectiveCurve()));
                job.updateTrial(ended.trial());
            } else if (event instanceof TrialEvent.ObjectiveLogged logged) {
                objectiveLogged(logged);
            }
        }
    }

    /**
     * A running trial as the strategies see it: with the objective values it has logged so far (Hyperband's model uses
     * a running trial's value at every level it has passed; the other strategies treat running trials as pending).
     */
    private Trial withCurveSoFar(Trial trial) {
        List<Double> curve = curves.get(trial.index());
        boolean newer = trial.running() && curve != null && curve.size() > trial.objectiveCurve().size();
        return newer ? trial.withObjectiveCurve(curve) : trial;
    }

    private boolean criterionReached() {
        return completion.assess(job.trials()).reachedCriterion().isPresent();
    }

    /** An epoch's objective value from a running trial: early stopping and Hyperband judge it here. */
    private void objectiveLogged(TrialEvent.ObjectiveLogged logged) {
        Trial trial = job.trials().stream().filter(t -> t.trainingJobName().equals(logged.trainingJobName()))
                .findFirst().orElse(null);
        if (trial == null || !trial.running()) {
            return; // a value that arrived after the trial's end was recorded: its curve is already complete
        }
        List<Double> curve = curves.computeIfAbsent(trial.index(), k -> new ArrayList<>());
        curve.add(logged.value());
        if (stopRequests.contains(trial.trainingJobName()) || job.stopRequested()) {
            return;
        }
        earlyStopping.judge(trial, curve, curves).ifPresent(reason -> {
            LOG.info(trial.trainingJobName() + ": " + reason);
            stopRequests.add(trial.trainingJobName());
            stopper.submit(() -> stopTrial(trial.trainingJobName()));
        });
    }

    private void launch(int index, int definitionIndex, Map<String, String> tuned) {
        HyperParameterTrainingJobDefinition definition = definitions.get(definitionIndex);
        String trainingJobName = trainingJobName(index);
        Map<String, String> hyperParameters = new LinkedHashMap<>(definition.staticHyperParameters());
        hyperParameters.putAll(tuned);
        hyperParameters.put(OBJECTIVE_HYPERPARAMETER, objectiveName(definition));
        // No start time until the trainer's process starts (TrialEvent.Started), as SageMaker's TrainingStartTime.
        Trial trial = new Trial(index, trainingJobName, tuned, hyperParameters, definition.definitionName(), "InProgress",
                "Starting", "Pending", null, Map.of(), null, Instant.now(), null, null, null);
        job.addTrial(trial);
        pool.submit(() -> events.add(new TrialEvent.Ended(train(trial, definition))));
    }

    /**
     * One trial from start to end, retried per the definition's RetryStrategy when it fails for a reason that is not
     * the algorithm's (SageMaker retries only internal errors). Never throws: failures become the trial's.
     */
    private Trial train(Trial trial, HyperParameterTrainingJobDefinition definition) {
        int attempts = 1 + (definition.retryStrategy() == null || definition.retryStrategy().maximumRetryAttempts() == null
                ? 0 : definition.retryStrategy().maximumRetryAttempts());
        Trial result = null;
        for (int attempt = 1; attempt <= attempts && !job.stopRequested(); attempt++) {
            if (faults.failTrainingJob()) {
                result = failed(trial, "InternalServerError: an injected infrastructure failure (attempt " + attempt + " of " + attempts + ")");
                continue;
            }
            return attempt(trial, definition);
        }
        return result != null ? result : failed(trial, "InternalServerError: the tuning job was stopped before the training job ran");
    }

    private Trial attempt(Trial trial, HyperParameterTrainingJobDefinition definition) {
        try {
            JobDirectory dir = JobDirectory.create(workspace.resolve(job.name()).resolve(trial.trainingJobName()));
            Map<String, Path> channels = new HashMap<>();
            for (Channel channel : definition.inputDataConfig()) {
                Path local = dir.root().resolve("downloads").resolve(channel.channelName());
                if (channel.dataSource() != null && channel.dataSource().s3DataSource() != null) {
                    s3.downloadPrefix(channel.dataSource().s3DataSource().s3Uri(), local);
                }
                channels.put(channel.channelName(), local);
            }
            int maxRuntime = definition.stoppingCondition() != null && definition.stoppingCondition().maxRuntimeInSeconds() != null
                    ? definition.stoppingCondition().maxRuntimeInSeconds() : 86_400;
            String image = definition.algorithmSpecification().trainingImage();
            TrainingJobSpec spec = new TrainingJobSpec(trial.trainingJobName(), trial.hyperParameters(), image,
                    definition.algorithmSpecification().metricDefinitions(), definition.environment(), channels,
                    definition.resourceConfig() == null ? null : definition.resourceConfig().instanceTypeAsString(),
                    1, Duration.ofSeconds(maxRuntime));
            if (stopRequested(trial)) {
                return stopped(trial);
            }
            String objective = objectiveName(definition);
            RunningTrainingJob handle = runner.start(spec, dir, localCommand(image, dir), (metric, value) -> {
                if (metric.equals(objective)) {
                    events.add(new TrialEvent.ObjectiveLogged(trial.trainingJobName(), value.value()));
                }
            });
            running.put(trial.trainingJobName(), handle);
            job.journal().trainerStarted(trial.trainingJobName(), handle.pid());
            events.add(new TrialEvent.Started(training(trial, handle.startTime())));
            if (stopRequested(trial)) {
                handle.stop(); // the request came while the process was starting
            }
            TrainingOutcome outcome;
            try {
                outcome = handle.await();
            } finally {
                running.remove(trial.trainingJobName());
            }
            String output = definition.outputDataConfig().s3OutputPath().replaceAll("/+$", "") + "/" + trial.trainingJobName() + "/output/";
            String model = s3.upload(outcome.modelArtifact(), output + "model.tar.gz");
            if (outcome.outputArtifact() != null) {
                s3.upload(outcome.outputArtifact(), output + "output.tar.gz");
            }
            return ended(trial, outcome, objectiveName(definition), model);
        } catch (Exception e) {
            LOG.warning(trial.trainingJobName() + " failed to run: " + e.getMessage());
            return failed(trial, "ClientError: " + e.getMessage());
        }
    }

    private static Trial failed(Trial trial, String reason) {
        return new Trial(trial.index(), trial.trainingJobName(), trial.tunedHyperParameters(), trial.hyperParameters(),
                trial.definitionName(), "Failed", "Failed", "Failed", null, Map.of(), reason,
                trial.creationTime(), trial.startTime(), Instant.now(), null);
    }

    /** The record of a trial whose trainer has started: SecondaryStatus Training, TrainingStartTime its start. */
    private static Trial training(Trial trial, Instant start) {
        return new Trial(trial.index(), trial.trainingJobName(), trial.tunedHyperParameters(), trial.hyperParameters(),
                trial.definitionName(), trial.status(), "Training", trial.objectiveStatus(), null, Map.of(), null,
                trial.creationTime(), start, null, null);
    }

    private static Trial ended(Trial trial, TrainingOutcome outcome, String objectiveName, String model) {
        Map<String, Double> finals = new LinkedHashMap<>();
        List<Double> curve = new ArrayList<>();
        for (MetricSeries series : outcome.metrics()) {
            series.finalValue().ifPresent(v -> finals.put(series.name(), v));
            if (series.name().equals(objectiveName)) {
                series.values().forEach(v -> curve.add(v.value()));
            }
        }
        Double objective = finals.get(objectiveName);
        boolean completed = outcome.status().equals("Completed") || outcome.status().equals("Stopped");
        String objectiveStatus = objective != null && completed ? "Succeeded" : "Failed";
        return new Trial(trial.index(), trial.trainingJobName(), trial.tunedHyperParameters(), trial.hyperParameters(),
                trial.definitionName(), outcome.status(), outcome.secondaryStatus(), objectiveStatus,
                "Succeeded".equals(objectiveStatus) ? objective : null, finals, outcome.failureReason(),
                trial.creationTime(), outcome.startTime(), outcome.endTime(), model, curve);
    }

    private TrainerLaunch localCommand(String image, JobDirectory dir) {
        for (Map.Entry<String, LocalImage> mapping : localImages.entrySet()) {
            if (image != null && matches(mapping.getKey(), image)) {
                LocalImage local = mapping.getValue();
                return new TrainerLaunch(local.command(), local.workingDirectory() != null ? local.workingDirectory() : dir.code(), null);
            }
        }
        return null;
    }

    /** An image pattern: the exact URI, or one with {@code *} standing for any text (e.g. {@code *\/my-trainer:*}). */
    static boolean matches(String pattern, String image) {
        String regex = java.util.Arrays.stream(pattern.split("\\*", -1)).map(java.util.regex.Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
        return image.matches(regex);
    }

    /** StopTrainingJob for one trial of this tuning job, whether its process has started yet or not. */
    public void stopTrial(String trainingJobName) {
        stopRequests.add(trainingJobName);
        RunningTrainingJob handle = running.get(trainingJobName);
        if (handle != null) {
            handle.stop();
        }
    }

    private boolean stopRequested(Trial trial) {
        return job.stopRequested() || stopRequests.contains(trial.trainingJobName());
    }

    private static Trial stopped(Trial trial) {
        return new Trial(trial.index(), trial.trainingJobName(), trial.tunedHyperParameters(), trial.hyperParameters(),
                trial.definitionName(), "Stopped", "Stopped", "Failed", null, Map.of(), null,
                trial.creationTime(), trial.startTime(), Instant.now(), null);
    }

    /** Stops every running trial (they end as Stopped), including those whose process has not started yet. */
    public void stopAll() {
        job.trials().stream().filter(Trial::running).forEach(t -> stopRequests.add(t.trainingJobName()));
        running.values().forEach(RunningTrainingJob::stop);
    }

    private String objectiveName(HyperParameterTrainingJobDefinition definition) {
        return definition.tuningObjective() != null ? definition.tuningObjective().metricName() : job.objective().metricName();
    }

    /** {@code <tuning-job>-<NNN>-<8 hex>}, as SageMaker names the training jobs of a tuning job. */
    private String trainingJobName(int index) {
        long bits = new Random(job.name().hashCode() * 31L + index).nextLong();
        return String.format("%s-%03d-%08x", job.name(), index, bits & 0xffffffffL);
    }
}
