package dev.natssandbox.util;

import dev.natssandbox.internal.util.Parallel;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
