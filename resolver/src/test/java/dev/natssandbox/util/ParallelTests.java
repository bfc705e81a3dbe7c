package dev.natssandbox.util;

import dev.natssandbox.internal.util.Parallel;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Work that a sandbox change does under its lock never runs on the caller's ForkJoinPool: a test framework's
 * parallel pool (JUnit's) whose other workers wait for the same lock would never run a piece queued behind them,
 * and the change would wait for it forever.
 */
class ParallelTests {
    private static final SandboxSpec MANY_ACCOUNTS = many(64);

    @Test
    void provisioningFromAForeignPoolWorkerRunsNoneOfItsPiecesOnThatPool() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        ForkJoinPool callers = new ForkJoinPool(4);
        try {
            callers.submit(() -> Provisioner.provision(MANY_ACCOUNTS, recording(threads), Clock.systemUTC())).get();
        } finally {
            callers.shutdownNow();
        }
        assertEquals(List.of(), threads.stream().filter(t -> isWorkerOf(t, callers)).map(Thread::getName).toList());
        assertTrue(threads.stream().allMatch(ParallelTests::isOwnWorker), () -> "threads: " + threads);
    }

    /**
     * The hang of JUnit's parallel runs, built step by step in a pool of two workers that cannot add spares (as
     * JUnit's fixed strategy configures it). Worker B takes task U off worker A's queue: U takes the lock (a
     * sandbox's change lock) and provisions. A forks V, which needs the same lock, and joins U. Joining, A steals
     * a piece of U's loop if the loop runs on this pool, and the halves that piece forks land in A's queue on top of
     * V, where B (which only helps with pieces at the bottom of a queue) never reaches them: both workers then wait
     * for each other forever. That was the old code ({@code parallelStream} inside {@code Provisioner}); with the
     * loop on nats-sandbox's own pool U finishes, and so do V and the test.
     *
     * <p>No timeout decides it: the test watches the two workers until U is done (pass) or both are parked inside
     * {@code ForkJoinTask} joins at the same time (fail) — then no thread is left that could run anything of this
     * pool, so the state is final. The watch sleeps 1 ms between looks; it decides nothing by time.
     */
    @Test
    void provisioningUnderALockNeverWaitsForWorkersOfTheCallersPool() throws Exception {
        Object changeLock = new Object();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        ForkJoinPool pool = new ForkJoinPool(2, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            workers.add(t);
            return t;
        }, null, false, 2, 2, 1, p -> true, 30, TimeUnit.SECONDS);
        CountDownLatch lockHeld = new CountDownLatch(1);
        CountDownLatch looping = new CountDownLatch(1);
        CountDownLatch joining = new CountDownLatch(1);
        KeySource keys = KeySource.generating();
        KeySource pausing = new KeySource() {
            @Override
            public NatsKeyPair operator(String operator) {
                return keys.operator(operator);
            }

            @Override
            public NatsKeyPair operatorSigningKey(String operator, int index) {
                return keys.operatorSigningKey(operator, index);
            }

            @Override
            public NatsKeyPair account(String account) {
                if (looping.getCount() > 0) {
                    // The first piece of the loop holds it until A is about to join, its other pieces still queued.
                    looping.countDown();
                    await(joining);
                }
                return keys.account(account);
            }

            @Override
            public NatsKeyPair accountSigningKey(String account, String keyName) {
                return keys.accountSigningKey(account, keyName);
            }

            @Override
            public NatsKeyPair user(String account, String user) {
                return keys.user(account, user);
            }
        };
        SandboxSpec spec = many(256);
        try {
            ForkJoinTask<?> outer = pool.submit(() -> {
                ForkJoinTask<?> u = ForkJoinTask.adapt(() -> {
                    synchronized (changeLock) {
                        lockHeld.countDown();
                        Provisioner.provision(spec, pausing, Clock.systemUTC());
                    }
                }).fork();
                await(lockHeld); // A blocks, so B is the one that takes U
                await(looping);
                ForkJoinTask<?> v = ForkJoinTask.adapt(() -> {
                    synchronized (changeLock) {
                        Thread.onSpinWait(); // a later change: it only needs the lock
                    }
                }).fork();
                joining.countDown();
                u.join();
                v.join();
            });
            while (!outer.isDone()) {
                List<Thread> parked = workers.stream().filter(ParallelTests::parkedInForkJoinJoin).toList();
                if (parked.size() == 2 && !outer.isDone()) {
                    fail("deadlock: both workers of the caller's pool wait in ForkJoinTask joins:\n"
                            + workers.stream().map(ParallelTests::stack).collect(Collectors.joining("\n")));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            outer.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean parkedInForkJoinJoin(Thread t) {
        if (t.getState() != Thread.State.WAITING) {
            return false;
        }
        List<String> frames = Arrays.stream(t.getStackTrace()).map(f -> f.getClassName() + "." + f.getMethodName())
                .toList();
        return t.getState() == Thread.State.WAITING && frames.contains("java.util.concurrent.ForkJoinTask.awaitDone")
                && frames.stream().noneMatch(f -> f.startsWith("java.util.concurrent.CompletableFuture"));
    }

    private static String stack(Thread t) {
        return t.getName() + " " + t.getState() + Arrays.stream(t.getStackTrace()).limit(12)
                .map(f -> "\n    at " + f).collect(Collectors.joining());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loopsStartedOnAForeignPoolWorkerRunNoneOfTheirPiecesOnThatPool() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        ForkJoinPool callers = new ForkJoinPool(4);
        try {
            callers.submit(() -> Parallel.forEach(IntStream.range(0, 256).boxed().toList(),
                    i -> threads.add(Thread.currentThread()))).get();
        } finally {
            callers.shutdownNow();
        }
        assertFalse(threads.isEmpty());
        assertTrue(threads.stream().allMatch(ParallelTests::isOwnWorker), () -> "threads: " + threads);
    }

    @Test
    void anExceptionOfAnItemReachesTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Parallel.forEach(List.of(1, 2, 3), i -> {
                    if (i == 2) {
                        throw new IllegalStateException("item [2]");
                    }
                }));
        assertEquals("item [2]", e.getMessage());
    }

    @Test
    void nestedLoopsRunInPlace() {
        Set<Thread> inner = ConcurrentHashMap.newKeySet();
        Parallel.forEach(List.of(1, 2), i -> Parallel.forEach(List.of(3, 4), j -> inner.add(Thread.currentThread())));
        assertTrue(inner.stream().allMatch(ParallelTests::isOwnWorker), () -> "threads: " + inner);
    }

    private static boolean isWorkerOf(Thread t, ForkJoinPool pool) {
        return t instanceof ForkJoinWorkerThread w && w.getPool() == pool;
    }

    private static boolean isOwnWorker(Thread t) {
        return t.getName().startsWith("nats-sandbox-parallel-");
    }

    private static SandboxSpec many(int accounts) {
        SandboxSpec.Builder b = SandboxSpec.operator("Test");
        IntStream.range(0, accounts).forEach(i -> b.account("A" + i, a -> a.user("u" + i)));
        return b.build();
    }

    private static KeySource recording(Set<Thread> threads) {
        KeySource keys = KeySource.generating();
        return new KeySource() {
            @Override
            public NatsKeyPair operator(String operator) {
                return keys.operator(operator);
            }

            @Override
            public NatsKeyPair operatorSigningKey(String operator, int index) {
                return keys.operatorSigningKey(operator, index);
            }

            @Override
            public NatsKeyPair account(String account) {
                threads.add(Thread.currentThread());
                return keys.account(account);
            }

            @Override
            public NatsKeyPair accountSigningKey(String account, String keyName) {
                return keys.accountSigningKey(account, keyName);
            }

            @Override
            public NatsKeyPair user(String account, String user) {
                threads.add(Thread.currentThread());
                return keys.user(account, user);
            }
        };
    }
}
