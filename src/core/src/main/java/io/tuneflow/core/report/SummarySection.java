package io.tuneflow.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The report's header, rendered on the server so it reads without JavaScript: what ran and how it ended. */
final class SummarySection {

    private SummarySection() {
    }

    static String html(JsonNode best, List<ReportTrial> trials, TrainingCurves curves) {
        StringBuilder out = new StringBuilder("<section id=\"summary\">\n<dl class=\"summary\">\n");
        String status = best.path("status").asText();
        String reason = best.path("completion").path("reason").asText(null);
        item(out, "Tuning job", Html.text(best.path("tuningJobName").asText())
                + (best.path("pipelineName").isTextual() ? " <span class=\"muted\">pipeline " + Html.text(best.path("pipelineName").asText()) + "</span>" : ""));
        item(out, "Strategy", Html.text(best.path("strategy").asText("—")));
        item(out, "Status", "<span class=\"status status-" + Html.text(status) + "\">" + Html.text(status) + "</span>"
                + (reason == null || reason.equals(status) ? "" : " <span class=\"muted\">(" + Html.text(reason) + ")</span>")
                + (best.path("failureReason").isTextual() ? "<div class=\"reason\">" + Html.text(best.path("failureReason").asText()) + "</div>" : ""));
        JsonNode objective = best.path("objective");
        item(out, "Objective", Html.text(objective.path("metricName").asText()) + " <span class=\"muted\">("
                + Html.text(objective.path("type").asText()) + ")</span>");
        JsonNode bestJob = best.path("bestTrainingJob");
        item(out, "Best", bestJob.isObject()
                ? "<strong id=\"best-value\">" + Html.text(objective.path("value").asText()) + "</strong> by "
                        + "<code>" + Html.text(bestJob.path("name").asText()) + "</code>" + hyperParameters(bestJob.path("tunedHyperParameters"))
                : "none <span class=\"muted\">(no training job produced the objective)</span>");
        item(out, "Trials", trialCounts(trials));
        item(out, "Time", times(best, trials));
        item(out, "Warm start", warmStart(best.path("warmStart")));
        item(out, "Metric curves", curves.available()
                ? Html.text(curves.metricName()) + " for " + curves.byTrainingJob().size() + " training jobs"
                : "<span class=\"muted\">not available: " + Html.text(curves.unavailableReason()) + "</span>");
        if (best.path("publishedAt").isTextual()) {
            item(out, "Published", Html.text(best.path("publishedAt").asText()));
        }
        return out.append("</dl>\n</section>\n").toString();
    }

    private static void item(StringBuilder out, String term, String definitionHtml) {
        out.append("<div><dt>").append(Html.text(term)).append("</dt><dd>").append(definitionHtml).append("</dd></div>\n");
    }

    private static String hyperParameters(JsonNode tuned) {
        StringBuilder out = new StringBuilder("<div class=\"hyperparameters\">");
        tuned.properties().forEach(e -> out.append("<span><code>").append(Html.text(e.getKey())).append("</code> = ")
                .append(Html.text(e.getValue().asText())).append("</span> "));
        return out.append("</div>").toString();
    }

    private static String trialCounts(List<ReportTrial> trials) {
        Map<String, Integer> byStatus = new TreeMap<>();
        trials.forEach(t -> byStatus.merge(t.status(), 1, Integer::sum));
        StringBuilder out = new StringBuilder("<span id=\"trial-count\">" + trials.size() + "</span>");
        if (!byStatus.isEmpty()) {
            out.append(" — ");
            out.append(String.join(", ", byStatus.entrySet().stream().map(e -> "<span class=\"status status-" + Html.text(e.getKey())
                    + "\">" + e.getValue() + " " + Html.text(e.getKey()) + "</span>").toList()));
        }
        return out.toString();
    }

    /** Total: the tuning job's wall clock (creation to end); billable: what the training jobs cost, summed. */
    private static String times(JsonNode best, List<ReportTrial> trials) {
        Instant created = best.path("creationTime").isTextual() ? Instant.parse(best.path("creationTime").asText())
                : trials.stream().map(ReportTrial::startTime).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
        Instant ended = best.path("endTime").isTextual() ? Instant.parse(best.path("endTime").asText())
                : trials.stream().map(ReportTrial::endTime).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        long billable = trials.stream().map(ReportTrial::billableSeconds).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
        String total = created == null || ended == null ? "—" : DisplayValues.duration(Duration.between(created, ended));
        return "total " + total + ", billable " + DisplayValues.duration(Duration.ofSeconds(billable));
    }

    private static String warmStart(JsonNode warmStart) {
        if (!warmStart.isObject()) {
            return "none";
        }
        StringBuilder out = new StringBuilder(Html.text(warmStart.path("type").asText()) + " from ");
        out.append(String.join(", ", java.util.stream.StreamSupport.stream(warmStart.path("parents").spliterator(), false)
                .map(p -> "<code>" + Html.text(p.asText()) + "</code>").toList()));
        return out.toString();
    }
}
