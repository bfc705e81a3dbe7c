package dev.natssandbox.samples.bench;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.LauncherKind;
import io.nats.client.Connection;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The NATS-based resolver next to the URL resolver, same run, medians:
 * {@code push_account_ms}: on a running full-resolver sandbox, a new account with one user pushed
 * ({@code $SYS.REQ.CLAIMS.UPDATE}, answered by the server) until that user is connected.
 * {@code isolated_account_full_ms} and {@code isolated_account_url_ms}: what scope ACCOUNT_PER_METHOD does per test (an
 * account with two users added, both connected at once) on the full and on the URL resolver; the account is removed
 * between samples (deleted on the full resolver, revoked and unserved on the URL resolver).
 * {@code cluster3_start_ratio} is {@link ClusterBenchmark}'s.
 */
final class NatsResolverBenchmark implements Bench.Benchmark {
    private static final int WARMUP = 20;
    private static final int RUNS = 101;

    @Override
    public List<String> figures() {
        return List.of("push_account_ms", "isolated_account_full_ms", "isolated_account_url_ms");
    }

    @Override
    public void run(Bench.Results results) {
        results.print("push_account_ms", round(pushAccount()));
        results.print("isolated_account_full_ms", round(isolated(ResolverType.FULL)));
        results.print("isolated_account_url_ms", round(isolated(ResolverType.URL)));
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }

    private static Sandbox start(ResolverType resolver) {
        return Sandbox.builder(SandboxSpec.operator("Bench").resolver(resolver).build())
                .launcher(LauncherKind.BINARY).keepFiles(KeepFiles.NEVER).start();
    }

    private static double pushAccount() {
        try (Sandbox s = start(ResolverType.FULL)) {
            double[] samples = new double[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                String name = "P" + i;
                long start = System.nanoTime();
                s.addAccount(AccountSpec.builder(name).user(name + "-u").build());
                Connection c = s.connect(name + "-u");
                long elapsed = System.nanoTime() - start;
                requireConnected(c);
                close(c);
                if (i >= WARMUP) {
                    samples[i - WARMUP] = elapsed / 1e6;
                }
            }
            return Bench.median(samples);
        }
    }

    /**
     * @param resolver the sandbox's resolver
     * @return median ms of a fresh account with two users added and both users connected at the same time (what
     *         scope ACCOUNT_PER_METHOD does per test), the account removed again between samples
     */
    static double isolated(ResolverType resolver) {
        try (Sandbox s = start(resolver)) {
            double[] samples = new double[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                String name = "T" + i;
                long start = System.nanoTime();
                s.addAccount(AccountSpec.builder(name)
                        .user(name + "-client", u -> u.allowPub("req.a").allowSub("_INBOX.>"))
                        .user(name + "-service", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                        .build());
                CompletableFuture<Connection> client = s.connectAsync(name + "-client");
                CompletableFuture<Connection> service = s.connectAsync(name + "-service");
                Connection a = client.join();
                Connection b = service.join();
                long elapsed = System.nanoTime() - start;
                requireConnected(a);
                requireConnected(b);
                close(a);
                close(b);
                s.removeAccount(name);
                if (i >= WARMUP) {
                    samples[i - WARMUP] = elapsed / 1e6;
                }
            }
            return Bench.median(samples);
        }
    }

    private static void requireConnected(Connection c) {
        if (c.getStatus() != Connection.Status.CONNECTED) {
            throw new IllegalStateException("a user of the new account did not connect: " + c.getStatus());
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
