package io.tuneflow.cli.bench;

import io.tuneflow.engine.tuning.SearchSpace;
import java.nio.file.Path;
import java.util.Map;

/**
 * One optimization problem of the benchmark, read from a problem file.
 *
 * @param name         the file's name without {@code .json}
 * @param knownOptimum the best objective value the function can reach
 * @param optimumAt    hyperparameters (as strings) where the function reaches it
 */
public record BenchProblem(String name, Path file, SearchSpace space, ObjectiveFunction objective, boolean maximize,
                           double knownOptimum, Map<String, String> optimumAt) {

    public BenchProblem {
        optimumAt = Map.copyOf(optimumAt);
    }

    /** How far {@code best} is from the optimum. */
    public double regret(double best) {
        return Math.abs(best - knownOptimum);
    }

    public boolean better(double candidate, double incumbent) {
        return maximize ? candidate > incumbent : candidate < incumbent;
    }
}
