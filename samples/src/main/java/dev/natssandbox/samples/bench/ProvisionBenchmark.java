package dev.natssandbox.samples.bench;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.internal.store.NscStore;
import dev.natssandbox.internal.util.SecureFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code provision_1000x2_ms}: 1,000 accounts with 2 users each — keys generated, every JWT signed, the nsc store,
 * keystore, creds files and server.conf written (about 8,000 files). Median of several runs after warm-up.
 * {@code provision_1000x2_go_ms} and {@code provision_1000x2_vs_go_ratio}: the same workload done by the reference
 * Go libraries (when Go and Debian's packages of them are installed), timed in the same run, runs interleaved.
 *
 * <p>Files go under {@code /dev/shm} when it exists (override with {@code -Dnatssandbox.bench.dir=DIR}): on this
 * project's virtual machines the disk's timing for thousands of small files varies tenfold between runs, and would
 * measure the disk rather than the code. Each run writes a fresh directory, deleted after it (untimed).
 */
final class ProvisionBenchmark implements Bench.Benchmark {
    private static final int ACCOUNTS = 1000;
    private static final int WARMUP = 3;
    private static final int RUNS = 9;

    @Override
    public List<String> figures() {
        return List.of("provision_1000x2_ms", "provision_1000x2_go_ms", "provision_1000x2_vs_go_ratio");
    }

    @Override
    public void run(Bench.Results results) throws Exception {
        SandboxSpec.Builder b = SandboxSpec.operator("Bench");
        for (int i = 0; i < ACCOUNTS; i++) {
            b.account(AccountSpec.builder("A" + i)
                    .user("svc", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                    .user("client", u -> u.allowPub("req.a").allowSub("_INBOX.>"))
                    .build());
        }
        SandboxSpec spec = b.build();
        Path base = SecureFiles.createPrivateTempDirectory(directory(), "nats-sandbox-bench-");
        System.out.println("# provisioning writes under " + base.getParent());
        Optional<GoReference> go = GoReference.build();
        try {
            double[] java = new double[RUNS];
            double[] reference = new double[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                long start = System.nanoTime();
                Hierarchy h = Provisioner.provision(spec);
                NscStore.write(h, base.resolve("java" + i));
                double ms = (System.nanoTime() - start) / 1e6;
                double goMs = go.isPresent() ? go.get().run(base.resolve("go" + i), ACCOUNTS) : 0;
                if (i >= WARMUP) {
                    java[i - WARMUP] = ms;
                    reference[i - WARMUP] = goMs;
                }
                // Not timed; keeps memory-backed /dev/shm from filling up with runs.
                SecureFiles.deleteRecursively(base.resolve("java" + i));
                SecureFiles.deleteRecursively(base.resolve("go" + i));
            }
            double javaMedian = Bench.median(java);
            results.print("provision_1000x2_ms", Math.round(javaMedian * 10) / 10.0);
            if (go.isPresent()) {
                double goMedian = Bench.median(reference);
                results.print("provision_1000x2_go_ms", Math.round(goMedian * 10) / 10.0);
                results.print("provision_1000x2_vs_go_ratio", Math.round(javaMedian / goMedian * 100) / 100.0);
            }
        } finally {
            go.ifPresent(GoReference::close);
            SecureFiles.deleteRecursively(base);
        }
    }

    private static Path directory() {
        String configured = System.getProperty("natssandbox.bench.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : null;
    }
}
