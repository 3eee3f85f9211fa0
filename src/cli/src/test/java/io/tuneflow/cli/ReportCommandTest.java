package io.tuneflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as `tuneflow run` publishes it and `tuneflow report` writes it: the embedded data is trials.json, the
 * local engine's objective curves come along, failed and stopped trials say why.
 */
class ReportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theQuickstartRunPublishesItsReportBesideBestJsonAndSaysWhereItIs() throws Exception {
        ReportScenarios.Scenario quickstart = ReportScenarios.quickstart();
        assertThat(quickstart.output()).contains("Report: " + quickstart.report().toUri());
        assertThat(quickstart.report()).exists();
        JsonNode data = quickstart.embeddedData();
        assertThat(data.get("trials")).isEqualTo(quickstart.trials());
        assertThat(data.get("best").get("bestTrainingJob")).isEqualTo(quickstart.best().get("bestTrainingJob"));
        // the engine's curves: Train.java logs the validation loss once per epoch
        JsonNode curves = data.get("curves");
        assertThat(curves.get("available").asBoolean()).isTrue();
        assertThat(curves.get("metricName").asText()).isEqualTo("validation:loss");
        for (JsonNode trial : quickstart.trials().get("trials")) {
            JsonNode series = curves.get("series").get(trial.get("name").asText());
            assertThat(series).hasSize(trial.get("tunedHyperParameters").get("epochs").asInt());
            assertThat(series.get(series.size() - 1).asDouble()).isEqualTo(trial.get("objective").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(quickstart.html()).contains("<dt>Strategy</dt><dd>Bayesian</dd>").contains("9 Completed")
                .contains("validation:loss for 9 training jobs");
    }

    @Test
    void reportRewritesTheReportFromAResultsDirectoryWithTheWorkspacesCurvesWhenAsked() throws Exception {
        ReportScenarios.Scenario quickstart = ReportScenarios.quickstart();
        Path plain = tmp.resolve("plain.html");
        CliRun run = CliRun.of("report", quickstart.jobDirectory().toString(), "--output", plain.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().trim()).isEqualTo("Report: " + plain.toUri());
        JsonNode data = ReportScenarios.dataOf(Files.readString(plain));
        assertThat(data.get("trials")).isEqualTo(quickstart.trials());
        assertThat(data.get("best")).isEqualTo(quickstart.best());
        assertThat(data.get("curves").get("available").asBoolean()).isFalse();
        assertThat(data.get("curves").get("unavailableReason").asText()).contains("final metric values only");

        Path withCurves = tmp.resolve("with-curves.html");
        run = CliRun.of("report", quickstart.jobDirectory().toString(), "--output", withCurves.toString(),
                "--workspace", quickstart.workspace().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ReportScenarios.dataOf(Files.readString(withCurves)).get("curves"))
                .isEqualTo(quickstart.embeddedData().get("curves"));
    }

    @Test
    void failedAndStoppedTrialsAreInTheReportWithTheirReasons() {
        ReportScenarios.Scenario run = ReportScenarios.failedAndStopped();
        JsonNode trials = run.trials();
        List<String> statuses = new ArrayList<>();
        trials.get("trials").forEach(t -> statuses.add(t.get("status").asText()));
        assertThat(statuses).as(run.output()).contains("Completed", "Failed", "Stopped");
        JsonNode data = run.embeddedData();
        assertThat(data.get("trials")).isEqualTo(trials);
        String html = run.html();
        for (JsonNode t : trials.get("trials")) {
            String row = ReportScenarios.row(html, t.get("name").asText());
            assertThat(row).contains("status-" + t.get("status").asText());
            switch (t.get("status").asText()) {
                case "Failed" -> assertThat(row).contains("AlgorithmError: width " + t.get("tunedHyperParameters").get("width").asText()
                        + " does not divide the input");
                case "Stopped" -> assertThat(row).contains("MaxRuntimeExceeded");
                default -> assertThat(t.get("objective").isNumber()).isTrue();
            }
        }
    }

    @Test
    void aCategoricalOnlyGridRunReportsEveryCombination() {
        ReportScenarios.Scenario grid = ReportScenarios.categoricalGrid();
        JsonNode trials = grid.trials();
        assertThat(trials.get("trials")).hasSize(12);
        assertThat(trials.get("parameterRanges")).hasSize(2).allSatisfy(r -> assertThat(r.get("type").asText()).isEqualTo("Categorical"));
        assertThat(grid.embeddedData().get("trials")).isEqualTo(trials);
        assertThat(grid.html()).contains("<dt>Strategy</dt><dd>Grid</dd>").contains("(AllCombinationsTried)").contains("12 Completed");
    }

    @Test
    void aSevenHundredFiftyTrialResultMakesAReportWellUnderTwoMegabytes() throws Exception {
        ReportScenarios.Scenario wide = ReportScenarios.synthetic750();
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        assertThat(schema.getSchema(getClass().getResourceAsStream("/io/tuneflow/core/results/trials.schema.json")).validate(wide.trials()))
                .as("the synthetic trials.json has the published shape").isEmpty();
        assertThat(schema.getSchema(getClass().getResourceAsStream("/io/tuneflow/core/results/best.schema.json")).validate(wide.best()))
                .as("the synthetic best.json has the published shape").isEmpty();
        long bytes = Files.size(wide.report());
        System.out.println("750-trial report.html: " + bytes + " bytes");
        assertThat(bytes).isLessThan(2L * 1024 * 1024);
        assertThat(wide.embeddedData().get("trials")).isEqualTo(wide.trials());
        assertThat(wide.html()).contains("IdenticalDataAndAlgorithm from <code>wide-search-previous</code>");
    }

    @Test
    void aMissingResultsDirectoryIsInvalidInput() {
        CliRun run = CliRun.of("report", tmp.resolve("nothing/here").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a directory");
        Path empty = tmp.resolve("empty");
        empty.toFile().mkdirs();
        run = CliRun.of("report", empty.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("best.json is missing");
    }
}
