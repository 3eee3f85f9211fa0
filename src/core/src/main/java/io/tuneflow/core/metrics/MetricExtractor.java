package io.tuneflow.core.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;

/**
 * Extracts metric values from a training log with SageMaker's semantics: each definition's regex is searched in each
 * line of stdout and stderr; the first capture group is the value; a capture that is not a number is skipped; the
 * final value is the last one.
 *
 * <p>A log arrives as chunks on one or more {@link LogStream}s (a running job's stdout and stderr, from two threads)
 * or as a whole file. Lines end at {@code \n}, {@code \r\n} or a bare {@code \r}, so that each redraw of a progress
 * bar counts; ANSI escape sequences are removed before matching; only the first {@value #MAX_LINE_CHARS} characters
 * of a line are matched, so a runaway line cannot exhaust memory or make a regex backtrack for minutes.
 */
public final class MetricExtractor {

    /** The part of a line that is matched; the rest is counted and dropped. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private static final int SKIPPED_EXAMPLES = 3;
    private static final Pattern ANSI = Pattern.compile(
            "\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[@-Z\\\\-_])");

    private final List<Tracker> trackers;
    private final MetricListener listener;
    private long lines;
    private long truncatedLines;

    private MetricExtractor(List<Tracker> trackers, MetricListener listener) {
        this.trackers = trackers;
        this.listener = listener;
    }

    public static MetricExtractor create(List<MetricDefinition> definitions) {
        return create(definitions, MetricListener.NONE);
    }

    /** An extractor that also tells {@code listener} of every value as it is found. */
    public static MetricExtractor create(List<MetricDefinition> definitions, MetricListener listener) {
        List<Tracker> trackers = new ArrayList<>();
        for (MetricDefinition definition : definitions) {
            trackers.add(new Tracker(definition.name(), definition.regex(), MetricRegex.compile(definition.regex())));
        }
        return new MetricExtractor(trackers, listener);
    }

    /** Reads a whole log file (invalid UTF-8 is replaced, as a terminal would show it) and returns what each metric found. */
    public static List<MetricSeries> extract(List<MetricDefinition> definitions, Path log) {
        MetricExtractor extractor = create(definitions);
        try (InputStream in = Files.newInputStream(log)) {
            extractor.readAll(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
        return extractor.snapshot();
    }

    /** Feeds everything {@code reader} holds as one stream. */
    public void readAll(Reader reader) throws IOException {
        try (LogStream stream = openStream()) {
            char[] buffer = new char[8192];
            Reader buffered = reader instanceof BufferedReader ? reader : new BufferedReader(reader);
            int n;
            while ((n = buffered.read(buffer)) > 0) {
                stream.write(buffer, 0, n);
            }
        }
    }

    /** A new stream of log text (stdout, stderr); each keeps its own partial line. */
    public LogStream openStream() {
        return new LogStream(this);
    }

    /** One complete line (without its terminator), possibly cut at {@link #MAX_LINE_CHARS}. */
    synchronized void acceptLine(CharSequence rawLine, boolean truncated) {
        lines++;
        if (truncated) {
            truncatedLines++;
        }
        String line = rawLine.toString();
        if (line.indexOf('\u001B') >= 0) {
            line = ANSI.matcher(line).replaceAll("");
        }
        for (Tracker tracker : trackers) {
            MetricValue found = tracker.accept(line, lines);
            if (found != null) {
                listener.valueFound(tracker.name, found);
            }
        }
    }

    /** What each definition has found so far, in definition order. */
    public synchronized List<MetricSeries> snapshot() {
        return trackers.stream().map(Tracker::snapshot).toList();
    }

    /** Lines seen so far. */
    public synchronized long lineCount() {
        return lines;
    }

    /** Lines longer than {@link #MAX_LINE_CHARS}, matched on their beginning only. */
    public synchronized long truncatedLineCount() {
        return truncatedLines;
    }

    /** The state of one definition; guarded by the extractor's lock. */
    private static final class Tracker {
        private final String name;
        private final String regex;
        private final Pattern pattern;
        private final String error;
        private final List<MetricValue> values = new ArrayList<>();
        private final List<String> skippedExamples = new ArrayList<>();
        private long matches;
        private long skipped;

        Tracker(String name, String regex, MetricRegex compiled) {
            this.name = name;
            this.regex = regex;
            this.pattern = compiled.groupCount() > 0 ? compiled.pattern().orElse(null) : null;
            this.error = compiled.error().orElse(null);
        }

        /** Matches one line; returns the value it adds, or null. */
        MetricValue accept(String line, long lineNumber) {
            if (pattern == null) {
                return null;
            }
            Matcher m = pattern.matcher(line);
            if (!m.find()) {
                return null;
            }
            matches++;
            OptionalDouble value = MetricNumber.parse(m.group(1));
            if (value.isPresent()) {
                MetricValue found = new MetricValue(value.getAsDouble(), lineNumber);
                values.add(found);
                return found;
            } else {
                skipped++;
                if (skippedExamples.size() < SKIPPED_EXAMPLES) {
                    String captured = m.group(1) == null ? "(nothing)" : m.group(1);
                    skippedExamples.add(captured.length() > 80 ? captured.substring(0, 77) + "..." : captured);
                }
                return null;
            }
        }

        MetricSeries snapshot() {
            return new MetricSeries(name, regex, matches, values, skipped, skippedExamples, error);
        }
    }
}
