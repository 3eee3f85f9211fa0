package io.tuneflow.engine.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * Hyperband's brackets for a tuning job (Li et al., "Hyperband", JMLR 2018), run asynchronously as SageMaker does:
 * training jobs cannot be paused and resumed, so instead of promoting configurations between rounds, every training
 * job trains towards MaxResource and is stopped at a rung of its bracket when it is not among the best 1/η of the jobs
 * of that bracket that reached the rung (asynchronous successive halving, Li et al., "A System for Massively Parallel
 * Hyperparameter Tuning", MLSys 2020).
 *
 * <p>With η = 3, R = MaxResource and r = MinResource there are s_max + 1 brackets, s_max = ⌊log_η(R / r)⌋. Bracket s
 * judges its jobs first after R·η^-s epochs, then at each η-fold step up to R; bracket 0 never stops a job (it is
 * random search at full budget, Hyperband's hedge against a misleading early signal). Bracket s receives a share
 * n_s = ⌈(s_max + 1) / (s + 1) · η^s⌉ of the jobs, as in Hyperband; jobs are dealt to brackets in a fixed interleaved
 * order (smooth weighted round robin), so the n-th training job always lands in the same bracket.
 */
public final class HyperbandSchedule {

    public static final int ETA = 3;

    private final int minResource;
    private final int maxResource;
    private final int maxBracket;
    private final int[] order;

    public HyperbandSchedule(int minResource, int maxResource) {
        if (minResource < 1 || maxResource < minResource) {
            throw new IllegalArgumentException("Hyperband needs 1 <= MinResource <= MaxResource, got " + minResource + " and " + maxResource);
        }
        this.minResource = minResource;
        this.maxResource = maxResource;
        int s = 0;
        while (Math.pow(ETA, s + 1) * minResource <= maxResource) {
            s++;
        }
        this.maxBracket = s;
        this.order = interleave(shares());
    }

    public int brackets() {
        return maxBracket + 1;
    }

    public int minResource() {
        return minResource;
    }

    public int maxResource() {
        return maxResource;
    }

    /** n_s for s = 0 … s_max. */
    int[] shares() {
        int[] shares = new int[maxBracket + 1];
        for (int s = 0; s <= maxBracket; s++) {
            shares[s] = (int) Math.ceil((maxBracket + 1.0) / (s + 1) * Math.pow(ETA, s));
        }
        return shares;
    }

    /** The bracket of the training job with this 1-based index. */
    public int bracketOf(int trainingJobIndex) {
        return order[(trainingJobIndex - 1) % order.length];
    }

    /** The epochs at which a job of bracket {@code s} is judged, ascending; empty for bracket 0. */
    public List<Integer> rungs(int s) {
        List<Integer> rungs = new ArrayList<>();
        for (int k = s; k >= 1; k--) {
            int level = (int) Math.round(maxResource / Math.pow(ETA, k));
            rungs.add(Math.max(minResource, level));
        }
        return rungs;
    }

    /** Smooth weighted round robin: each bracket appears as often as its share, spread evenly through the cycle. */
    private static int[] interleave(int[] shares) {
        int total = 0;
        for (int share : shares) {
            total += share;
        }
        int[] current = new int[shares.length];
        int[] order = new int[total];
        for (int n = 0; n < total; n++) {
            int pick = 0;
            for (int s = 0; s < shares.length; s++) {
                current[s] += shares[s];
                // the most aggressive bracket wins ties, so a short tuning job still explores widely
                if (current[s] > current[pick] || (current[s] == current[pick] && s > pick)) {
                    pick = s;
                }
            }
            current[pick] -= total;
            order[n] = pick;
        }
        return order;
    }
}
