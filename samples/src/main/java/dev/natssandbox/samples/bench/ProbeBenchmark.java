package dev.natssandbox.samples.bench;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.probe.PermissionProbe;
import dev.natssandbox.probe.ProbeResult;
import dev.natssandbox.sandbox.Sandbox;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code negative_probe_ms}: a refused publish decided (publish, flush, the violation's text read).
 * {@code not_delivered_probe_ms}: a message that is not delivered decided (subscribe, flush, publish, flush, the
 * subscriber's flush, unsubscribe). Medians over many probes after warm-up, on one running sandbox with the seed's
 * users; every probe's outcome is checked.
 */
final class ProbeBenchmark implements Bench.Benchmark {
    private static final int WARMUP = 500;
    private static final int RUNS = 2000;

    @Override
    public List<String> figures() {
        return List.of("negative_probe_ms", "not_delivered_probe_ms");
    }

    @Override
    public void run(Bench.Results results) {
        SandboxSpec spec = SandboxSpec.operator("Bench")
                .account("TestAccount", a -> a
                        .user("TestUser")
                        .user("TestClient", u -> u.allowPub("req.a").allowSub("_INBOX.>")))
                .build();
        try (Sandbox sandbox = Sandbox.start(spec)) {
            PermissionProbe probe = sandbox.probe();
            double refused = measure(() -> probe.publish("TestClient", "req.b"), r -> !r.allowed());
            double undelivered = measure(() -> probe.delivery("TestUser", "x.y", "TestClient", "_INBOX.>"),
                    r -> r.allowed() && !r.delivered());
            results.print("negative_probe_ms", round(refused));
            results.print("not_delivered_probe_ms", round(undelivered));
        }
    }

    private static double measure(Supplier<ProbeResult> probe, java.util.function.Predicate<ProbeResult> expected) {
        double[] samples = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long start = System.nanoTime();
            ProbeResult r = probe.get();
            long elapsed = System.nanoTime() - start;
            if (!expected.test(r)) {
                throw new IllegalStateException("probe gave an unexpected result: " + r.describe());
            }
            if (i >= WARMUP) {
                samples[i - WARMUP] = elapsed / 1e6;
            }
        }
        return Bench.median(samples);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
