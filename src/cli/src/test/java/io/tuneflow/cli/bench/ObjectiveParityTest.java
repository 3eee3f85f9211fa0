package io.tuneflow.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tuneflow.engine.tuning.RandomStrategy;
import io.tuneflow.engine.tuning.Trial;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Optuna script implements the same objectives as the Java harness: both are evaluated at each problem's optimum
 * and at random configurations (strings, as the engine's random strategy formats them). Needs only python3, not
 * Optuna: the script's {@code evaluate} does not import it. Skipped where python3 is missing.
 */
class ObjectiveParityTest {

    private static final Path SCRIPT = Path.of("../../bench/optuna_bench.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean python;

    @BeforeAll
    static void findPython() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            python = p.waitFor() == 0;
        } catch (IOException e) {
            python = false;
        }
    }

    static List<Path> problemFiles() throws IOException {
        return ProblemFileTest.problemFiles().toList();
    }

    @ParameterizedTest
    @MethodSource("problemFiles")
    void pythonGivesTheJavaValues(Path file) throws IOException, InterruptedException {
        assumeTrue(python, "python3 is not installed");
        BenchProblem problem = ProblemFile.read(file);
        List<Map<String, String>> points = new ArrayList<>();
        points.add(problem.optimumAt());
        List<Trial> noHistory = List.of();
        RandomStrategy random = new RandomStrategy(problem.space(), 11);
        points.addAll(random.suggest(20, noHistory));

        double[] fromPython = evaluateInPython(file, points);

        assertThat(fromPython).hasSize(points.size());
        for (int k = 0; k < points.size(); k++) {
            double java = problem.objective().valueAt(new HyperParameterStrings(points.get(k)));
            assertThat(fromPython[k]).as("%s at %s", problem.name(), points.get(k))
                    .isCloseTo(java, within(1e-12 * Math.max(1, Math.abs(java))));
        }
    }

    private static double[] evaluateInPython(Path file, List<Map<String, String>> points) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", SCRIPT.toString(), "evaluate", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(points));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return JSON.readValue(out, double[].class);
    }
}
