package dev.natssandbox.internal.util;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Consumer;

/**
 * Data-parallel loops on a pool of nats-sandbox's own, never on the caller's.
 *
 * <p>A parallel stream runs on the pool of the thread that starts it: inside a test framework's ForkJoinPool (JUnit's
 * parallel execution) its pieces are queued among that pool's tasks. When the caller holds a lock (a sandbox's
 * change lock) that other workers of the same pool wait on, a piece queued behind such a worker never runs and the
 * caller waits for it forever. Pieces run here only on {@link #POOL}, whose workers run nothing but these loops
 * and take no lock a caller may hold, so they always finish. Internal to nats-sandbox; not a stable API.
 */
public final class Parallel {
    private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
            pool -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("nats-sandbox-parallel-" + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            }, null, false);

    private Parallel() {
    }

    /**
     * Runs the action for every item, in parallel on nats-sandbox's pool, and returns when all are done.
     *
     * @param items  the items
     * @param action what to do with each; a runtime exception it throws is rethrown here
     * @param <T>    the item type
     */
    public static <T> void forEach(Collection<T> items, Consumer<? super T> action) {
        if (isOwnWorker()) {
            items.parallelStream().forEach(action);
            return;
        }
        // Wait with CompletableFuture.join, which only blocks: ForkJoinTask.join would let this thread (possibly a
        // worker of the caller's pool) run unrelated tasks of its own pool on top of the caller's locks.
        join(CompletableFuture.runAsync(() -> items.parallelStream().forEach(action), POOL));
    }

    /**
     * Waits for a future and rethrows what it failed with as it was thrown: a runtime exception or error unwrapped
     * from the {@link CompletionException}, anything else still wrapped.
     *
     * @param future the future to wait for
     * @param <T>    its result type
     * @return its result
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** @return whether the current thread is one of nats-sandbox's own parallel workers */
    public static boolean isOwnWorker() {
        return Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == POOL;
    }
}
