package dev.natssandbox.samples.bench;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.probe.PermissionProbe;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.internal.server.ServerFinder;
import io.nats.NatsServerRunner;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

/**
 * {@code cold_start_ratio}: a sandbox from nothing (keys, JWTs, files, nats-server started and ready) to two
 * authenticated connections, divided by jnats-server-runner starting a plain server plus two plain connections;
 * medians of alternating runs in one process.
 * {@code cold_start_vs_bare_ratio}: the same sandbox start divided by the same nats-server binary the sandbox uses,
 * started bare (plain config, no auth, ready when it logs "Server is ready", as the sandbox decides) to two plain
 * connections; the breakdown line says where the difference goes.
 * {@code reload_apply_ms}: an account-level permission change (an import added or removed) applied by a reload
 * and observed by a delivery probe; median.
 */
final class RuntimeBenchmark implements Bench.Benchmark {
    private static final int WARMUP = 3;
    private static final int RUNS = 11;

    @Override
    public List<String> figures() {
        return List.of("cold_start_ratio", "cold_start_vs_bare_ratio", "reload_apply_ms");
    }

    @Override
    public void run(Bench.Results results) throws Exception {
        SandboxSpec seed = SandboxSpec.operator("Test")
                .account("TestAccount", a -> a
                        .user("TestService", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                        .user("TestClient", u -> u.allowPub("req.a").allowSub("_INBOX.>")))
                .build();
        // The runner warns "while reading output ... Stream closed" whenever it is closed quickly; only its own noise.
        NatsServerRunner.setDefaultOutputLevel(Level.SEVERE);
        Path binary = ServerFinder.system().find(null).path();
        double[] sandbox = new double[RUNS];
        double[] sandboxReady = new double[RUNS];
        double[] plain = new double[RUNS];
        double[] bare = new double[RUNS];
        double[] bareReady = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            double[] s = sandboxStart(seed);
            double p = plainStart();
            double[] b = BareServer.start(binary);
            if (i >= WARMUP) {
                sandbox[i - WARMUP] = s[0];
                sandboxReady[i - WARMUP] = s[1];
                plain[i - WARMUP] = p;
                bare[i - WARMUP] = b[0];
                bareReady[i - WARMUP] = b[1];
            }
        }
        double ms = Bench.median(sandbox);
        double base = Bench.median(plain);
        double bareMs = Bench.median(bare);
        System.out.printf("# cold start: sandbox %.1f ms, jnats-server-runner %.1f ms (medians of %d; the runner "
                + "without its connect validation, which alone adds about 2 s)%n", ms, base, RUNS);
        System.out.printf("# cold start vs bare: sandbox %.1f ms (%.1f ms to ready: keys, JWTs, files, server start; "
                        + "%.1f ms for two JWT connections), bare server %.1f ms (%.1f ms to ready; %.1f ms for two "
                        + "plain connections)%n", ms, Bench.median(sandboxReady), ms - Bench.median(sandboxReady),
                bareMs, Bench.median(bareReady), bareMs - Bench.median(bareReady));
        results.print("cold_start_ratio", Math.round(ms / base * 100) / 100.0);
        results.print("cold_start_vs_bare_ratio", Math.round(ms / bareMs * 100) / 100.0);
        results.print("reload_apply_ms", Math.round(reloadApply() * 10) / 10.0);
    }

    /** @return the time to two connections and the time to the sandbox being ready, in ms */
    private static double[] sandboxStart(SandboxSpec spec) {
        long start = System.nanoTime();
        try (Sandbox s = Sandbox.builder(spec).launcher(LauncherKind.BINARY).keepFiles(KeepFiles.NEVER).start()) {
            long ready = System.nanoTime() - start;
            s.connect("TestClient");
            s.connect("TestService");
            long elapsed = System.nanoTime() - start;
            return new double[] {elapsed / 1e6, ready / 1e6};
        }
    }

    private static double plainStart() throws Exception {
        long start = System.nanoTime();
        // The runner's fastest reliable mode: its default connect validation waits about 2 s more, which would
        // flatter the ratio.
        try (NatsServerRunner runner = NatsServerRunner.builder().skipConnectValidate().build()) {
            try (Connection a = connectOnceListening(runner.getURI()); Connection b = Nats.connect(runner.getURI())) {
                long elapsed = System.nanoTime() - start;
                return elapsed / 1e6;
            }
        }
    }

    /**
     * Without its connect validation the runner returns as soon as the process started, before the server listens
     * (a newer server takes longer to get there): connect as a user of that mode must, trying again while refused.
     */
    private static Connection connectOnceListening(String url) throws Exception {
        Options options = Options.builder().server(url).noReconnect().errorListener(new ErrorListener() {
        }).build();
        for (int attempt = 1; ; attempt++) {
            try {
                return Nats.connect(options);
            } catch (java.io.IOException e) {
                if (attempt == 5000) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    private static double reloadApply() {
        SandboxSpec without = SandboxSpec.operator("Test")
                .account("Orders", a -> a.exportStream("orders.>").user("producer"))
                .account("Shop", a -> a.user("consumer"))
                .build();
        SandboxSpec with = without.toBuilder().account("Shop", a -> a.importStream("Orders", "orders.>")).build();
        try (Sandbox s = Sandbox.builder(without).launcher(LauncherKind.BINARY).keepFiles(KeepFiles.NEVER).start()) {
            PermissionProbe probe = s.probe();
            double[] samples = new double[RUNS * 2];
            for (int i = 0; i < WARMUP + RUNS * 2; i++) {
                boolean importing = i % 2 == 0;
                long start = System.nanoTime();
                s.apply(importing ? with : without);
                boolean delivered = probe.delivery("producer", "orders.1", "consumer", "orders.>").delivered();
                long elapsed = System.nanoTime() - start;
                if (delivered != importing) {
                    throw new IllegalStateException("the change was not observed: delivered=" + delivered);
                }
                if (i >= WARMUP) {
                    samples[i - WARMUP] = elapsed / 1e6;
                }
            }
            return Bench.median(samples);
        }
    }
}
