package io.tuneflow.engine.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tuneflow.engine.tuning.bayes.WarpedModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class BayesianStrategyTest {

    private static final SearchSpace PLANE = new SearchSpace(List.of(
            new Dimension.Continuous("x", 0, 1, Scaling.LINEAR), new Dimension.Continuous("y", 0, 1, Scaling.LINEAR)));
    private static final SearchSpace MIXED = new SearchSpace(List.of(
            new Dimension.Integer("layers", 1, 8, Scaling.LINEAR),
            new Dimension.Continuous("learning_rate", 1e-5, 1, Scaling.LOGARITHMIC),
            new Dimension.Categorical("optimizer", List.of("sgd", "adam", "rmsprop"))));

    private static double quadratic(Map<String, String> c) {
        double x = Double.parseDouble(c.get("x")), y = Double.parseDouble(c.get("y"));
        return Math.pow(x - 0.3, 2) + Math.pow(y - 0.7, 2);
    }

    private static double mixed(Map<String, String> c) {
        double lr = Math.log10(Double.parseDouble(c.get("learning_rate")));
        return Math.pow(lr + 2.5, 2) + 0.1 * Math.pow(Long.parseLong(c.get("layers")) - 3, 2)
                + (c.get("optimizer").equals("adam") ? 0 : 1);
    }

    private static Trial trial(int index, Map<String, String> tuned, String status, Double objective) {
        String objectiveStatus = status.equals("InProgress") ? "Pending" : objective == null ? "Failed" : "Succeeded";
        return new Trial(index, "job-" + index, tuned, tuned, null, status, status, objectiveStatus, objective, Map.of(), null,
                Instant.EPOCH, Instant.EPOCH, null, null);
    }

    /** Sequential trials: each suggestion is evaluated before the next. */
    private static List<Trial> run(Strategy strategy, ToDoubleFunction<Map<String, String>> f, int trials) {
        List<Trial> history = new ArrayList<>();
        for (int i = 1; i <= trials; i++) {
            Map<String, String> c = strategy.suggest(1, history).get(0);
            history.add(trial(i, c, "Completed", f.applyAsDouble(c)));
        }
        return history;
    }

    private static double best(List<Trial> history) {
        return history.stream().filter(t -> t.objective() != null).mapToDouble(Trial::objective).min().orElseThrow();
    }

    @Test
    void findsTheMinimumOfAQuadraticFarBetterThanRandomSearch() {
        double[] random = new double[9];
        for (int s = 0; s < random.length; s++) {
            random[s] = best(run(new RandomStrategy(PLANE, s), BayesianStrategyTest::quadratic, 25));
        }
        Arrays.sort(random);
        double randomMedian = random[random.length / 2]; // about 0.01: 25 random points rarely land within 0.1
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(best(run(new BayesianStrategy(PLANE, false, seed), BayesianStrategyTest::quadratic, 25)))
                    .isLessThan(randomMedian / 100);
        }
    }

    /** Three trials at a time, the oldest completing first, each freed slot filled by one suggestion (as the engine does). */
    private static List<Trial> runThreeAtATime(Strategy strategy, ToDoubleFunction<Map<String, String>> f, int trials) {
        return runAtATime(3, strategy, f, trials);
    }

    private static List<Trial> runAtATime(int parallel, Strategy strategy, ToDoubleFunction<Map<String, String>> f, int trials) {
        List<Trial> history = new ArrayList<>();
        java.util.ArrayDeque<Integer> running = new java.util.ArrayDeque<>();
        while (history.size() < trials || !running.isEmpty()) {
            if (history.size() < trials && running.size() < parallel) {
                history.add(trial(history.size() + 1, strategy.suggest(1, history).get(0), "InProgress", null));
                running.addLast(history.size() - 1);
            } else {
                Trial done = history.get(running.removeFirst());
                history.set(done.index() - 1, trial(done.index(), done.tunedHyperParameters(), "Completed",
                        f.applyAsDouble(done.tunedHyperParameters())));
            }
        }
        return history;
    }

    @Test
    void threeTrialsAtATimeStillRefineTheMinimum() {
        // Pending trials are believed, not ignored: the slots must neither duplicate each other nor stop refining.
        // Sequentially 30 trials reach 1e-11 here; random search's median best of 30 is about 0.01.
        for (long seed = 1; seed <= 3; seed++) {
            double parallel = best(runThreeAtATime(new BayesianStrategy(PLANE, false, seed), BayesianStrategyTest::quadratic, 30));
            assertThat(parallel).isLessThan(1e-6);
        }
    }

    /** The benchmark's training-loss: each optimizer's best learning rate moves with depth; the best is adam, 6, 1e-3. */
    private static double trainingLoss(Map<String, String> c) {
        double t = Math.log10(Double.parseDouble(c.get("learning_rate")));
        int layers = Integer.parseInt(c.get("layers"));
        return switch (c.get("optimizer")) {
            case "sgd" -> 0.3 + 0.5 * Math.pow(t + 1 + 0.15 * layers, 2) + 0.02 * Math.pow(layers - 3, 2);
            case "adam" -> 0.1 + 2 * Math.pow(t + 3.6 - 0.1 * layers, 2) + 0.02 * Math.pow(layers - 6, 2);
            default -> 0.2 + Math.pow(t + 1.5 + 0.2 * layers, 2) + 0.02 * Math.pow(layers - 5, 2);
        };
    }

    @Test
    void tenTrialsAtATimeNeverTrainOneConfigurationTwice() {
        // The trust region's best can be a configuration already training: when expected improvement rises beyond the
        // box, the search ends on its edge, at the same point while the box stays the same, and a point believed at
        // the mean keeps an EI of about 0.4 noise standard deviations. Before 2026-12-07 seeds 6, 14 and 20 trained
        // a running trial's configuration again (a 1-D box in learning rate for adam at 6 or 8 layers).
        SearchSpace space = new SearchSpace(List.of(
                new Dimension.Integer("layers", 1, 8, Scaling.LINEAR),
                new Dimension.Continuous("learning_rate", 1e-5, 0.1, Scaling.LOGARITHMIC),
                new Dimension.Categorical("optimizer", List.of("sgd", "momentum", "adam"))));
        for (long seed : new long[] {6, 14, 20}) {
            List<Trial> trials = runAtATime(10, new BayesianStrategy(space, false, seed), BayesianStrategyTest::trainingLoss, 50);
            assertThat(distinct(trials)).as("seed %d", seed).isEqualTo(50);
            assertThat(best(trials)).as("seed %d", seed).isLessThan(0.2); // adam: the others cannot go below 0.2
        }
    }

    @Test
    void sequentialSuggestionsNeverUseTheTrustRegion() {
        List<Trial> withRegion = run(new BayesianStrategy(PLANE, false, 4), BayesianStrategyTest::quadratic, 20);
        List<Trial> without = run(BayesianStrategy.withoutLocalBatches(PLANE, false, 4), BayesianStrategyTest::quadratic, 20);
        assertThat(withRegion.stream().map(Trial::tunedHyperParameters).toList())
                .isEqualTo(without.stream().map(Trial::tunedHyperParameters).toList());
    }

    @Test
    void whileTheSearchImprovesAParallelPickStaysInTheTrustRegionAroundTheBest() {
        // A design over the left half, then trials closing in on (0.3, 0.7) by steps below TuRBO's 0.1 % (failures
        // for the region's side, improvements all the same): the region has shrunk to 1/8 of its first side and the search improves.
        // The right half is unexplored, which is where expected improvement over the whole cube goes.
        List<Trial> history = new ArrayList<>();
        double[][] design = {{0.05, 0.05}, {0.45, 0.1}, {0.1, 0.5}, {0.45, 0.95}, {0.05, 0.9}, {0.3, 0.3}};
        for (double[] p : design) {
            history.add(trial(history.size() + 1, point(p[0], p[1]), "Completed", 1010 + 10 * (p[0] - 0.3) * (p[0] - 0.3)));
        }
        for (int k = 0; k < 16; k++) {
            double step = 0.1 / (k + 1);
            history.add(trial(history.size() + 1, point(0.3 + step, 0.7 - step), "Completed", 1001 - 1e-3 * k));
        }
        double[] values = history.stream().mapToDouble(Trial::objective).toArray();
        TrustRegion region = TrustRegion.replayed(values, BayesianStrategy.initialDesignSize(2), 2);
        assertThat(region.improving()).isTrue();
        assertThat(region.side()).isEqualTo(0.8 / 8); // the first step (1010 to 1001) counted; 15 failures: halved 3 times
        history.add(trial(history.size() + 1, point(0.31, 0.69), "InProgress", null));
        Map<String, String> best = point(0.3 + 0.1 / 16, 0.7 - 0.1 / 16);
        for (long seed = 1; seed <= 3; seed++) {
            Map<String, String> local = new BayesianStrategy(PLANE, false, seed).suggest(1, history).get(0);
            Map<String, String> global = BayesianStrategy.withoutLocalBatches(PLANE, false, seed).suggest(1, history).get(0);
            assertThat(Double.parseDouble(global.get("x"))).isGreaterThan(0.5); // what the region prevents
            assertThat(Double.parseDouble(local.get("x"))).isLessThan(0.45);
            assertThat(distance(local, best)).isLessThan(distance(global, best) / 2);
            assertThat(local).isNotEqualTo(point(0.31, 0.69));
        }
    }

    private static Map<String, String> point(double x, double y) {
        return Map.of("x", Double.toString(x), "y", Double.toString(y));
    }

    @Test
    void maximisingAnObjectiveIsMinimisingItsNegative() {
        List<Trial> minimised = run(new BayesianStrategy(MIXED, false, 5), BayesianStrategyTest::mixed, 15);
        List<Trial> maximised = run(new BayesianStrategy(MIXED, true, 5), c -> -mixed(c), 15);
        assertThat(maximised.stream().map(Trial::tunedHyperParameters).toList())
                .isEqualTo(minimised.stream().map(Trial::tunedHyperParameters).toList());
        assertThat(best(minimised)).isLessThan(0.1);
    }

    @Test
    void theSameSeedAndHistoryGiveTheSameSuggestions() {
        List<Trial> history = run(new BayesianStrategy(MIXED, false, 3), BayesianStrategyTest::mixed, 14);
        List<Map<String, String>> first = new BayesianStrategy(MIXED, false, 3).suggest(3, history);
        BayesianStrategy used = new BayesianStrategy(MIXED, false, 3);
        run(used, BayesianStrategyTest::mixed, 12); // a different past must not matter
        assertThat(used.suggest(3, history)).isEqualTo(first);
        assertThat(new BayesianStrategy(MIXED, false, 4).suggest(3, history)).isNotEqualTo(first);
    }

    @Test
    void suggestionsAreValuesOfTheirRanges() {
        for (Trial t : run(new BayesianStrategy(MIXED, false, 8), BayesianStrategyTest::mixed, 20)) {
            Map<String, String> c = t.tunedHyperParameters();
            assertThat(Long.parseLong(c.get("layers"))).isBetween(1L, 8L);
            assertThat(Double.parseDouble(c.get("learning_rate"))).isBetween(1e-5, 1.0);
            assertThat(c.get("optimizer")).isIn("sgd", "adam", "rmsprop");
        }
    }

    @Test
    void aBatchAvoidsThePendingTrialsAndItself() {
        for (int completed : new int[] {8, 12, 20}) {
            List<Trial> history = new ArrayList<>(run(new BayesianStrategy(PLANE, false, 2), BayesianStrategyTest::quadratic, completed));
            BayesianStrategy strategy = new BayesianStrategy(PLANE, false, 2);
            Map<String, String> next = strategy.suggest(1, history).get(0);
            history.add(trial(completed + 1, next, "InProgress", null)); // now running
            List<Map<String, String>> batch = strategy.suggest(3, history);
            List<Map<String, String>> all = new ArrayList<>(batch);
            all.add(next);
            assertThat(new HashSet<>(all)).hasSize(4);
            if (completed == 8) { // while the model is uncertain, the batch spreads out; later it may refine the optimum closely
                for (int i = 0; i < all.size(); i++) {
                    for (int j = i + 1; j < all.size(); j++) {
                        assertThat(distance(all.get(i), all.get(j))).isGreaterThan(0.01);
                    }
                }
            }
        }
    }

    @Test
    void failedTrialsAreNeitherFittedNorProposedAgain() {
        List<Trial> history = new ArrayList<>(run(new BayesianStrategy(PLANE, false, 6), BayesianStrategyTest::quadratic, 10));
        BayesianStrategy strategy = new BayesianStrategy(PLANE, false, 6);
        Map<String, String> next = strategy.suggest(1, history).get(0);
        history.add(trial(11, next, "Failed", null));
        Map<String, String> after = strategy.suggest(1, history).get(0);
        assertThat(distance(after, next)).isGreaterThan(1e-3);
        // many failures, including at the same point, leave a working model
        for (int i = 0; i < 6; i++) {
            history.add(trial(history.size() + 1, next, "Failed", null));
        }
        List<Trial> continued = new ArrayList<>(history);
        for (int i = 0; i < 10; i++) {
            Map<String, String> c = strategy.suggest(1, continued).get(0);
            continued.add(trial(continued.size() + 1, c, "Completed", quadratic(c)));
        }
        assertThat(best(continued)).isLessThan(1e-3);
    }

    @Test
    void theInitialDesignKeepsGoingWhileTrialsFail() {
        BayesianStrategy strategy = new BayesianStrategy(PLANE, false, 1);
        List<Trial> history = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            history.add(trial(i, strategy.suggest(1, history).get(0), "Failed", null));
        }
        assertThat(history.stream().map(Trial::tunedHyperParameters).distinct()).hasSize(10);
    }

    @Test
    void aWarmStartBeginsFromTheParentsTrialsInsteadOfTheDesign() {
        // a parent job's 20 trials of the same quadratic; the child's first suggestion already comes from the model
        List<Trial> parent = run(new BayesianStrategy(PLANE, false, 5), BayesianStrategyTest::quadratic, 20);
        double parentBest = best(parent);
        Strategy child = new BayesianStrategy(PLANE, false, 6).withPriorTrials(parent);
        Map<String, String> first = child.suggest(1, List.of()).get(0);
        Map<String, String> cold = new BayesianStrategy(PLANE, false, 6).suggest(1, List.of()).get(0);
        assertThat(first).isNotEqualTo(cold);
        // the model's picks, not the design's: within three sequential picks the child is where the parent ended (with
        // the parent's optimum pinned to 1e-9, expected improvement may spend one pick on the emptiest corner first)
        List<Trial> childTrials = run(child, BayesianStrategyTest::quadratic, 3);
        assertThat(childTrials.get(0).tunedHyperParameters()).isEqualTo(first);
        assertThat(best(childTrials)).isLessThan(Math.max(10 * parentBest, 1e-3));
        // trials that cannot be points of the space (a category it does not have) are left out, not fatal
        Trial foreign = trial(99, Map.of("x", "0.5", "y", "nope"), "Completed", 0.0);
        assertThat(new BayesianStrategy(PLANE, false, 6).withPriorTrials(List.of(foreign)).suggest(1, List.of()).get(0)).isEqualTo(cold);
    }

    /** 4 layers × 3 optimizers × 2 activations × 4 batch sizes: 96 configurations, one best (3 layers, adam, relu, 64). */
    private static final SearchSpace NETWORK = new SearchSpace(List.of(
            new Dimension.Integer("layers", 1, 4, Scaling.LINEAR),
            new Dimension.Categorical("optimizer", List.of("sgd", "adam", "rmsprop")),
            new Dimension.Categorical("activation", List.of("relu", "tanh")),
            new Dimension.Categorical("batch_size", List.of("32", "64", "128", "256"))));

    private static double network(Map<String, String> c) {
        int layers = Integer.parseInt(c.get("layers"));
        boolean adam = c.get("optimizer").equals("adam");
        int batch = List.of("32", "64", "128", "256").indexOf(c.get("batch_size"));
        return 0.1 + 0.02 * Math.pow(layers - (adam ? 3 : 2), 2) + (adam ? 0 : c.get("optimizer").equals("sgd") ? 0.05 : 0.02)
                + 0.01 * Math.abs(batch - (adam ? 1 : 2)) + (c.get("activation").equals("relu") ? 0 : 0.015 * layers);
    }

    @Test
    void inAFiniteSpaceEveryTrialIsANewConfiguration() {
        // Before 2026-12-07, 40 sequential trials here trained 26 distinct configurations on average over 40 seeds (the
        // model kept re-proposing its best), and a 3 × 2 space's 6-point design trained 5 or fewer of its 6.
        SearchSpace small = new SearchSpace(List.of(new Dimension.Categorical("a", List.of("p", "q", "r")),
                new Dimension.Categorical("b", List.of("x", "y"))));
        for (long seed = 1; seed <= 5; seed++) {
            List<Trial> sequential = run(new BayesianStrategy(NETWORK, false, seed), BayesianStrategyTest::network, 40);
            assertThat(distinct(sequential)).isEqualTo(40);
            assertThat(best(sequential)).isEqualTo(0.1);
            List<Trial> parallel = runThreeAtATime(new BayesianStrategy(NETWORK, false, seed), BayesianStrategyTest::network, 40);
            assertThat(distinct(parallel)).isEqualTo(40);
            assertThat(distinct(run(new BayesianStrategy(small, false, seed), c -> c.get("a").equals("q") ? 0 : 1, 6))).isEqualTo(6);
        }
    }

    private static int distinct(List<Trial> trials) {
        return new HashSet<>(trials.stream().map(Trial::tunedHyperParameters).toList()).size();
    }

    @Test
    void anEmptySpaceGivesEmptyConfigurations() {
        assertThat(new BayesianStrategy(new SearchSpace(List.of()), false, 1).suggest(2, List.of())).containsExactly(Map.of(), Map.of());
    }

    private static double distance(Map<String, String> a, Map<String, String> b) {
        return Math.hypot(Double.parseDouble(a.get("x")) - Double.parseDouble(b.get("x")),
                Double.parseDouble(a.get("y")) - Double.parseDouble(b.get("y")));
    }

    @Test
    void remembersItsKernelFitsWhileADivergedTrialIsHeldAtAMovingFence() {
        // The first trial diverged. As the search converges, the outlier fence falls with every new value; fits are
        // remembered by the values they were made on, so those values must not move with it: before the fits were
        // judged on their own values, each suggestion refitted the whole warm-start chain (661 fits in 200 trials).
        BayesianStrategy strategy = new BayesianStrategy(PLANE, false, 5);
        List<Trial> history = new ArrayList<>();
        for (int i = 1; i <= 90; i++) {
            Map<String, String> c = strategy.suggest(1, history).get(0);
            history.add(trial(i, c, "Completed", i == 1 ? 1e6 : quadratic(c)));
        }
        // for each output warp compared, one fit per observation up to 64 from the end of the 6-point design, then the
        // anchors 70, 77 and 84
        int warps = WarpedModel.WARPS.size();
        assertThat(strategy.hyperparameterFits()).isBetween(55 * warps, 70 * warps);
        assertThat(best(history)).isLessThan(1e-4);
    }

    @Test
    void aLossOverSixOrdersOfMagnitudeIsSearchedOnTheLogScale() {
        // Goldstein-Price on [-2, 2]^2 (minimum 3 at (0, -1), about 10^6 in the corners). Standardised as they are,
        // the values near the minimum are a rounding error beside the corners'; on the log scale the model sees the
        // basin. The best of 40 trials for seeds 1-3: 13.3, 3.16 and 3.19; with the identity alone 11.5, 38.4 and 9.6.
        double[] bests = new double[3];
        for (int seed = 1; seed <= 3; seed++) {
            bests[seed - 1] = best(run(new BayesianStrategy(PLANE, false, seed), BayesianStrategyTest::goldsteinPrice, 40));
        }
        Arrays.sort(bests);
        assertThat(bests[1]).isLessThan(4);
    }

    private static double goldsteinPrice(Map<String, String> c) {
        double x1 = 4 * Double.parseDouble(c.get("x")) - 2, x2 = 4 * Double.parseDouble(c.get("y")) - 2;
        double a = x1 + x2 + 1, b = 2 * x1 - 3 * x2;
        return (1 + a * a * (19 - 14 * x1 + 3 * x1 * x1 - 14 * x2 + 6 * x1 * x2 + 3 * x2 * x2))
                * (30 + b * b * (18 - 32 * x1 + 12 * x1 * x1 + 48 * x2 - 36 * x1 * x2 + 27 * x2 * x2));
    }
}
