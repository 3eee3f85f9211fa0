package io.tuneflow.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs every problem × strategy × seed × parallelism through a {@link TrialLoop}, one run at a time on the calling
 * thread so that timings are not disturbed by the benchmark's own threads.
 */
public final class OptimizerBenchmark {

    /** The seed of the warm-up run that precedes each measured series and is discarded (the JIT compiles during it). */
    private static final long WARM_UP_SEED = 0;

    private final StrategyRegistry registry;
    private final Consumer<String> progress;

    public OptimizerBenchmark(StrategyRegistry registry, Consumer<String> progress) {
        this.registry = registry;
        this.progress = progress;
    }

    /**
     * @param firstSeed      the seed of the first run (1 by default; other values give held-out seeds, so a change tuned
     *                       on seeds 1..20 can be checked on seeds it was not tuned on)
     * @param seeds          runs per series, with seeds firstSeed..firstSeed + seeds - 1
     * @param overheadPoints observation counts at which to report the overhead of a suggestion
     */
    public BenchResult series(BenchProblem problem, String strategy, int parallel, int trials, long firstSeed, int seeds,
                              List<Integer> overheadPoints) {
        progress.accept(String.format("%s: %s, %s, %d trials × %d seeds", problem.name(), strategy,
                BenchResult.mode(parallel), trials, seeds));
        run(problem, strategy, parallel, trials, WARM_UP_SEED);
        List<Long> seedList = new ArrayList<>();
        List<Double> regrets = new ArrayList<>();
        List<Integer> repeats = new ArrayList<>();
        Map<Integer, List<Double>> overhead = new LinkedHashMap<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            RunOutcome outcome = run(problem, strategy, parallel, trials, seed);
            seedList.add(seed);
            regrets.add(problem.regret(outcome.best()));
            repeats.add(outcome.repeats());
            for (int point : overheadPoints) {
                outcome.overheadMillisAt(point).ifPresent(ms -> overhead.computeIfAbsent(point, p -> new ArrayList<>()).add(ms));
            }
        }
        return new BenchResult(problem.name(), "tuneflow " + strategy, BenchResult.mode(parallel), trials, seedList, regrets, repeats,
                overhead);
    }

    private RunOutcome run(BenchProblem problem, String strategy, int parallel, int trials, long seed) {
        return new TrialLoop(problem, registry.create(strategy, problem.space(), problem.maximize(), seed), parallel, seed)
                .run(trials);
    }
}
