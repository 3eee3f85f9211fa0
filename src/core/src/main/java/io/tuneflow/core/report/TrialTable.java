package io.tuneflow.core.report;

import java.util.List;

/**
 * The table view, rendered on the server: one row per training job with its hyperparameters, objective, status,
 * duration and reason. Values are shortened for reading (the exact value is the cell's title); the script sorts and
 * filters by the embedded data, found by the row's {@code data-name}.
 */
final class TrialTable {

    private TrialTable() {
    }

    static String html(List<String> hyperParameters, String objectiveName, String bestTrainingJob, List<ReportTrial> trials) {
        StringBuilder out = new StringBuilder("<div class=\"table-scroll\">\n<table id=\"trials\">\n<thead><tr>");
        header(out, "name", "Training job");
        header(out, "status", "Status");
        header(out, "objective", objectiveName + " (objective)");
        for (String h : hyperParameters) {
            header(out, "hp:" + h, h);
        }
        header(out, "duration", "Duration");
        header(out, "billable", "Billable s");
        header(out, "reason", "Reason");
        out.append("</tr></thead>\n<tbody>\n");
        for (ReportTrial t : trials) {
            boolean best = t.name().equals(bestTrainingJob);
            out.append("<tr data-name=\"").append(Html.text(t.name())).append('"').append(best ? " class=\"best\"" : "").append('>');
            out.append("<td><code>").append(Html.text(t.name())).append("</code>").append(best ? " <span class=\"badge\">best</span>" : "")
                    .append("</td><td class=\"status status-").append(Html.text(t.status())).append("\">").append(Html.text(t.status())).append("</td>");
            if (t.objective() == null) {
                out.append("<td class=\"num\">—</td>");
            } else {
                String shown = DisplayValues.number(t.objective(), 6);
                out.append("<td class=\"num\"").append(shown.equals(t.objective().toString()) ? "" : " title=\"" + t.objective() + "\"")
                        .append('>').append(shown).append("</td>");
            }
            for (String h : hyperParameters) {
                String value = t.tunedHyperParameters().get(h);
                String shown = value == null ? "—" : DisplayValues.hyperParameter(value);
                out.append("<td class=\"num\"");
                if (value != null && !shown.equals(value)) {
                    out.append(" title=\"").append(Html.text(value)).append('"'); // the exact value, where the cell shortens it
                }
                out.append('>').append(Html.text(shown)).append("</td>");
            }
            out.append("<td class=\"num\">").append(t.duration() == null ? "—" : DisplayValues.duration(t.duration())).append("</td>");
            out.append("<td class=\"num\">").append(t.billableSeconds() == null ? "—" : t.billableSeconds()).append("</td>");
            out.append("<td class=\"reason\">").append(Html.text(t.reason())).append("</td></tr>\n");
        }
        return out.append("</tbody>\n</table>\n</div>\n").toString();
    }

    private static void header(StringBuilder out, String key, String label) {
        out.append("<th scope=\"col\" data-key=\"").append(Html.text(key)).append("\">")
                .append(Html.text(label)).append("</th>");
    }
}
