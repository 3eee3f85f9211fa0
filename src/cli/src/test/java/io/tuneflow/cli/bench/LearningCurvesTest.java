package io.tuneflow.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tuneflow.engine.tuning.Dimension;
import io.tuneflow.engine.tuning.RandomStrategy;
import io.tuneflow.engine.tuning.SearchSpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LearningCurvesTest {

    private static final SearchSpace SIX = new SearchSpace(List.of(
            new Dimension.Continuous("lr", 1e-4, 1, "Logarithmic"), new Dimension.Continuous("m", 0, 1, "Linear"),
            new Dimension.Continuous("w1", 0, 1, "Linear"), new Dimension.Continuous("w2", 0, 1, "Linear"),
            new Dimension.Continuous("w3", 0, 1, "Linear"), new Dimension.Continuous("w4", 0, 1, "Linear")));
    private static final Pattern LINE = Pattern.compile("epoch (\\d+) loss = ([0-9.]+)");

    @Test
    void knownValuesOfTheFormula() {
        // u = log10(0.003) = -2.5228787; L = 0.1 + 0.5·(u + 2.5)²/6.25 = 0.1000419; e^-α is 1 at the first epoch
        Map<String, String> nearOptimum = Map.of("lr", "0.003", "m", "0.6");
        assertThat(new LearningCurves("typical").loss(nearOptimum, 1)).isEqualTo(1.100042);
        assertThat(new LearningCurves("crossing").loss(nearOptimum, 1)).isEqualTo(1.600042);
        // typical α = 0.8 + 0.2·(u + 4) = 1.0954243 at 27 epochs: 27^-α = 0.0270427
        assertThat(new LearningCurves("typical").loss(nearOptimum, 27)).isEqualTo(0.127085);
        // each w adds 0.15·(w − c)², c = 0.3 for w1, 0.7 for w2
        Map<String, String> withWeights = Map.of("lr", "0.003", "m", "0.6", "w1", "0.5", "w2", "0.5");
        assertThat(new LearningCurves("typical").loss(withWeights, 1)).isEqualTo(1.112042);
    }

    @Test
    void rejectsAnUnknownFamily() {
        assertThatThrownBy(() -> new LearningCurves("steep")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typical or crossing");
    }

    /** The trainer the engine runs and the simulation compute the same losses, at the six decimals the trainer logs. */
    @ParameterizedTest
    @ValueSource(strings = {"typical", "crossing"})
    void theTrainerScriptLogsWhatTheSimulationComputes(String family, @TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("train.sh"), LearningCurves.TRAINER);
        LearningCurves curves = new LearningCurves(family);
        for (Map<String, String> configuration : new RandomStrategy(SIX, 7).suggest(5, List.of())) {
            List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--epochs", "27", "--pause", "0",
                    "--curves", family));
            configuration.forEach((name, value) -> command.addAll(List.of(name.length() > 1 ? "--" + name : "-" + name, value)));
            Map<Integer, Double> logged = run(command);
            assertThat(logged).hasSize(27);
            logged.forEach((epoch, value) -> assertThat(curves.loss(configuration, epoch))
                    .as("%s at epoch %d", configuration, epoch).isCloseTo(value, within(1.01e-6)));
        }
    }

    private static Map<Integer, Double> run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<Integer, Double> logged = new LinkedHashMap<>();
        Matcher m = LINE.matcher(output);
        while (m.find()) {
            logged.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        }
        return logged;
    }
}
