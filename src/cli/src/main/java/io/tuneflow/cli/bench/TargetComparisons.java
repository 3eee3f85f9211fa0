package io.tuneflow.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The comparisons the optimizer targets are stated in (issue "Optimizers"), per problem, for whichever of the rows a
 * run has: the Bayesian strategy's sequential median regret against each Optuna sampler's (target ≤ 1×) and against
 * random search's (≤ 0.1×), and each parallel mode of the Bayesian strategy against its sequential runs (≤ 1.2×).
 */
public final class TargetComparisons {

    static final String BAYESIAN = "tuneflow bayesian";
    static final String RANDOM = "tuneflow random";
    static final String OPTUNA = "optuna ";
    static final String SEQUENTIAL = BenchResult.mode(1);

    private TargetComparisons() {
    }

    public static List<MedianRatio> of(List<BenchResult> results) {
        List<MedianRatio> out = new ArrayList<>();
        long seed = 1;
        for (String problem : results.stream().map(BenchResult::problem).distinct().toList()) {
            Optional<BenchResult> bayesian = find(results, problem, BAYESIAN, SEQUENTIAL);
            if (bayesian.isEmpty()) {
                continue;
            }
            for (BenchResult r : results) {
                if (!r.problem().equals(problem)) {
                    continue;
                }
                if (r.optimizer().startsWith(OPTUNA) && r.mode().equals(SEQUENTIAL)) {
                    out.add(MedianRatio.of(bayesian.get(), r, 1.0, seed++));
                } else if (r.optimizer().equals(RANDOM) && r.mode().equals(SEQUENTIAL)) {
                    out.add(MedianRatio.of(bayesian.get(), r, 0.1, seed++));
                } else if (r.optimizer().equals(BAYESIAN) && !r.mode().equals(SEQUENTIAL)) {
                    out.add(MedianRatio.of(r, bayesian.get(), 1.2, seed++));
                }
            }
        }
        return out;
    }

    private static Optional<BenchResult> find(List<BenchResult> results, String problem, String optimizer, String mode) {
        return results.stream()
                .filter(r -> r.problem().equals(problem) && r.optimizer().equals(optimizer) && r.mode().equals(mode))
                .findFirst();
    }
}
