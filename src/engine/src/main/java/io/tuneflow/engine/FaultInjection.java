package io.tuneflow.engine;

import java.util.Random;

/**
 * Test-only faults, seeded so a failing run can be replayed: a fraction of API calls answered with
 * ThrottlingException, a fraction of training jobs failing with an internal error before the trainer starts (what
 * RetryStrategy retries), and a latency added to every API call. For exercising clients' retry policies and the
 * orchestrator's resilience, never for normal use.
 */
public final class FaultInjection {

    private static final FaultInjection NONE = new FaultInjection(0, 0, 0, 0);

    private final double throttleRate;
    private final double failRate;
    private final long latencyMillis;
    private final Random random;

    public FaultInjection(double throttleRate, double failRate, long latencyMillis, long seed) {
        if (throttleRate < 0 || throttleRate > 1 || failRate < 0 || failRate > 1 || latencyMillis < 0) {
            throw new IllegalArgumentException("Rates are fractions between 0 and 1 and latency is not negative");
        }
        this.throttleRate = throttleRate;
        this.failRate = failRate;
        this.latencyMillis = latencyMillis;
        this.random = new Random(seed);
    }

    public static FaultInjection none() {
        return NONE;
    }

    public synchronized boolean throttle() {
        return throttleRate > 0 && random.nextDouble() < throttleRate;
    }

    public synchronized boolean failTrainingJob() {
        return failRate > 0 && random.nextDouble() < failRate;
    }

    public long latencyMillis() {
        return latencyMillis;
    }
}
