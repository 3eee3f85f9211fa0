package io.tuneflow.cli.bench;

import java.util.List;
import java.util.Map;

/**
 * A validation loss shaped like a real tuning problem over a log-scaled learning rate, an integer depth and a
 * categorical optimizer, with interactions a strategy must learn: the best learning rate depends on the optimizer
 * and on the depth, and the best depth on the optimizer.
 *
 * <pre>
 * t = log10(learning_rate), L = num_layers, o = optimizer
 * loss = floor[o] + width[o] * (t - (offset[o] + slope[o] * L))^2 + 0.02 * (L - depth[o])^2
 *
 *   o         floor  width  offset  slope  depth
 *   sgd        0.30   0.5   -1.0   -0.15     3
 *   momentum   0.20   1.0   -1.5   -0.20     5
 *   adam       0.10   2.0   -3.6    0.10     6
 * </pre>
 *
 * The global minimum is 0.1 at optimizer adam, 6 layers, learning rate 1e-3 (t = -3.6 + 0.6); the other optimizers
 * cannot go below their floors, 0.2 and 0.3.
 *
 * <p>{@link #diverging()} is the same loss where training diverges: above a learning rate per optimizer (t above
 * -1.3 for sgd, -1.6 for momentum, -2 for adam; 16 % of the space) the loss is {@value #DIVERGED}, as a training job
 * whose loss blew up logs it. The optimum is unchanged.
 */
final class SyntheticTrainingLoss implements ObjectiveFunction {

    /** The loss a diverged training job reports. */
    static final double DIVERGED = 1e9;

    private record Optimizer(double floor, double width, double offset, double slope, int depth, double divergesAbove) {
    }

    private static final Map<String, Optimizer> OPTIMIZERS = Map.of(
            "sgd", new Optimizer(0.30, 0.5, -1.0, -0.15, 3, -1.3),
            "momentum", new Optimizer(0.20, 1.0, -1.5, -0.20, 5, -1.6),
            "adam", new Optimizer(0.10, 2.0, -3.6, 0.10, 6, -2.0));

    private final boolean diverges;

    SyntheticTrainingLoss() {
        this(false);
    }

    private SyntheticTrainingLoss(boolean diverges) {
        this.diverges = diverges;
    }

    /** The variant whose training diverges at high learning rates. */
    static SyntheticTrainingLoss diverging() {
        return new SyntheticTrainingLoss(true);
    }

    @Override
    public String name() {
        return diverges ? "synthetic-training-loss-diverging" : "synthetic-training-loss";
    }

    @Override
    public List<String> parameters() {
        return List.of("learning_rate", "num_layers", "optimizer");
    }

    @Override
    public double valueAt(HyperParameterStrings hyperParameters) {
        double t = Math.log10(hyperParameters.number("learning_rate"));
        long layers = hyperParameters.integer("num_layers");
        String name = hyperParameters.text("optimizer");
        Optimizer o = OPTIMIZERS.get(name);
        if (o == null) {
            throw new IllegalArgumentException("optimizer must be one of " + OPTIMIZERS.keySet() + ", got \"" + name + "\"");
        }
        if (diverges && t > o.divergesAbove()) {
            return DIVERGED;
        }
        double lrMiss = t - (o.offset() + o.slope() * layers);
        double depthMiss = layers - o.depth();
        return o.floor() + o.width() * lrMiss * lrMiss + 0.02 * depthMiss * depthMiss;
    }
}
