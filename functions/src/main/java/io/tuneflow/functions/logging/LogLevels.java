package io.tuneflow.functions.logging;

import org.slf4j.event.Level;

/**
 * Which levels are logged: INFO and above from Tuneflow's loggers, WARN and above from everything else (the SDK,
 * Jackson) — until Powertools sets one level for all, from POWERTOOLS_LOG_LEVEL, AWS_LAMBDA_LOG_LEVEL or DEBUG
 * sampling, as it does with its other backends.
 */
final class LogLevels {

    private static volatile Level tuneflow = Level.INFO;
    private static volatile Level others = Level.WARN;

    private LogLevels() {
    }

    static boolean enabled(String loggerName, Level level) {
        return level.toInt() >= threshold(loggerName).toInt();
    }

    static Level threshold(String loggerName) {
        return loggerName.startsWith("io.tuneflow") ? tuneflow : others;
    }

    static void setAll(Level level) {
        tuneflow = level;
        others = level;
    }

    /** For tests: the levels as at start. */
    static void reset() {
        tuneflow = Level.INFO;
        others = Level.WARN;
    }
}
