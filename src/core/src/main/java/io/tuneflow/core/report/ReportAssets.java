package io.tuneflow.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The page's style sheet and script, inlined into every report (no file beside it, no network). */
final class ReportAssets {

    private static final String CSS = load("report.css");
    private static final String SCRIPT = load("report.js");

    private ReportAssets() {
    }

    static String css() {
        return CSS;
    }

    static String script() {
        return SCRIPT;
    }

    private static String load(String name) {
        try (InputStream in = ReportAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The report asset " + name + " is missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.toLowerCase(java.util.Locale.ROOT).contains("</script") || text.toLowerCase(java.util.Locale.ROOT).contains("</style")) {
                throw new IllegalStateException("The report asset " + name + " would end its inline element early");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
