package io.tuneflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The command's wiring with --simulate, on a few seeds: this is not the benchmark, and nothing here is timed. The
 * process-based run is the same code around the engine and takes minutes; CI does not run it.
 */
class BenchHyperbandCommandTest {

    private static final String[] SIMULATE = {"bench", "hyperband", "--simulate", "--dimensions", "2", "--curves", "typical"};

    @Test
    void simulatedRunsAreDeterministicAndSeedsFollowFirstSeed() {
        CliRun plain = CliRun.of(concat(SIMULATE, "--seeds", "3", "--no-bayesian"));
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("seeds 1-3, in process", "typical curves, 2 dimensions", "hyperband (jobs) ratios",
                "against the target <= 1/3").doesNotContain("Bayesian");
        assertThat(CliRun.of(concat(SIMULATE, "--seeds", "3", "--no-bayesian")).out()).isEqualTo(plain.out());

        CliRun shifted = CliRun.of(concat(SIMULATE, "--seeds", "1", "--first-seed", "3", "--no-bayesian"));
        assertThat(shifted.exitCode()).as(shifted.err()).isZero();
        assertThat(seedLine(shifted.out(), 3)).isEqualTo(seedLine(plain.out(), 3));
    }

    @Test
    void theBayesianJobsRunBesideHyperbandAsAsked() {
        CliRun run = CliRun.of(concat(SIMULATE, "--seeds", "1", "--early-stopping"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("hyperband (jobs)      bayesian (jobs) bayesian+auto (jobs) ratios");
        // random search trains N = 30 jobs of R = 27 epochs; the others report the epochs they trained and their jobs
        assertThat(seedLine(run.out(), 1)).matches("\\s*1\\s+0\\.\\d{6}\\s+810(\\s+\\d+ \\(\\d+\\)){3}(\\s+\\d\\.\\d\\d){3}");
        assertThat(run.out()).containsPattern("Bayesian +\\d\\.\\d\\d \\[").containsPattern("Bayesian\\+Auto +\\d\\.\\d\\d \\[")
                .contains("per seed, Bayesian+Auto");
    }

    @Test
    void badSeedsAreAUserError() {
        CliRun run = CliRun.of(concat(SIMULATE, "--seeds", "0"));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--seeds and --first-seed must be at least 1");
    }

    private static String seedLine(String out, int seed) {
        Matcher m = Pattern.compile("(?m)^\\s+" + seed + "\\s+0\\..*$").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
