package io.tuneflow.engine.tuning.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Which kernel hyperparameters to use for n observations, as a pure function of the observations (in trial order) and
 * a seed — so a strategy rebuilt after a restart suggests exactly what the original would have — made cheap by
 * remembering results.
 *
 * <ul>
 *   <li>Up to {@value #REFIT_EVERY_UP_TO} observations the hyperparameters are refitted for every new observation
 *       (a likelihood evaluation costs well under a millisecond there), from the prior's mode and a warm start, plus
 *       two draws from the prior up to {@value #RESTARTS_UP_TO} observations, where small data makes the likelihood
 *       most multimodal.</li>
 *   <li>Beyond, they are refitted when the data has grown by a tenth since the last refit, on the observations then
 *       available, from the warm start alone — a fit at 200 observations costs a few milliseconds per likelihood
 *       evaluation, and between refits the model still conditions on every observation.</li>
 *   <li>The warm start for a fit on m observations is the fit on the first 2^k &lt; m of them (the largest such power
 *       of two, from 8 on): a chain of at most log2(n) fits, each memoised, so the warm start is deterministic and a
 *       fresh strategy facing a long history pays only a few fits once.</li>
 * </ul>
 * A fit is remembered by the observations it was made on, so their values must be a function of those observations
 * alone: the strategy's outlier fence, judged among all values, falls as a search converges and moves early outliers
 * with every new trial, and until 2026-12-07 that made every suggestion refit the whole chain (661 fits in a 200-trial
 * run instead of 69; docs/bayesian.md).
 */
public final class RefitSchedule {

    static final int REFIT_EVERY_UP_TO = 64;
    static final int RESTARTS_UP_TO = 32;
    private static final int SMALLEST_WARM_START = 8;
    private static final int REMEMBERED = 48;

    private final boolean[] categorical;
    private final long seed;
    private final HyperparameterPrior prior;
    private final Map<Key, double[]> memo = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, double[]> eldest) {
            return size() > REMEMBERED;
        }
    };
    private int fits;

    private record Key(int count, long fingerprint) {
    }

    public RefitSchedule(boolean[] categorical, long seed) {
        this.categorical = categorical.clone();
        this.seed = seed;
        this.prior = HyperparameterPrior.forInputs(categorical.length);
    }

    /**
     * @param inputs  model inputs, in observation order
     * @param targets the objective to minimise, raw (each fit standardises the part it uses)
     */
    public KernelHyperparameters hyperparameters(double[][] inputs, double[] targets) {
        return hyperparameters(inputs, m -> Arrays.copyOf(targets, m));
    }

    /**
     * @param inputs         model inputs, in observation order
     * @param targetsOfFirst the objective to minimise for the first m observations, raw (each fit standardises it): a
     *                       function of those m observations alone, or remembered fits never match and every
     *                       suggestion refits the whole warm-start chain
     */
    public synchronized KernelHyperparameters hyperparameters(double[][] inputs, IntFunction<double[]> targetsOfFirst) {
        return KernelHyperparameters.fromLogVector(fitted(anchor(inputs.length), inputs, targetsOfFirst));
    }

    /** How many fits have run (not counting remembered ones): for tests and benchmarks. */
    public synchronized int fits() {
        return fits;
    }

    /** The number of observations the hyperparameters for n observations are fitted on. */
    static int anchor(int n) {
        if (n <= REFIT_EVERY_UP_TO) {
            return n;
        }
        int anchor = REFIT_EVERY_UP_TO;
        while (anchor + anchor / 10 <= n) {
            anchor += anchor / 10;
        }
        return anchor;
    }

    /** The fit a fit on m observations starts from, or 0 for none. */
    static int warmStartFor(int m) {
        if (m <= SMALLEST_WARM_START) {
            return 0;
        }
        return Integer.highestOneBit(m - 1);
    }

    private double[] fitted(int m, double[][] inputs, IntFunction<double[]> targetsOfFirst) {
        double[] targets = targetsOfFirst.apply(m);
        Key key = new Key(m, fingerprint(m, inputs, targets));
        double[] remembered = memo.get(key);
        if (remembered != null) {
            return remembered;
        }
        List<double[]> starts = new ArrayList<>();
        int warm = warmStartFor(m);
        if (warm > 0) {
            starts.add(fitted(warm, inputs, targetsOfFirst));
        }
        if (m <= REFIT_EVERY_UP_TO || warm == 0) {
            starts.add(prior.mode());
        }
        if (m <= RESTARTS_UP_TO) {
            SplittableRandom random = new SplittableRandom(seed ^ (0xD1B54A32D192ED03L * (m + 1)));
            for (int k = 0; k < 2; k++) {
                double[] draw = prior.mode();
                for (int i = 0; i < draw.length; i++) {
                    draw[i] += prior.deviation(i) * random.nextGaussian();
                }
                starts.add(draw);
            }
        }
        double[][] subset = Arrays.copyOf(inputs, m);
        LogMarginalLikelihood likelihood = new LogMarginalLikelihood(subset, standardised(targets, m), categorical);
        int iterations = m <= RESTARTS_UP_TO ? 60 : 30;
        double[] logs = new HyperparameterFit(prior, iterations).fit(likelihood, starts).logs();
        fits++;
        memo.put(key, logs);
        return logs;
    }

    /** The first m targets, shifted and scaled to mean 0 and variance 1 (left at scale 1 when all are equal). */
    public static double[] standardised(double[] targets, int m) {
        double mean = mean(targets, m);
        double scale = scale(targets, m, mean);
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = (targets[i] - mean) / scale;
        }
        return out;
    }

    /** The standard deviation of the first m targets, or 1 when they are all equal: what standardising divides by. */
    public static double scaleOf(double[] targets, int m) {
        return scale(targets, m, mean(targets, m));
    }

    private static double scale(double[] targets, int m, double mean) {
        double variance = 0;
        for (int i = 0; i < m; i++) {
            variance += (targets[i] - mean) * (targets[i] - mean) / m;
        }
        return variance > 1e-300 ? Math.sqrt(variance) : 1;
    }

    private static double mean(double[] targets, int m) {
        double mean = 0;
        for (int i = 0; i < m; i++) {
            mean += targets[i] / m;
        }
        return mean;
    }

    private static long fingerprint(int m, double[][] inputs, double[] targets) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < m; i++) {
            for (double x : inputs[i]) {
                h = mix(h ^ Double.doubleToLongBits(x));
            }
            h = mix(h ^ Double.doubleToLongBits(targets[i]));
        }
        return h;
    }

    private static long mix(long z) { // SplitMix64's finaliser
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
