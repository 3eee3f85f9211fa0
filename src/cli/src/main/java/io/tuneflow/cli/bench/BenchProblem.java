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
 * @param noise        the standard deviation of the Gaussian noise added to each observed value (0: none); regret
 *                     is then measured at the noiseless value of the best-observed configuration, the trial a tuning
 *                     job would report as best
 */
public record BenchProblem(String name, Path file, SearchSpace space, ObjectiveFunction objective, boolean maximize,
                           double knownOptimum, Map<String, String> optimumAt, double noise) {

    public BenchProblem {
        optimumAt = Map.copyOf(optimumAt);
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("noise must be at least 0, got " + noise);
        }
    }

    /** How far {@code best} is from the optimum. */
    public double regret(double best) {
        return Math.abs(best - knownOptimum);
    }

    public boolean better(double candidate, double incumbent) {
        return maximize ? candidate > incumbent : candidate < incumbent;
    }
}
