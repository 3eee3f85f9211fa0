package io.tuneflow.cli;

import io.tuneflow.cli.bench.EpochLoop;
import io.tuneflow.cli.bench.LearningCurves;
import io.tuneflow.cli.bench.MedianRatio;
import io.tuneflow.core.request.TuningRequestReader;
import io.tuneflow.engine.FaultInjection;
import io.tuneflow.engine.LocalEngine;
import io.tuneflow.engine.s3.EmbeddedS3;
import io.tuneflow.engine.training.Archives;
import io.tuneflow.engine.tuning.BayesianStrategy;
import io.tuneflow.engine.tuning.HyperbandSchedule;
import io.tuneflow.engine.tuning.HyperbandStopping;
import io.tuneflow.engine.tuning.HyperbandStrategy;
import io.tuneflow.engine.tuning.MedianStoppingRule;
import io.tuneflow.engine.tuning.RandomStrategy;
import io.tuneflow.engine.tuning.SearchSpace;
import io.tuneflow.engine.tuning.Trial;
import io.tuneflow.engine.tuning.TuningJob;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;

/**
 * How much training Hyperband needs to reach random search's final best, on a problem where the objective improves
 * with epochs: for each seed, a Random job trains N configurations for R epochs each; then a Hyperband job (same
 * space, budget of 3N jobs) runs with TargetObjectiveMetricValue set to Random's best, so it ends when it gets there.
 * Training is counted in epochs — every epoch a trainer logs, including those of trials cut short or still running
 * when the target is reached — against Random's N·R. A Bayesian job with the same target runs beside it: how much of
 * Hyperband's saving comes from cutting trials short rather than from choosing configurations with a model; with
 * {@code --early-stopping}, a Bayesian job with TrainingJobEarlyStoppingType Auto too. The trainer and its learning
 * curves are {@link LearningCurves}.
 *
 * <p>With {@code --simulate} the same jobs run in an {@link EpochLoop} instead of the engine: no processes, every
 * running trial one epoch per step. The engine's runs depend on which trainer happens to log first (rung cut-offs and
 * what the model has seen do), so a seed's figure moves between runs; the simulation is deterministic and fast enough
 * for hundreds of seeds, which is what a change to Hyperband's strategy needs to be judged on.
 */
@Command(name = "hyperband", mixinStandardHelpOptions = true,
        description = {"Epochs Hyperband (and, beside it, Bayesian) trains to reach random search's final best, against",
                "random search's total, through the engine with real trainer processes (a synthetic learning-curve trainer),",
                "or with --simulate in process, epoch by epoch in lock step."})
final class HyperbandBenchmark implements Callable<Integer> {

    /** The target: Hyperband reaches random search's final best in at most a third of its training. */
    private static final double TARGET = 1.0 / 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--trials", defaultValue = "30", description = "Random search's training jobs N (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds S..S+N-1, S from --first-seed (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the first run (default ${DEFAULT-VALUE}): another value adds seeds to an earlier run's.")
    int firstSeed;

    @Option(names = "--bayesian", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run a Bayesian job beside each Hyperband job (default: on; --no-bayesian halves the run time).")
    boolean bayesian;

    @Option(names = "--early-stopping",
            description = "Also run a Bayesian job with TrainingJobEarlyStoppingType Auto (SageMaker's median rule) beside"
                    + " each Hyperband job: the other way SageMaker offers to cut poor trials short.")
    boolean earlyStopping;

    @Option(names = "--max-resource", defaultValue = "27", description = "Epochs per full training job R (default ${DEFAULT-VALUE}).")
    int maxResource;

    @Option(names = "--parallel", defaultValue = "3", description = "MaxParallelTrainingJobs (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--curves", defaultValue = "typical,crossing", split = ",",
            description = "Learning-curve families: typical, crossing (default ${DEFAULT-VALUE}).")
    List<String> families;

    @Option(names = "--simulate",
            description = "Train in process, every running trial one epoch per step, instead of as trainer processes:"
                    + " deterministic and thousands of times faster; it models the engine's executor, not the engine.")
    boolean simulate;

    @Option(names = "--dimensions", defaultValue = "2,6", split = ",",
            description = "Tuned parameters: 2 (lr, m) or more (lr, m, w1, w2, ...) (default ${DEFAULT-VALUE}).")
    List<Integer> dimensions;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1 || firstSeed < 1) {
            throw new UserInputException("--seeds and --first-seed must be at least 1, got " + seeds + " and " + firstSeed + ".");
        }
        dimensions.stream().filter(d -> d < 2).findFirst().ifPresent(d -> {
            throw new UserInputException("--dimensions: each must be at least 2 (lr and m), not " + d);
        });
        PrintWriter out = spec.commandLine().getOut();
        if (simulate) {
            out.printf("tuneflow bench hyperband --simulate (N = %d, R = %d epochs, %d in parallel, seeds %d-%d, in process)%n",
                    trials, maxResource, parallel, firstSeed, firstSeed + seeds - 1);
            for (int d : dimensions) {
                for (String family : families) {
                    compare(out, family, d, seed -> simulated(family, d, seed));
                }
            }
            return ExitCodes.OK;
        }
        Path workspace = Files.createTempDirectory("tuneflow-bench-hyperband");
        try (LocalEngine engine = LocalEngine.start(new LocalEngine.Settings(workspace, "127.0.0.1", 0, 0, "python3",
                Map.of(), FaultInjection.none(), Duration.ofSeconds(1)));
             S3Client s3 = EmbeddedS3.client(engine.s3Endpoint())) {
            s3.createBucket(b -> b.bucket("bench"));
            Path source = Files.createDirectories(workspace.resolve("source"));
            Files.writeString(source.resolve("train.sh"), LearningCurves.TRAINER);
            Archives.packTarGz(source, workspace.resolve("sourcedir.tar.gz"));
            s3.putObject(b -> b.bucket("bench").key("curves/sourcedir.tar.gz"), RequestBody.fromFile(workspace.resolve("sourcedir.tar.gz")));

            out.printf("tuneflow bench hyperband (N = %d, R = %d epochs, %d in parallel, seeds %d-%d)%n", trials, maxResource,
                    parallel, firstSeed, firstSeed + seeds - 1);
            for (int d : dimensions) {
                for (String family : families) {
                    compare(out, family, d, seed -> throughTheEngine(engine, family, d, seed));
                }
            }
        } finally {
            try (var walk = Files.walk(workspace)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return ExitCodes.OK;
    }

    /**
     * One seed's figures: random search's best and epochs, and how the other jobs fared against that best — Hyperband
     * first, then those asked for (Bayesian, Bayesian with early stopping), in {@link #subjects()} order.
     */
    private record SeedResult(double best, int randomEpochs, List<Reach> reaches) {
    }

    /** The jobs compared with random search, as the report names them. */
    private List<String> subjects() {
        List<String> subjects = new ArrayList<>(List.of("Hyperband"));
        if (bayesian) {
            subjects.add("Bayesian");
        }
        if (earlyStopping) {
            subjects.add("Bayesian+Auto");
        }
        return subjects;
    }

    @FunctionalInterface
    private interface SeedRun {
        SeedResult run(int seed) throws InterruptedException;
    }

    private SeedResult throughTheEngine(LocalEngine engine, String family, int d, int seed) throws InterruptedException {
        String name = family + "-" + d + "d-";
        TuningJob random = run(engine, name + "random-" + seed, "Random", seed, trials, "", family, d);
        double best = random.best().orElseThrow().objective();
        int randomEpochs = epochs(random);
        String target = ", \"TuningJobCompletionCriteria\": {\"TargetObjectiveMetricValue\": " + best + "}";
        List<Reach> reaches = new ArrayList<>();
        reaches.add(reach(run(engine, name + "hyperband-" + seed, "Hyperband", seed, 3 * trials, target, family, d),
                best, randomEpochs));
        if (bayesian) {
            reaches.add(reach(run(engine, name + "bayesian-" + seed, "Bayesian", seed, 3 * trials, target, family, d),
                    best, randomEpochs));
        }
        if (earlyStopping) {
            String auto = target + ", \"TrainingJobEarlyStoppingType\": \"Auto\"";
            reaches.add(reach(run(engine, name + "bayesian-auto-" + seed, "Bayesian", seed, 3 * trials, auto, family, d),
                    best, randomEpochs));
        }
        return new SeedResult(best, randomEpochs, reaches);
    }

    /**
     * The same jobs in an {@link EpochLoop}: the strategies and Hyperband's stopping are the engine's, built from the
     * same request (the space is parsed as the engine parses it); random search trains all N fully, as in the engine.
     */
    private SeedResult simulated(String family, int d, int seed) {
        LearningCurves curves = new LearningCurves(family);
        SearchSpace space = SearchSpace.of(request("simulated", "Random", seed, trials, "", family, d)
                .hyperParameterTuningJobConfig().parameterRanges());
        double best = Double.POSITIVE_INFINITY;
        for (Map<String, String> configuration : new RandomStrategy(space, seed).suggest(trials, List.of())) {
            best = Math.min(best, curves.loss(configuration, maxResource));
        }
        int randomEpochs = trials * maxResource;
        EpochLoop loop = new EpochLoop(curves, maxResource, parallel);
        HyperbandSchedule schedule = new HyperbandSchedule(1, maxResource);
        HyperbandStopping stopping = new HyperbandStopping(schedule, false);
        List<Reach> reaches = new ArrayList<>();
        reaches.add(reach(loop.run(new HyperbandStrategy(space, schedule, false, seed),
                (index, curve) -> stopping.judge(index, curve).isPresent(), 3 * trials, best), randomEpochs));
        if (bayesian) {
            reaches.add(reach(loop.run(new BayesianStrategy(space, false, seed), EpochLoop.Stopping.never(), 3 * trials, best),
                    randomEpochs));
        }
        if (earlyStopping) {
            reaches.add(reach(loop.run(new BayesianStrategy(space, false, seed), medianRule(), 3 * trials, best), randomEpochs));
        }
        return new SeedResult(best, randomEpochs, reaches);
    }

    /** SageMaker's median rule as the engine applies it: against the curves so far of the jobs started before. */
    private static EpochLoop.Stopping medianRule() {
        MedianStoppingRule rule = new MedianStoppingRule(false);
        TreeMap<Integer, List<Double>> curves = new TreeMap<>();
        return (index, curve) -> {
            curves.put(index, curve);
            return rule.judge(curve, curves.headMap(index).values()).isPresent();
        };
    }

    private void compare(PrintWriter out, String family, int d, SeedRun seedRun) throws InterruptedException {
        List<String> subjects = subjects();
        out.printf("%n  %s curves, %d dimensions%n", family, d);
        StringBuilder header = new StringBuilder(String.format("  %-5s %12s %8s", "seed", "random best", "random"));
        for (String subject : subjects) {
            header.append(String.format(" %20s", subject.toLowerCase(Locale.ROOT) + " (jobs)"));
        }
        header.append(" ratios");
        out.println(header);
        List<Double> randomTotals = new ArrayList<>();
        List<List<Double>> totals = new ArrayList<>();
        subjects.forEach(subject -> totals.add(new ArrayList<>()));
        for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
            SeedResult result = seedRun.run(seed);
            randomTotals.add((double) result.randomEpochs());
            StringBuilder line = new StringBuilder(String.format("  %-5d %12.6f %8d", seed, result.best(), result.randomEpochs()));
            StringBuilder ratios = new StringBuilder();
            for (int k = 0; k < subjects.size(); k++) {
                Reach reach = result.reaches().get(k);
                totals.get(k).add(reach.reachedAfter());
                line.append(String.format(" %20s", reach.cell()));
                ratios.append(String.format(" %5s", reach.ratioCell()));
            }
            out.println(line.append(ratios));
            out.flush();
        }
        String problem = family + " " + d + "-D";
        out.printf("  median ratio of training (epochs) to reach random search's final best, [90%% bootstrap interval over seeds]:%n");
        for (int k = 0; k < subjects.size(); k++) {
            MedianRatio ratio = MedianRatio.of(problem, subjects.get(k), totals.get(k), "random", randomTotals, TARGET, k + 1);
            out.printf("    %-13s %s%s%n", subjects.get(k), interval(ratio),
                    k == 0 ? " -> " + ratio.verdict() + " against the target <= 1/3" : "");
        }
        for (int k = 0; k < subjects.size(); k++) {
            out.printf("    per seed, %-13s %s%n", subjects.get(k), perSeed(totals.get(k), randomTotals));
        }
        out.flush();
    }

    /** How a job fared against Random's best: the epochs it trained, its training jobs, whether it got there. */
    private record Reach(boolean reached, int epochs, int jobs, int randomEpochs) {
        double ratio() {
            return reachedAfter() / randomEpochs;
        }

        /** The epochs it trained to get there; infinite if it never did. */
        double reachedAfter() {
            return reached ? epochs : Double.POSITIVE_INFINITY;
        }

        String cell() {
            return reached ? epochs + " (" + jobs + ")" : "not reached";
        }

        String ratioCell() {
            return reached ? format(ratio()) : "-";
        }
    }

    private static Reach reach(TuningJob job, double best, int randomEpochs) {
        boolean reached = job.best().map(t -> t.objective() <= best).orElse(false);
        return new Reach(reached, epochs(job), job.trials().size(), randomEpochs);
    }

    private static Reach reach(EpochLoop.Outcome outcome, int randomEpochs) {
        return new Reach(outcome.reached(), outcome.epochs(), outcome.jobs(), randomEpochs);
    }

    private static String interval(MedianRatio ratio) {
        return format(ratio.ratio()) + " [" + format(ratio.low()) + ", " + format(ratio.high()) + "]";
    }

    /** Each seed's epochs as a share of random search's, sorted. */
    private static String perSeed(List<Double> epochs, List<Double> randomEpochs) {
        return Arrays.toString(IntStream.range(0, epochs.size()).mapToDouble(i -> epochs.get(i) / randomEpochs.get(i))
                .sorted().mapToObj(HyperbandBenchmark::format).toArray());
    }

    private static String format(double ratio) {
        return Double.isInfinite(ratio) ? "not reached" : String.format("%.2f", ratio);
    }

    private static int epochs(TuningJob job) {
        return job.trials().stream().mapToInt(t -> t.objectiveCurve().size()).sum();
    }

    private TuningJob run(LocalEngine engine, String name, String strategy, int seed, int jobs, String criteria, String family,
                          int d) throws InterruptedException {
        TuningJob job = engine.engine().create(request(name, strategy, seed, jobs, criteria, family, d));
        engine.engine().awaitEnd(name);
        if (job.status().equals("Failed")) {
            throw new IllegalStateException("bench job " + name + " failed: " + job.failureReason().orElse(""));
        }
        return job;
    }

    /** The benchmark's tuning request, validated as a user's would be. */
    private CreateHyperParameterTuningJobRequest request(String name, String strategy, int seed, int jobs, String criteria,
                                                        String family, int d) {
        StringBuilder extra = new StringBuilder();
        for (int w = 1; w <= d - 2; w++) {
            extra.append(",\n{\"Name\": \"w").append(w).append("\", \"MinValue\": \"0\", \"MaxValue\": \"1\"}");
        }
        String hyperband = strategy.equals("Hyperband")
                ? ", \"StrategyConfig\": {\"HyperbandStrategyConfig\": {\"MinResource\": 1, \"MaxResource\": " + maxResource + "}}" : "";
        String request = """
                {"HyperParameterTuningJobName": "%s",
                 "HyperParameterTuningJobConfig": {"Strategy": "%s", "RandomSeed": %d %s %s,
                   "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
                   "ResourceLimits": {"MaxNumberOfTrainingJobs": %d, "MaxParallelTrainingJobs": %d},
                   "ParameterRanges": {"ContinuousParameterRanges": [
                     {"Name": "lr", "MinValue": "0.0001", "MaxValue": "1", "ScalingType": "Logarithmic"},
                     {"Name": "m", "MinValue": "0", "MaxValue": "1"}%s]}},
                 "TrainingJobDefinition": {
                   "AlgorithmSpecification": {"TrainingImage": "111122223333.dkr.ecr.us-east-1.amazonaws.com/curves:1",
                     "TrainingInputMode": "File", "MetricDefinitions": [{"Name": "loss", "Regex": "loss = ([0-9.]+)"}]},
                   "StaticHyperParameters": {"epochs": "%d", "curves": "%s", "sagemaker_program": "\\"train.sh\\"",
                     "sagemaker_submit_directory": "\\"s3://bench/curves/sourcedir.tar.gz\\""},
                   "RoleArn": "arn:aws:iam::111122223333:role/SageMakerExecutionRole",
                   "OutputDataConfig": {"S3OutputPath": "s3://bench/out"},
                   "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
                   "StoppingCondition": {"MaxRuntimeInSeconds": 600}}}
                """.formatted(name, strategy, seed, hyperband, criteria, jobs, parallel, extra, maxResource, family);
        var read = TuningRequestReader.read(name + ".json", request);
        if (!read.report().errors().isEmpty()) {
            throw new IllegalStateException("bench request " + name + " is invalid: " + read.report().errors());
        }
        return read.validRequest().sageMakerRequest();
    }
}
