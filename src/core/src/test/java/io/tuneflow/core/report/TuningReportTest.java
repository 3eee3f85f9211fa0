package io.tuneflow.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tuneflow.core.orchestration.TuningResults;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** report.html from tuning jobs read through the SageMaker calls: what it embeds, what it shows without script. */
class TuningReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    static JsonNode embeddedData(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("the report embeds its data").isTrue();
        JsonNode data = JSON.readTree(m.group(1));
        assertThat(m.find()).as("one data element").isFalse();
        return data;
    }

    /** Renders the report and keeps a copy in target/report-samples/ to open by hand. */
    private static String render(TuningResults results, TrainingCurves curves) throws java.io.IOException {
        String html = TuningReport.of(results.best("2026-03-01T12:00:00Z"), results.trials(), curves).html();
        java.nio.file.Path samples = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "report-samples"));
        java.nio.file.Files.writeString(samples.resolve(results.tuningJobName() + ".html"), html);
        return html;
    }

    /** Nothing in the page can reach the network: no URL, no attribute or rule that loads something. */
    private static void assertLoadsNothing(String html) {
        assertThat(html).doesNotContainPattern("(?i)https?://").doesNotContainPattern("(?i)\\s(src|href|action|poster|srcset)\\s*=")
                .doesNotContainPattern("(?i)url\\(").doesNotContainPattern("(?i)@import").doesNotContainPattern("(?i)<(link|iframe|img|object|embed)\\b");
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void failedAndStoppedTrialsAreListedWithTheirReasons() throws Exception {
        SyntheticTuningJob job = new SyntheticTuningJob("mixed-outcomes").strategy("Random")
                .continuous("learning_rate", "0.0001", "1", "Logarithmic").integer("epochs", "5", "50").categorical("optimizer", "sgd", "adam")
                .trial("Completed", Map.of("learning_rate", "0.01", "epochs", "20", "optimizer", "adam"), 0.31, 0, 40, null, "Completed")
                .trial("Failed", Map.of("learning_rate", "0.9", "epochs", "10", "optimizer", "sgd"), null, 0, 3, "AlgorithmError: loss became NaN", "Failed")
                .trial("Stopped", Map.of("learning_rate", "0.0002", "epochs", "50", "optimizer", "sgd"), null, 0, 60, null, "MaxRuntimeExceeded")
                .trial("Stopped", Map.of("learning_rate", "0.3", "epochs", "40", "optimizer", "adam"), 0.72, 40, 12, null, "Stopped")
                .trial("Completed", Map.of("learning_rate", "0.003", "epochs", "30", "optimizer", "sgd"), 0.44, 43, 35, null, "Completed");
        TuningResults results = job.results();
        String html = render(results, TrainingCurves.of("validation:loss", Map.of(job.trainingJobNames().get(0), List.of(0.9, 0.5, 0.31))));

        JsonNode data = embeddedData(html);
        assertThat(data.get("trials")).isEqualTo(results.trials());
        assertThat(data.get("best").get("bestTrainingJob").get("name").asText()).isEqualTo(job.trainingJobNames().get(0));
        assertThat(data.get("curves").get("series").get(job.trainingJobNames().get(0))).hasSize(3);

        // readable without script: the summary counts every outcome, the table gives each reason
        assertThat(html).contains("<dt>Strategy</dt><dd>Random</dd>").contains("2 Completed").contains("1 Failed").contains("2 Stopped")
                .contains("billable 2 min 30 s");
        assertThat(row(html, job.trainingJobNames().get(1))).contains("status-Failed").contains("AlgorithmError: loss became NaN");
        assertThat(row(html, job.trainingJobNames().get(2))).contains("status-Stopped").contains("MaxRuntimeExceeded");
        assertThat(row(html, job.trainingJobNames().get(0))).contains("class=\"best\"").contains(">0.31<");
        assertLoadsNothing(html);
    }

    @Test
    void aSevenHundredFiftyTrialResultStaysWellUnderTwoMegabytes() throws Exception {
        SyntheticTuningJob job = new SyntheticTuningJob("wide-search").strategy("Bayesian").objective("Maximize", "validation:auc")
                .continuous("eta", "0.001", "0.5", "Logarithmic").continuous("subsample", "0.5", "1", "Linear")
                .continuous("gamma", "0", "5", "Auto").integer("max_depth", "2", "12").categorical("booster", "gbtree", "dart", "gblinear");
        Random random = new Random(7);
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        for (int k = 0; k < 750; k++) {
            double eta = Math.exp(Math.log(0.001) + random.nextDouble() * Math.log(500));
            int depth = 2 + random.nextInt(11);
            Map<String, String> hps = Map.of("eta", Double.toString(eta), "subsample", Double.toString(0.5 + random.nextDouble() / 2),
                    "gamma", Double.toString(random.nextDouble() * 5), "max_depth", Integer.toString(depth),
                    "booster", List.of("gbtree", "dart", "gblinear").get(random.nextInt(3)));
            boolean failed = k % 97 == 13;
            double auc = 0.95 - Math.abs(Math.log10(eta) + 1.3) * 0.08 - Math.abs(depth - 6) * 0.01 + random.nextGaussian() * 0.005;
            job.trial(failed ? "Failed" : "Completed", hps, failed ? null : auc, k * 20, 60 + random.nextInt(600),
                    failed ? "AlgorithmError: worker exited with code 137" : null, failed ? "Failed" : "Completed");
            if (!failed) {
                List<Double> curve = new java.util.ArrayList<>();
                for (int epoch = 1; epoch <= 25; epoch++) {
                    curve.add(Math.round((auc - 0.3 / epoch) * 1e6) / 1e6);
                }
                curves.put(job.trainingJobNames().get(k), curve);
            }
        }
        TuningResults results = job.results();
        String html = render(results, TrainingCurves.of("validation:auc", curves));
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        System.out.println("750-trial report: " + bytes + " bytes");
        assertThat(bytes).isLessThan(2 * 1024 * 1024);
        JsonNode data = embeddedData(html);
        assertThat(data.get("trials")).isEqualTo(results.trials());
        assertThat(data.get("trials").get("trials")).hasSize(750);
        assertThat(html.split("<tr data-name=", -1)).hasSize(751);
        assertLoadsNothing(html);
    }

    @Test
    void aCategoricalOnlyGridJobHasEveryValueInTheRequestsOrder() throws Exception {
        SyntheticTuningJob job = new SyntheticTuningJob("xgboost-grid").strategy("Grid").objective("Maximize", "validation:auc")
                .categorical("max_depth", "3", "5", "7").categorical("booster", "gbtree", "dart");
        int k = 0;
        for (String depth : List.of("3", "5", "7")) {
            for (String booster : List.of("gbtree", "dart")) {
                job.trial("Completed", Map.of("max_depth", depth, "booster", booster), 0.8 + k++ * 0.01, k * 5, 30, null, "Completed");
            }
        }
        TuningResults results = job.results();
        String html = render(results, MetricCurveSource.none("not recorded").curves("validation:auc", List.of()));
        JsonNode data = embeddedData(html);
        assertThat(data.get("trials")).isEqualTo(results.trials());
        assertThat(data.get("trials").get("parameterRanges")).hasSize(2).allSatisfy(r -> assertThat(r.get("type").asText()).isEqualTo("Categorical"));
        assertThat(data.get("trials").get("parameterRanges").get(0).get("values").toString()).isEqualTo("[\"3\",\"5\",\"7\"]");
        assertThat(data.get("curves").get("available").asBoolean()).isFalse();
        assertThat(html).contains("<dt>Strategy</dt><dd>Grid</dd>").contains("Metric curves</dt><dd><span class=\"muted\">not available: not recorded");
        assertThat(html).contains("data-key=\"hp:max_depth\"").contains("data-key=\"hp:booster\"");
        assertLoadsNothing(html);
    }

    @Test
    void aSingleTrialAndAWarmStartAreSummarised() throws Exception {
        SyntheticTuningJob job = new SyntheticTuningJob("one-trial").warmStart("TransferLearning", "parent-a", "parent-b")
                .continuous("lr", "0.1", "0.9", "Linear")
                .trial("Completed", Map.of("lr", "0.5"), 1.25, 0, 5, null, "Completed");
        TuningResults results = job.results();
        String html = render(results, TrainingCurves.of("validation:loss", Map.of()));
        assertThat(embeddedData(html).get("trials")).isEqualTo(results.trials());
        assertThat(html).contains("TransferLearning from <code>parent-a</code>, <code>parent-b</code>")
                .contains("<span id=\"trial-count\">1</span> — <span class=\"status status-Completed\">1 Completed</span>");
    }

    @Test
    void textFromTheJobCannotEndTheDataElementOrAddMarkup() throws Exception {
        String hostile = "</script><script>alert(1)</script><!-- & \u2028";
        SyntheticTuningJob job = new SyntheticTuningJob("hostile").categorical("mode", "a</script>", "<b>")
                .trial("Failed", Map.of("mode", "a</script>"), null, 0, 5, hostile, "Failed")
                .trial("Completed", Map.of("mode", "<b>"), 0.5, 0, 5, null, "Completed");
        TuningResults results = job.results();
        String html = render(results, TrainingCurves.of("validation:loss", Map.of()));
        assertThat(html.split("</script>", -1)).as("only the page's own two script elements end").hasSize(3);
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<b>");
        JsonNode data = embeddedData(html);
        assertThat(data.get("trials")).isEqualTo(results.trials());
        assertThat(data.get("trials").get("trials").get(0).get("failureReason").asText()).isEqualTo(hostile);
    }

    private static String row(String html, String trainingJob) {
        int start = html.indexOf("<tr data-name=\"" + trainingJob + "\"");
        assertThat(start).as("a row for " + trainingJob).isNotNegative();
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
