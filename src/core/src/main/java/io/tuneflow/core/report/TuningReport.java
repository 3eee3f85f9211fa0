package io.tuneflow.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * report.html: one self-contained page about a tuning job, made from the contents of best.json and trials.json (so it
 * reads the same on AWS and locally) and the metric series a {@link MetricCurveSource} found.
 *
 * <p>The summary and the table of trials are plain HTML, readable without JavaScript. The page's inline script adds
 * the HParams views — sorting and filtering, parallel coordinates with brushing, a scatter-plot matrix, the objective
 * over time and the per-trial curves — drawing from the data embedded in one
 * {@code <script type="application/json" id="report-data">} element. Nothing is loaded from the network.
 */
public final class TuningReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode best;
    private final JsonNode trials;
    private final TrainingCurves curves;

    private TuningReport(JsonNode best, JsonNode trials, TrainingCurves curves) {
        this.best = best.deepCopy();
        this.trials = trials.deepCopy();
        this.curves = curves;
    }

    /**
     * @param best   the content of best.json
     * @param trials the content of trials.json
     */
    public static TuningReport of(JsonNode best, JsonNode trials, TrainingCurves curves) {
        return new TuningReport(best, trials, curves);
    }

    /** The training jobs and when they ran, in trials.json's order: what to ask a {@link MetricCurveSource} for. */
    public static List<TrainingJobTimes> trainingJobs(JsonNode trials) {
        List<TrainingJobTimes> jobs = new ArrayList<>();
        ReportTrial.listOf(trials).forEach(t -> jobs.add(new TrainingJobTimes(t.name(), t.startTime(), t.endTime())));
        return jobs;
    }

    /** What the page embeds: {@code {"schemaVersion", "best", "trials", "curves"}}, trials exactly as trials.json. */
    public ObjectNode data() {
        ObjectNode data = JSON.createObjectNode().put("schemaVersion", 1);
        data.set("best", best);
        data.set("trials", trials);
        ObjectNode c = data.putObject("curves").put("metricName", curves.metricName()).put("available", curves.available())
                .put("step", curves.step()).put("unavailableReason", curves.unavailableReason());
        c.set("series", JSON.valueToTree(curves.byTrainingJob()));
        return data;
    }

    public String html() {
        List<ReportTrial> rows = ReportTrial.listOf(trials);
        String title = "Tuning report: " + best.path("tuningJobName").asText();
        String objectiveName = trials.path("objective").path("metricName").asText();
        StringBuilder page = new StringBuilder(64 * 1024 + rows.size() * 900);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // Nothing may come from the network, whoever opens the file.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; ")
                .append("script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(Html.text(title)).append("</title>\n<style>\n").append(ReportAssets.css()).append("</style>\n")
                .append("</head>\n<body>\n<header>\n<h1>").append(Html.text(title)).append("</h1>\n</header>\n<main>\n");
        page.append(SummarySection.html(best, rows, curves));
        page.append("""
                <noscript><p class="note">The summary and the table of trials read without JavaScript; sorting, filtering \
                and the charts need it.</p></noscript>
                <section id="parallel-coordinates-section" class="view" hidden>
                <h2>Parallel coordinates</h2>
                <p class="hint">One line per trial with an objective, coloured by the objective. Drag along an axis to keep \
                only the trials in that range (in the charts and the table); click an axis' selection to clear it.</p>
                <div id="parallel-coordinates" class="chart"></div>
                </section>
                """);
        page.append("<section id=\"trials-section\">\n<h2>Trials</h2>\n<div id=\"filters\" class=\"filters\" hidden></div>\n");
        page.append(TrialTable.html(hyperParameterNames(), objectiveName, best.path("bestTrainingJob").path("name").asText(null), rows));
        page.append("</section>\n");
        page.append("""
                <section id="scatter-matrix-section" class="view" hidden>
                <h2>Scatter-plot matrix</h2>
                <p class="hint">The objective against each hyperparameter (top row), and each pair of hyperparameters \
                coloured by the objective. Trials outside the filters are grey.</p>
                <div id="scatter-matrix" class="chart"></div>
                </section>
                <section id="objective-over-time-section" class="view" hidden>
                <h2>Objective over time</h2>
                <p class="hint">Each trial's final objective in the order the trials ended, and the best so far.</p>
                <div id="objective-over-time" class="chart"></div>
                </section>
                <section id="curves-section" class="view" hidden>
                <h2>Metric curves</h2>
                <p class="hint">The objective as each selected trial logged it. Click rows of the table or lines of the \
                parallel coordinates to select trials.</p>
                <div id="curves" class="chart"></div>
                </section>
                """);
        page.append("</main>\n");
        page.append(EmbeddedJson.scriptElement("report-data", data()));
        page.append("<script>\n").append(ReportAssets.script()).append("</script>\n</body>\n</html>\n");
        return page.toString();
    }

    /** The ranges' names in the request's order, then any other tuned name the trials carry. */
    private List<String> hyperParameterNames() {
        Set<String> names = new LinkedHashSet<>();
        trials.path("parameterRanges").forEach(r -> names.add(r.path("name").asText()));
        Set<String> others = new TreeSet<>();
        trials.path("trials").forEach(t -> t.path("tunedHyperParameters").fieldNames().forEachRemaining(others::add));
        names.addAll(others);
        return List.copyOf(names);
    }
}
