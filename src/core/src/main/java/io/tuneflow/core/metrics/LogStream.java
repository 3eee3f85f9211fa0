package io.tuneflow.core.metrics;

import java.io.Closeable;

/**
 * One stream of a training job's output (stdout or stderr), written in chunks as they arrive. Buffers the partial
 * last line; {@link #close()} flushes it. Not thread-safe: one writer per stream, any number of streams per
 * {@link MetricExtractor}.
 */
public final class LogStream implements Closeable {

    private final MetricExtractor extractor;
    private final StringBuilder line = new StringBuilder();
    private boolean truncated;
    private boolean afterCarriageReturn;

    LogStream(MetricExtractor extractor) {
        this.extractor = extractor;
    }

    public void write(CharSequence chunk) {
        for (int k = 0; k < chunk.length(); k++) {
            accept(chunk.charAt(k));
        }
    }

    public void write(char[] chunk, int offset, int length) {
        for (int k = offset; k < offset + length; k++) {
            accept(chunk[k]);
        }
    }

    private void accept(char c) {
        if (c == '\n') {
            if (!afterCarriageReturn) {
                endLine(); // "\r\n" already ended the line at '\r'
            }
            afterCarriageReturn = false;
            return;
        }
        afterCarriageReturn = false;
        if (c == '\r') {
            endLine();
            afterCarriageReturn = true;
            return;
        }
        if (line.length() < MetricExtractor.MAX_LINE_CHARS) {
            line.append(c);
        } else {
            truncated = true;
        }
    }

    private void endLine() {
        extractor.acceptLine(line, truncated);
        line.setLength(0);
        truncated = false;
    }

    /** Flushes a last line that has no terminator. */
    @Override
    public void close() {
        if (line.length() > 0 || truncated) {
            endLine();
        }
    }
}
