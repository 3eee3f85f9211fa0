package io.tuneflow.functions.logging;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/** How Powertools changes log levels (its log level variables, DEBUG sampling) with this backend. */
public final class PowertoolsLoggingManager implements LoggingManager {

    @Override
    public void setLogLevel(Level logLevel) {
        LogLevels.setAll(logLevel);
    }

    @Override
    public Level getLogLevel(Logger logger) {
        return LogLevels.threshold(logger.getName());
    }
}
