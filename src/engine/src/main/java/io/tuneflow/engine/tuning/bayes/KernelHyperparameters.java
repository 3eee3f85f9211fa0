package io.tuneflow.engine.tuning.bayes;

import java.util.Arrays;

/**
 * What a Gaussian process is fitted with: one length scale per input, the signal variance, the noise variance and the
 * variance of the kernel's additive part (all on standardised objectives; see {@link Matern52Kernel}). Optimisers see
 * them as one vector of logarithms, so every value stays positive and scales are searched evenly across orders of
 * magnitude.
 */
public final class KernelHyperparameters {

    private final double[] lengthScales;
    private final double signalVariance;
    private final double noiseVariance;
    private final double additiveVariance;

    /** Without an additive part: the plain ARD kernel. */
    public KernelHyperparameters(double[] lengthScales, double signalVariance, double noiseVariance) {
        this(lengthScales, signalVariance, noiseVariance, 0);
    }

    public KernelHyperparameters(double[] lengthScales, double signalVariance, double noiseVariance, double additiveVariance) {
        this.lengthScales = lengthScales.clone();
        this.signalVariance = signalVariance;
        this.noiseVariance = noiseVariance;
        this.additiveVariance = additiveVariance;
    }

    /** From {@code [log l_1 .. log l_d, log signal variance, log noise variance, log additive variance]}. */
    public static KernelHyperparameters fromLogVector(double[] logs) {
        int d = logs.length - 3;
        double[] lengthScales = new double[d];
        for (int j = 0; j < d; j++) {
            lengthScales[j] = Math.exp(logs[j]);
        }
        return new KernelHyperparameters(lengthScales, Math.exp(logs[d]), Math.exp(logs[d + 1]), Math.exp(logs[d + 2]));
    }

    public double[] toLogVector() {
        int d = lengthScales.length;
        double[] logs = new double[d + 3];
        for (int j = 0; j < d; j++) {
            logs[j] = Math.log(lengthScales[j]);
        }
        logs[d] = Math.log(signalVariance);
        logs[d + 1] = Math.log(noiseVariance);
        logs[d + 2] = Math.log(additiveVariance);
        return logs;
    }

    public int inputs() {
        return lengthScales.length;
    }

    public double lengthScale(int input) {
        return lengthScales[input];
    }

    public double signalVariance() {
        return signalVariance;
    }

    public double noiseVariance() {
        return noiseVariance;
    }

    public double additiveVariance() {
        return additiveVariance;
    }

    public Matern52Kernel kernel(boolean[] categorical) {
        return new Matern52Kernel(lengthScales, categorical, signalVariance, additiveVariance);
    }

    @Override
    public String toString() {
        return "lengthScales=" + Arrays.toString(lengthScales) + " signal=" + signalVariance + " noise=" + noiseVariance
                + " additive=" + additiveVariance;
    }
}
