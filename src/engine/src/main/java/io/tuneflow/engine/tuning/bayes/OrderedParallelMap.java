package io.tuneflow.engine.tuning.bayes;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Function;

/**
 * Applies a pure function to every item on all cores and returns the results in the items' order, so a caller that
 * reduces them in that order gets exactly what a sequential loop would: the acquisition search scores its candidates
 * and refines its starts this way, the hyperparameter fit runs its starts this way, and a seed still gives the same
 * suggestions on any machine and with any number of threads.
 *
 * <p>A pool of its own rather than the common one, so that a suggestion neither waits behind unrelated tasks nor makes
 * them wait, sized by the system property {@value #THREADS_PROPERTY} (default: the cores the JVM may use; 1 keeps the
 * optimizer on the calling thread and leaves the other cores to local trainers). Its threads are daemons, so an idle
 * pool does not keep a JVM alive.
 */
public final class OrderedParallelMap {

    public static final String THREADS_PROPERTY = "tuneflow.optimizer.threads";

    private static final ForkJoinPool POOL = new ForkJoinPool(threads(), pool -> {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("tuneflow-optimizer-" + thread.getPoolIndex());
        thread.setDaemon(true);
        return thread;
    }, null, false);

    private OrderedParallelMap() {
    }

    /** {@code function} must not depend on shared mutable state: it runs on several threads at once. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> function) {
        if (items.size() < 2 || POOL.getParallelism() == 1) {
            return items.stream().map(function).toList();
        }
        // A parallel stream started from inside a pool's task forks into that pool, not the common one.
        return POOL.submit(() -> items.parallelStream().map(function).toList()).join();
    }

    private static int threads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String wanted = System.getProperty(THREADS_PROPERTY);
        if (wanted == null) {
            return cores;
        }
        try {
            return Math.max(1, Math.min(Integer.parseInt(wanted.strip()), 256));
        } catch (NumberFormatException e) {
            // A mistyped performance knob should not stop tuning jobs; it should not go unnoticed either.
            System.err.printf("tuneflow: -D%s=%s is not a whole number; the optimizer uses %d threads (the cores)%n",
                    THREADS_PROPERTY, wanted, cores);
            return cores;
        }
    }
}
