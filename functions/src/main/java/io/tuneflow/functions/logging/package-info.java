/**
 * The functions' logging backend: SLF4J 2 to one JSON object a line on stderr, in the fields of Powertools'
 * Lambda JSON layout, plugged into Powertools logging through its {@code LoggingManager} service — as its log4j2
 * and Logback backends are.
 *
 * <p>Why not log4j2: its start-up (plugins, configuration, the template layout) took 600–900 ms of each cold start
 * on the project's machine, more than the SDK client and the first call together; this backend's takes a few
 * milliseconds. Powertools' functional API, its Lambda context fields, cold-start flag, sampling, log level
 * variables and structured arguments work unchanged.
 */
package io.tuneflow.functions.logging;
