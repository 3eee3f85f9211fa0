package io.tuneflow.engine.tuning.bayes;

/**
 * What the acquisition search maximises over model inputs. Kept apart from the search so that batch-aware criteria
 * (EI averaged over fantasies of pending outcomes, local penalisation; measured in docs/bayesian.md) can be tried
 * without touching it.
 */
public interface Acquisition {

    /** Inputs the model is conditioned on (observed and believed): what each evaluation costs grows with it. */
    int modelSize();

    double value(double[] input);

    /**
     * The value and its gradient with respect to the continuous inputs.
     *
     * @param gradient receives ∂ value / ∂ input_j; entries of categorical inputs are left 0
     */
    double value(double[] input, double[] gradient);
}
