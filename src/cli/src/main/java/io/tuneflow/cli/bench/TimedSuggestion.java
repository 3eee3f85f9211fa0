package io.tuneflow.cli.bench;

/**
 * One call of {@code Strategy.suggest} and the wall time spent inside it.
 *
 * @param observations completed trials in the history the strategy was given
 * @param pending      running trials in it (objective not known yet)
 */
public record TimedSuggestion(int observations, int pending, long nanos) {
}
