package io.tuneflow.engine.tuning.bayes;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Unconstrained minimisation by L-BFGS (two-loop recursion, a few pairs of memory) with a backtracking Armijo line
 * search. Written here because Hipparchus has no quasi-Newton method: its gradient optimiser (non-linear conjugate
 * gradient with a Brent line search) spends ten or more objective evaluations per iteration, and for a marginal
 * likelihood each evaluation is a Cholesky decomposition. Bounds are the caller's business (by reparametrisation).
 *
 * <p>An objective may return NaN or infinity where it cannot be evaluated; the line search then steps back.
 */
public final class LimitedMemoryBfgs {

    /** Writes the gradient at {@code x} into {@code gradient} and returns the value. */
    @FunctionalInterface
    public interface Objective {
        double valueAndGradient(double[] x, double[] gradient);
    }

    public record Result(double[] point, double value, int evaluations) {
    }

    private static final int MEMORY = 8;
    private static final double ARMIJO = 1e-4;

    private final int maxIterations;
    private final double gradientTolerance;

    /**
     * @param maxIterations     iterations at most (each costs about one evaluation)
     * @param gradientTolerance stop when every gradient component is smaller than this
     */
    public LimitedMemoryBfgs(int maxIterations, double gradientTolerance) {
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
    }

    public Result minimize(Objective objective, double[] start) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double f = objective.valueAndGradient(x, g);
        int evaluations = 1;
        if (!Double.isFinite(f)) {
            return new Result(x, f, evaluations);
        }
        Deque<double[][]> memory = new ArrayDeque<>(); // {s, y, {1 / (y·s)}}
        double[] xNext = new double[n];
        double[] gNext = new double[n];
        for (int iteration = 0; iteration < maxIterations && maxAbs(g) > gradientTolerance; iteration++) {
            double[] direction = direction(g, memory);
            double slope = dot(direction, g);
            if (!(slope < 0)) { // not a descent direction (memory gone stale): fall back to steepest descent
                memory.clear();
                direction = negated(g);
                slope = dot(direction, g);
            }
            // The first step has no curvature information: keep it short in the metric of the gradient.
            double step = memory.isEmpty() ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
            double fNext = Double.NaN;
            boolean accepted = false;
            for (int tries = 0; tries < 30; tries++) {
                for (int i = 0; i < n; i++) {
                    xNext[i] = x[i] + step * direction[i];
                }
                fNext = objective.valueAndGradient(xNext, gNext);
                evaluations++;
                if (Double.isFinite(fNext) && fNext <= f + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step *= Double.isFinite(fNext) ? 0.5 : 0.1;
            }
            if (!accepted) {
                break;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xNext[i] - x[i];
                y[i] = gNext[i] - g[i];
            }
            double ys = dot(y, s);
            if (ys > 1e-12 * Math.sqrt(dot(y, y) * dot(s, s))) { // keep the inverse Hessian estimate positive definite
                memory.addFirst(new double[][] {s, y, {1 / ys}});
                if (memory.size() > MEMORY) {
                    memory.removeLast();
                }
            }
            double decrease = f - fNext;
            System.arraycopy(xNext, 0, x, 0, n);
            System.arraycopy(gNext, 0, g, 0, n);
            f = fNext;
            if (decrease <= 1e-10 * Math.max(1, Math.abs(f))) {
                break;
            }
        }
        return new Result(x, f, evaluations);
    }

    private static double[] direction(double[] g, Deque<double[][]> memory) {
        double[] q = negated(g);
        if (memory.isEmpty()) {
            return q;
        }
        double[] alphas = new double[memory.size()];
        int k = 0;
        for (double[][] pair : memory) { // newest first
            alphas[k] = pair[2][0] * dot(pair[0], q);
            axpy(-alphas[k], pair[1], q);
            k++;
        }
        double[][] newest = memory.peekFirst();
        double gamma = 1 / (newest[2][0] * dot(newest[1], newest[1])); // sᵀy / yᵀy
        for (int i = 0; i < q.length; i++) {
            q[i] *= gamma;
        }
        var oldestFirst = memory.descendingIterator();
        k = memory.size() - 1;
        while (oldestFirst.hasNext()) {
            double[][] pair = oldestFirst.next();
            double beta = pair[2][0] * dot(pair[1], q);
            axpy(alphas[k] - beta, pair[0], q);
            k--;
        }
        return q;
    }

    private static double[] negated(double[] g) {
        double[] out = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = -g[i];
        }
        return out;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }
}
