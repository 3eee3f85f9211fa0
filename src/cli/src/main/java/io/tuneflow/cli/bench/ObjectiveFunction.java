package io.tuneflow.cli.bench;

import java.util.List;

/**
 * A benchmark objective with a known optimum. The same functions are implemented in {@code bench/optuna_bench.py};
 * {@code ObjectiveParityTest} checks that both give the same values.
 */
public interface ObjectiveFunction {

    /** The name problem files use in {@code Objective.Function}. */
    String name();

    /** The hyperparameters the function reads: a problem's ranges must tune exactly these. */
    List<String> parameters();

    double valueAt(HyperParameterStrings hyperParameters);
}
