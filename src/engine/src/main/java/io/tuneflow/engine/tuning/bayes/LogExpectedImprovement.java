package io.tuneflow.engine.tuning.bayes;

/** log expected improvement below {@code best} under one posterior (see {@link ExpectedImprovement}). */
public final class LogExpectedImprovement implements Acquisition {

    /** Below this the variance is numerically zero: EI is then a step, and its variance gradient is dropped. */
    static final double VARIANCE_FLOOR = 1e-12;

    private final GaussianProcess model;
    private final double best;

    /**
     * @param model the posterior, with any pending points believed
     * @param best  the smallest standardised objective observed
     */
    public LogExpectedImprovement(GaussianProcess model, double best) {
        this.model = model;
        this.best = best;
    }

    @Override
    public int modelSize() {
        return model.inputs();
    }

    @Override
    public double value(double[] input) {
        GaussianProcess.Prediction p = model.predict(input);
        return ExpectedImprovement.log(p.mean(), Math.sqrt(Math.max(p.variance(), VARIANCE_FLOOR)), best);
    }

    @Override
    public double value(double[] input, double[] gradient) {
        int d = input.length;
        double[] meanGradient = new double[d];
        double[] varianceGradient = new double[d];
        double[] partials = new double[2];
        GaussianProcess.Prediction p = model.predict(input, meanGradient, varianceGradient);
        double deviation = Math.sqrt(Math.max(p.variance(), VARIANCE_FLOOR));
        double value = ExpectedImprovement.log(p.mean(), deviation, best, partials);
        boolean floored = p.variance() <= VARIANCE_FLOOR;
        for (int j = 0; j < d; j++) {
            double dDeviation = floored ? 0 : varianceGradient[j] / (2 * deviation);
            gradient[j] = partials[0] * meanGradient[j] + partials[1] * dDeviation;
        }
        return value;
    }
}
