package io.tuneflow.cli.bench;

import java.util.List;
import java.util.Map;

/**
 * A validation accuracy to maximise, over every kind of range a SageMaker job can tune: a log-scaled learning rate, an
 * integer batch size on a log scale, a momentum on a reverse-log scale, a linear dropout and a categorical
 * activation. The best learning rate grows with the batch size and falls as momentum approaches 1 (the effective
 * step is lr / (1 - momentum)); each activation has its own peak and its own best dropout. Added after the strategies
 * were tuned, to check that they generalise.
 *
 * <pre>
 * t = log10(learning_rate), b = log2(batch_size), m = -log10(1 - momentum), p = dropout, a = activation
 * accuracy = peak[a] - 0.04 (t - (-3 + 0.3 (b - 7) - 0.5 (m - 2)))^2 - 0.003 (b - 7)^2 - 0.02 (m - 2)^2
 *            - 0.3 (p - dropout[a])^2
 *
 *   a        peak  dropout
 *   relu     0.96    0.2
 *   gelu     0.97    0.3
 *   tanh     0.94    0.1
 *   sigmoid  0.90    0.0
 * </pre>
 *
 * The maximum, 0.97, is at gelu, batch size 128, momentum 0.99, dropout 0.3 and learning rate 1e-3.
 */
final class SyntheticAccuracy implements ObjectiveFunction {

    private record Activation(double peak, double dropout) {
    }

    private static final Map<String, Activation> ACTIVATIONS = Map.of(
            "relu", new Activation(0.96, 0.2),
            "gelu", new Activation(0.97, 0.3),
            "tanh", new Activation(0.94, 0.1),
            "sigmoid", new Activation(0.90, 0.0));

    @Override
    public String name() {
        return "synthetic-accuracy";
    }

    @Override
    public List<String> parameters() {
        return List.of("learning_rate", "batch_size", "momentum", "dropout", "activation");
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double t = Math.log10(hyperParameters.number("learning_rate"));
        double b = Math.log(hyperParameters.integer("batch_size")) / Math.log(2);
        double m = -Math.log10(1 - hyperParameters.number("momentum"));
        double p = hyperParameters.number("dropout");
        String name = hyperParameters.text("activation");
        Activation a = ACTIVATIONS.get(name);
        if (a == null) {
            throw new IllegalArgumentException("activation must be one of " + ACTIVATIONS.keySet() + ", got \"" + name + "\"");
        }
        double lrMiss = t - (-3 + 0.3 * (b - 7) - 0.5 * (m - 2));
        double dropoutMiss = p - a.dropout();
        return a.peak() - 0.04 * lrMiss * lrMiss - 0.003 * (b - 7) * (b - 7) - 0.02 * (m - 2) * (m - 2)
                - 0.3 * dropoutMiss * dropoutMiss;
    }
}
