package io.tuneflow.core.metrics;

/**
 * A construct in a metric regex that Python's {@code re} (which SageMaker's documentation writes its examples for)
 * and Java read differently, and what was done about it.
 *
 * @param construct the text in the regex, e.g. {@code (?P<loss>}
 * @param index     where it starts in the regex
 * @param message   how the two engines differ and what Tuneflow does
 * @param fix       how to write it so both engines agree
 */
public record PythonRegexDifference(String construct, int index, String message, String fix) {
}
