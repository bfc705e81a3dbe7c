package dev.natssandbox.samples.bench;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.store.NscStore;
import dev.natssandbox.util.SecureFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code provision_1000x2_ms}: 1,000 accounts with 2 users each — keys generated, every JWT signed, the nsc store,
 * keystore, creds files and server.conf written. Median of several runs after warm-up.
 */
final class ProvisionBenchmark implements Bench.Benchmark {
    private static final int ACCOUNTS = 1000;
    private static final int WARMUP = 3;
    private static final int RUNS = 9;

    @Override
    public List<String> figures() {
        return List.of("provision_1000x2_ms");
    }

    @Override
    public void run(Bench.Results results) {
        SandboxSpec.Builder b = SandboxSpec.operator("Bench");
        for (int i = 0; i < ACCOUNTS; i++) {
            b.account(AccountSpec.builder("A" + i)
                    .user("svc", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                    .user("client", u -> u.allowPub("req.a").allowSub("_INBOX.>"))
                    .build());
        }
        SandboxSpec spec = b.build();
        Path base = SecureFiles.createPrivateTempDirectory(null, "nats-sandbox-bench-");
        try {
            double[] samples = new double[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                Path out = base.resolve("run" + i);
                long start = System.nanoTime();
                Hierarchy h = Provisioner.provision(spec);
                NscStore.write(h, out);
                long elapsed = System.nanoTime() - start;
                if (i >= WARMUP) {
                    samples[i - WARMUP] = elapsed / 1e6;
                }
                SecureFiles.deleteRecursively(out);
            }
            results.print("provision_1000x2_ms", Math.round(Bench.median(samples) * 10) / 10.0);
        } finally {
            SecureFiles.deleteRecursively(base);
        }
    }
}
