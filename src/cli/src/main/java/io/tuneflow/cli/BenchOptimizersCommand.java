package io.tuneflow.cli;

import io.tuneflow.cli.bench.BenchProblem;
import io.tuneflow.cli.bench.BenchResult;
import io.tuneflow.cli.bench.InvalidProblemFileException;
import io.tuneflow.cli.bench.OptimizerBenchmark;
import io.tuneflow.cli.bench.OptimizerReport;
import io.tuneflow.cli.bench.OptunaBench;
import io.tuneflow.cli.bench.ProblemFile;
import io.tuneflow.cli.bench.ReportTable;
import io.tuneflow.cli.bench.StrategyRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "optimizers", mixinStandardHelpOptions = true,
        description = {"Optimizer quality and overhead, side by side with Optuna, in one run.",
                "For every problem file × strategy × mode: the median and IQR over seeds of the regret |best found - known"
                        + " optimum| after --trials trials, and the wall time inside suggest at --trials observations;"
                        + " longer sequential runs on --overhead-problem add the overhead at --overhead-trials observations."
                        + " Optuna's samplers run on the same problems, trials and seeds through --optuna-script when"
                        + " --python can import optuna. See bench/README.md."})
final class BenchOptimizersCommand implements Callable<Integer> {

    /** The strategies the benchmark knows; a new strategy is registered in {@link StrategyRegistry#standard()}. */
    private static final StrategyRegistry STRATEGIES = StrategyRegistry.standard();

    @Spec
    CommandSpec spec;

    @Option(names = "--trials", defaultValue = "50", description = "Trials per run (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seeds", defaultValue = "20",
            description = "Runs per problem and optimizer, seeds S..S+N-1 with S from --first-seed (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the first run (default ${DEFAULT-VALUE}): another value checks a change on seeds it was"
                    + " not tuned on. Applies to Optuna's runs and the overhead runs too.")
    long firstSeed;

    @Option(names = "--problem-dir", defaultValue = "bench/problems", paramLabel = "DIR",
            description = "Where the problem files are (default ${DEFAULT-VALUE}).")
    Path problemDir;

    @Option(names = "--problems", split = ",", paramLabel = "NAME",
            description = "Problems to run, by file name without .json (default: every file in --problem-dir).")
    List<String> problems;

    @Option(names = "--strategies", split = ",", paramLabel = "NAME",
            description = "Tuneflow strategies to run (default: all registered).")
    List<String> strategies;

    @Option(names = "--parallel", split = ",", defaultValue = "1,3", paramLabel = "N",
            description = "Trials running at once: 1 is sequential (default ${DEFAULT-VALUE}).")
    List<Integer> parallel;

    @Option(names = "--overhead-problem", defaultValue = "hartmann6", paramLabel = "NAME",
            description = "Problem of the longer sequential runs that measure overhead at more observations (default ${DEFAULT-VALUE}).")
    String overheadProblem;

    @Option(names = "--overhead-trials", defaultValue = "200",
            description = "Trials of those runs; 0 skips them (default ${DEFAULT-VALUE}).")
    int overheadTrials;

    @Option(names = "--overhead-seeds", defaultValue = "5", description = "Seeds of those runs (default ${DEFAULT-VALUE}).")
    int overheadSeeds;

    @Option(names = "--optuna", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run Optuna side by side when it is installed (default: on; --no-optuna skips it).")
    boolean optuna;

    @Option(names = "--python", defaultValue = "python3", description = "Python with optuna (default ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--optuna-script", defaultValue = "bench/optuna_bench.py", paramLabel = "FILE",
            description = "The Optuna side (default ${DEFAULT-VALUE}).")
    Path optunaScript;

    @Option(names = "--samplers", defaultValue = "TPE,GP", description = "Optuna samplers (default ${DEFAULT-VALUE}).")
    String samplers;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json.")
    OutputFormat output;

    @Override
    public Integer call() throws IOException, InterruptedException {
        checkCounts();
        List<String> strategyNames = strategies == null ? List.copyOf(STRATEGIES.names()) : strategies;
        for (String name : strategyNames) {
            if (!STRATEGIES.contains(name)) {
                throw new UserInputException("--strategies: no strategy named " + name + "; known: " + STRATEGIES.names());
            }
        }
        List<BenchProblem> selected = problems();
        Optional<BenchProblem> longRun = overheadTrials == 0 ? Optional.empty() : Optional.of(problem(overheadProblem));
        PrintWriter err = spec.commandLine().getErr();
        OptimizerBenchmark benchmark = new OptimizerBenchmark(STRATEGIES, line -> err.println("bench: " + line));

        List<BenchResult> results = new ArrayList<>();
        for (BenchProblem problem : selected) {
            for (String strategy : strategyNames) {
                for (int p : parallel) {
                    results.add(benchmark.series(problem, strategy, p, trials, firstSeed, seeds, List.of(trials)));
                }
            }
        }
        List<BenchResult> overhead = new ArrayList<>();
        List<Integer> points = trials < overheadTrials ? List.of(trials, overheadTrials) : List.of(overheadTrials);
        longRun.ifPresent(problem -> strategyNames.forEach(strategy ->
                overhead.add(benchmark.series(problem, strategy, 1, overheadTrials, firstSeed, overheadSeeds, points))));

        OptunaBench.Outcome optunaOutcome = optuna ? runOptuna(selected, longRun, err) : null;
        if (optunaOutcome != null) {
            results.addAll(optunaOutcome.results());
            overhead.addAll(optunaOutcome.overhead());
        }
        List<String> order = selected.stream().map(BenchProblem::name).toList();
        results.sort(Comparator.comparingInt(r -> order.indexOf(r.problem()))); // stable: tuneflow rows first

        OptimizerReport report = new OptimizerReport(OptimizerReport.Machine.current(), trials, firstSeed, seeds, optunaOutcome,
                results, overhead);
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            out.println(Json.write(report));
        } else {
            ReportTable.print(report, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private OptunaBench.Outcome runOptuna(List<BenchProblem> selected, Optional<BenchProblem> longRun, PrintWriter err)
            throws IOException, InterruptedException {
        Optional<String> why = OptunaBench.unavailable(python);
        if (why.isPresent()) {
            err.println("bench: Optuna skipped: " + why.get());
            return null;
        }
        if (!Files.isRegularFile(optunaScript)) {
            throw new UserInputException("--optuna-script: " + optunaScript + " not found; run from the repository root"
                    + " or pass --optuna-script (or --no-optuna).");
        }
        return OptunaBench.run(new OptunaBench.Settings(python, optunaScript, selected.stream().map(BenchProblem::file).toList(),
                samplers, trials, firstSeed, seeds, longRun.map(BenchProblem::file).orElse(null), overheadTrials, overheadSeeds));
    }

    private void checkCounts() {
        if (trials < 1 || seeds < 1 || overheadTrials < 0 || overheadSeeds < 1) {
            throw new UserInputException("--trials, --seeds and --overhead-seeds must be at least 1, --overhead-trials at least 0.");
        }
        if (firstSeed < 1) {
            throw new UserInputException("--first-seed must be at least 1 (seed 0 is the discarded warm-up run), got " + firstSeed + ".");
        }
        if (parallel.stream().anyMatch(p -> p < 1)) {
            throw new UserInputException("--parallel: every value must be at least 1, got " + parallel + ".");
        }
    }

    private List<BenchProblem> problems() throws IOException {
        if (problems != null) {
            return problems.stream().map(this::problem).toList();
        }
        if (!Files.isDirectory(problemDir)) {
            throw new UserInputException("--problem-dir: " + problemDir + " is not a directory; run from the repository root"
                    + " or pass --problem-dir.");
        }
        try (Stream<Path> files = Files.list(problemDir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(BenchOptimizersCommand::read).toList();
        }
    }

    private BenchProblem problem(String name) {
        Path file = problemDir.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("No problem file " + file + " (problems are named by file, without .json).");
        }
        return read(file);
    }

    private static BenchProblem read(Path file) {
        try {
            return ProblemFile.read(file);
        } catch (InvalidProblemFileException e) {
            throw new UserInputException("invalid problem file:" + System.lineSeparator() + e.getMessage());
        }
    }
}
