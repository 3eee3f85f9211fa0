package io.tuneflow.engine.tuning.bayes;

import java.util.Arrays;

/**
 * What a Gaussian process is fitted with: one length scale per input, the signal variance and the noise variance
 * (both on standardised objectives). Optimisers see them as one vector of logarithms, so every value stays positive
 * and scales are searched evenly across orders of magnitude.
 */
public final class KernelHyperparameters {

    private final double[] lengthScales;
    private final double signalVariance;
    private final double noiseVariance;

    public KernelHyperparameters(double[] lengthScales, double signalVariance, double noiseVariance) {
        this.lengthScales = lengthScales.clone();
        this.signalVariance = signalVariance;
        this.noiseVariance = noiseVariance;
    }

    /** From {@code [log l_1 .. log l_d, log signal variance, log noise variance]}. */
    public static KernelHyperparameters fromLogVector(double[] logs) {
        int d = logs.length - 2;
        double[] lengthScales = new double[d];
        for (int j = 0; j < d; j++) {
            lengthScales[j] = Math.exp(logs[j]);
        }
        return new KernelHyperparameters(lengthScales, Math.exp(logs[d]), Math.exp(logs[d + 1]));
    }

    public double[] toLogVector() {
        double[] logs = new double[lengthScales.length + 2];
        for (int j = 0; j < lengthScales.length; j++) {
            logs[j] = Math.log(lengthScales[j]);
        }
        logs[lengthScales.length] = Math.log(signalVariance);
        logs[lengthScales.length + 1] = Math.log(noiseVariance);
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

    public Matern52Kernel kernel(boolean[] categorical) {
        return new Matern52Kernel(lengthScales, categorical, signalVariance);
    }

    @Override
    public String toString() {
        return "lengthScales=" + Arrays.toString(lengthScales) + " signal=" + signalVariance + " noise=" + noiseVariance;
    }
}
