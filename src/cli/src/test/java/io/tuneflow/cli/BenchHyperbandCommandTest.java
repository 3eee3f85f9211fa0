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
        assertThat(plain.out()).contains("seeds 1-3, in process", "typical curves, 2 dimensions", "skipped",
                "against the target <= 1/3");
        assertThat(CliRun.of(concat(SIMULATE, "--seeds", "3", "--no-bayesian")).out()).isEqualTo(plain.out());

        CliRun shifted = CliRun.of(concat(SIMULATE, "--seeds", "1", "--first-seed", "3", "--no-bayesian"));
        assertThat(shifted.exitCode()).as(shifted.err()).isZero();
        assertThat(seedLine(shifted.out(), 3)).isEqualTo(seedLine(plain.out(), 3));
    }

    @Test
    void theBayesianJobRunsBesideHyperbandUnlessSkipped() {
        CliRun run = CliRun.of(concat(SIMULATE, "--seeds", "1"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        String line = seedLine(run.out(), 1);
        // random search trains N = 30 jobs of R = 27 epochs; both others report the epochs they trained and their jobs
        assertThat(line).matches("\\s*1\\s+0\\.\\d{6}\\s+810\\s+\\d+ \\(\\d+\\)\\s+\\d+ \\(\\d+\\)\\s+\\d\\.\\d\\d\\s+\\d\\.\\d\\d");
        assertThat(run.out()).contains("; Bayesian ");
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
