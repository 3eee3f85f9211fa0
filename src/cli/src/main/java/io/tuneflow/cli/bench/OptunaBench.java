package io.tuneflow.cli.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Optuna side of the benchmark: runs {@code bench/optuna_bench.py} as a subprocess on the same problem files,
 * trials and seeds, and reads the JSON it prints. Its progress lines go to this process's stderr.
 */
public final class OptunaBench {

    /** The script also prints summaries of its own; only the raw figures are read, and summarised here. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public record Settings(String python, Path script, List<Path> problems, String samplers, int trials, long firstSeed,
                           int seeds, Path overheadProblem, int overheadTrials, int overheadSeeds) {
        public Settings {
            problems = List.copyOf(problems);
        }
    }

    /** What the script reports: versions, then results in the shape of the Java side's. */
    public record Outcome(String python, String optuna, Map<String, String> versions, Map<String, String> samplers,
                          List<BenchResult> results, List<BenchResult> overhead) {
        public Outcome {
            versions = Map.copyOf(versions);
            samplers = Map.copyOf(samplers);
            results = List.copyOf(results);
            overhead = List.copyOf(overhead);
        }
    }

    private OptunaBench() {
    }

    /** Why Optuna cannot run with {@code python}, or empty when it can. */
    public static Optional<String> unavailable(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import optuna").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(python + " did not import optuna within 60 s");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(python + " cannot import optuna (python3 -m pip install -r bench/requirements.txt)");
        } catch (IOException e) {
            return Optional.of(python + " cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    public static Outcome run(Settings settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(settings.python(), settings.script().toString(), "run",
                "--trials", Integer.toString(settings.trials()), "--first-seed", Long.toString(settings.firstSeed()),
                "--seeds", Integer.toString(settings.seeds()),
                "--samplers", settings.samplers(), "--problems"));
        settings.problems().forEach(p -> command.add(p.toString()));
        if (settings.overheadProblem() != null && settings.overheadTrials() > 0) {
            command.addAll(List.of("--overhead-problem", settings.overheadProblem().toString(),
                    "--overhead-trials", Integer.toString(settings.overheadTrials()),
                    "--overhead-seeds", Integer.toString(settings.overheadSeeds())));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + exit
                    + " (its messages are above)");
        }
        return JSON.readValue(new String(stdout, StandardCharsets.UTF_8), Outcome.class);
    }
}
