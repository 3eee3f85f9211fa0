package io.tuneflow.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything one {@code tuneflow bench optimizers} run measured, both sides, as {@code --output json} prints it.
 *
 * @param firstSeed the seed of the first run: the runs have seeds firstSeed..firstSeed + seeds - 1
 * @param results  regret (and overhead at {@code trials} observations), problem × optimizer × mode
 * @param overhead the longer runs on one problem that measure overhead at larger histories
 * @param optuna   null when Optuna did not run
 */
public record OptimizerReport(Machine machine, int trials, long firstSeed, int seeds, OptunaBench.Outcome optuna,
                              List<BenchResult> results, List<BenchResult> overhead) {

    public OptimizerReport {
        results = List.copyOf(results);
        overhead = List.copyOf(overhead);
    }

    /** The targets as ratios of medians with bootstrap intervals (see {@link TargetComparisons}). */
    @JsonProperty(value = "comparisons", access = JsonProperty.Access.READ_ONLY)
    public List<MedianRatio> comparisons() {
        return TargetComparisons.of(results);
    }

    /** Where the figures were measured. */
    public record Machine(int cores, String os, String java) {
        public static Machine current() {
            return new Machine(Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        }
    }
}
