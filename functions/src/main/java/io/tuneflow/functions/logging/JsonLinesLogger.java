package io.tuneflow.functions.logging;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;

/** An SLF4J logger that writes each event as one JSON line ({@link JsonLogLine}) to stderr. */
final class JsonLinesLogger extends AbstractLogger {

    private static final long serialVersionUID = 1L;
    /** Null: whatever System.err is when a line is written (the Lambda runtime installs its own before the handler). */
    private static volatile PrintStream out;
    private static volatile Clock clock = Clock.systemUTC();

    JsonLinesLogger(String name) {
        this.name = name;
    }

    /** For tests: where lines go, and the time they carry. */
    static void redirect(PrintStream stream, Clock time) {
        out = stream;
        clock = time;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        String line = JsonLogLine.format(level, pattern, arguments, throwable, mdc == null ? Map.of() : mdc, clock.instant());
        PrintStream stream = out != null ? out : System.err;
        synchronized (stream) {
            stream.print(line + "\n");
            stream.flush();
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return LogLevels.enabled(name, Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return LogLevels.enabled(name, Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return LogLevels.enabled(name, Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return LogLevels.enabled(name, Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return LogLevels.enabled(name, Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return isErrorEnabled();
    }
}
