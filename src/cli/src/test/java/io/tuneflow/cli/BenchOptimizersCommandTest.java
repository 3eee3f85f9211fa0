package io.tuneflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tuneflow.cli.bench.ProblemFileTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's wiring, on a handful of trials: this is not the benchmark, and nothing here is timed. */
class BenchOptimizersCommandTest {

    private static final String PROBLEMS = "../../bench/problems";

    @Test
    void jsonOutputHasEveryProblemStrategyAndMode() throws IOException {
        CliRun run = CliRun.of("bench", "optimizers", "--problem-dir", PROBLEMS, "--trials", "4", "--seeds", "2",
                "--overhead-trials", "6", "--overhead-seeds", "1", "--no-optuna", "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("optuna").isNull()).isTrue();
        List<String> problems = problemNames();
        // every problem × (bayesian, random) × (sequential, parallel 3), problems in file-name order
        assertThat(report.get("results")).hasSize(problems.size() * 4);
        JsonNode first = report.get("results").get(0);
        assertThat(first.get("problem").asText()).isEqualTo(problems.get(0));
        assertThat(first.get("optimizer").asText()).isEqualTo("tuneflow bayesian");
        assertThat(first.get("regrets")).hasSize(2);
        assertThat(first.get("repeats")).hasSize(2);
        assertThat(first.get("regret").get("median").isNumber()).isTrue();
        assertThat(first.get("overheadMillis").has("4")).isTrue();
        JsonNode overhead = report.get("overhead").get(0);
        assertThat(overhead.get("problem").asText()).isEqualTo("hartmann6");
        assertThat(overhead.get("overheadMillisAt").has("4")).isTrue();
        assertThat(overhead.get("overheadMillisAt").has("6")).isTrue();
        // per problem: Bayesian at parallel 3 against Bayesian sequential, Bayesian against random search
        assertThat(report.get("comparisons")).hasSize(problems.size() * 2);
        JsonNode comparison = report.get("comparisons").get(0);
        assertThat(comparison.get("subject").asText()).isEqualTo("tuneflow bayesian parallel 3");
        assertThat(comparison.get("reference").asText()).isEqualTo("tuneflow bayesian sequential");
        assertThat(comparison.get("target").asDouble()).isEqualTo(1.2);
        assertThat(comparison.get("verdict").asText()).isIn("MET", "MISSED", "UNDECIDED");
    }

    @Test
    void textOutputIsOneTable() {
        CliRun run = CliRun.of("bench", "optimizers", "--problem-dir", PROBLEMS, "--problems", "branin", "--parallel", "3",
                "--trials", "3", "--seeds", "1", "--overhead-trials", "0", "--no-optuna");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("median regret", "branin          tuneflow random   parallel 3");
    }

    @Test
    void firstSeedShiftsTheSeedsAndTheRunsFollowThem() throws IOException {
        String[] common = {"bench", "optimizers", "--problem-dir", PROBLEMS, "--problems", "branin", "--strategies", "random",
                "--parallel", "1", "--trials", "5", "--overhead-trials", "0", "--no-optuna", "--output", "json"};
        JsonNode shifted = results(CliRun.of(concat(common, "--first-seed", "3", "--seeds", "2")));
        JsonNode plain = results(CliRun.of(concat(common, "--seeds", "4")));
        assertThat(shifted.get("seeds").toString()).isEqualTo("[3,4]");
        // Seeds 3 and 4 are the last two runs of seeds 1..4: the same seed gives the same run.
        assertThat(shifted.get("regrets").get(0)).isEqualTo(plain.get("regrets").get(2));
        assertThat(shifted.get("regrets").get(1)).isEqualTo(plain.get("regrets").get(3));
    }

    @Test
    void seedZeroIsInvalidInput() {
        CliRun run = CliRun.of("bench", "optimizers", "--problem-dir", PROBLEMS, "--first-seed", "0", "--no-optuna");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--first-seed must be at least 1");
    }

    private static JsonNode results(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out()).get("results").get(0);
    }

    private static String[] concat(String[] first, String... more) {
        String[] out = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, out, first.length, more.length);
        return out;
    }

    @Test
    void anUnknownStrategyIsInvalidInput() {
        CliRun run = CliRun.of("bench", "optimizers", "--problem-dir", PROBLEMS, "--strategies", "tpe", "--no-optuna");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no strategy named tpe; known: [bayesian, random]");
    }

    @Test
    void aBadProblemFileIsInvalidInputNamingFileAndField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.json"), """
                {"Objective": {"Function": "branin", "Type": "Minimize"},
                 "ParameterRanges": {}}
                """);
        CliRun run = CliRun.of("bench", "optimizers", "--problem-dir", dir.toString(), "--no-optuna");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(dir.resolve("bad.json") + ":1:", "$.Objective.KnownOptimum: KnownOptimum is required");
    }

    private static List<String> problemNames() throws IOException {
        return ProblemFileTest.problemFiles().map(f -> f.getFileName().toString().replaceFirst("\\.json$", "")).toList();
    }
}
