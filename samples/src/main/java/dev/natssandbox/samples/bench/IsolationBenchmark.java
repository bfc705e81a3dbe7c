package dev.natssandbox.samples.bench;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.LauncherKind;
import io.nats.client.Connection;

import java.util.List;

/**
 * {@code isolated_account_ms}: on a running URL-resolver server, a fresh account with two users added and both users
 * connected, at the same time (what scope ACCOUNT_PER_METHOD does per test); the account is removed again between samples.
 * Median.
 * {@code memory_reload_1000_accounts_ms}: for comparison, adding one account to a memory-resolver server that
 * already has 1,000, which rewrites the config and reloads; median.
 */
final class IsolationBenchmark implements Bench.Benchmark {
    private static final int WARMUP = 20;
    private static final int RUNS = 101;
    private static final int RELOAD_RUNS = 9;

    @Override
    public List<String> figures() {
        return List.of("isolated_account_ms", "memory_reload_1000_accounts_ms");
    }

    @Override
    public void run(Bench.Results results) {
        results.print("isolated_account_ms", Math.round(isolated() * 100) / 100.0);
        results.print("memory_reload_1000_accounts_ms", Math.round(memoryReload() * 10) / 10.0);
    }

    /** The same measurement as {@code isolated_account_url_ms}, which {@link NatsResolverBenchmark} makes. */
    private static double isolated() {
        return NatsResolverBenchmark.isolated(ResolverType.URL);
    }

    private static double memoryReload() {
        SandboxSpec.Builder b = SandboxSpec.operator("Bench");
        for (int i = 0; i < 1000; i++) {
            b.account(AccountSpec.builder("A" + i).user("u" + i).build());
        }
        try (Sandbox s = Sandbox.builder(b.build()).launcher(LauncherKind.BINARY).keepFiles(KeepFiles.NEVER)
                .start()) {
            double[] samples = new double[RELOAD_RUNS];
            for (int i = 0; i < 2 + RELOAD_RUNS; i++) {
                String name = "New" + i;
                long start = System.nanoTime();
                s.addAccount(AccountSpec.builder(name).user(name + "-u").build());
                Connection c = s.connect(name + "-u");
                long elapsed = System.nanoTime() - start;
                close(c);
                if (i >= 2) {
                    samples[i - 2] = elapsed / 1e6;
                }
            }
            return Bench.median(samples);
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
