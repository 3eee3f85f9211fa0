package io.tuneflow.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One training job as the report shows it: a row of trials.json, typed. */
record ReportTrial(String name, String status, Map<String, String> tunedHyperParameters, Double objective,
                   Instant startTime, Instant endTime, Long billableSeconds, String failureReason, String secondaryStatus) {

    ReportTrial {
        tunedHyperParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tunedHyperParameters));
    }

    static List<ReportTrial> listOf(JsonNode trialsJson) {
        List<ReportTrial> out = new ArrayList<>();
        for (JsonNode t : trialsJson.path("trials")) {
            Map<String, String> hps = new LinkedHashMap<>();
            t.path("tunedHyperParameters").properties().forEach(e -> hps.put(e.getKey(), e.getValue().asText()));
            out.add(new ReportTrial(t.path("name").asText(), t.path("status").asText(), hps,
                    t.path("objective").isNumber() ? t.path("objective").doubleValue() : null,
                    instant(t.path("startTime")), instant(t.path("endTime")),
                    t.path("billableSeconds").isNumber() ? t.path("billableSeconds").longValue() : null,
                    text(t.path("failureReason")), text(t.path("secondaryStatus"))));
        }
        return out;
    }

    /** Wall-clock training time, when the job started and ended. */
    Duration duration() {
        return startTime == null || endTime == null ? null : Duration.between(startTime, endTime);
    }

    /**
     * Why a job did not complete, in the words SageMaker gives: its FailureReason, else (a stopped job has none) its
     * secondary status, such as MaxRuntimeExceeded.
     */
    String reason() {
        if (failureReason != null && !failureReason.isBlank()) {
            return failureReason;
        }
        return "Completed".equals(status) || secondaryStatus == null || secondaryStatus.equals(status) ? null : secondaryStatus;
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }
}
