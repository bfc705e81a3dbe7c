package dev.natssandbox.samples.bench;

import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.LauncherKind;

import java.util.List;

/**
 * {@code cluster3_start_ratio}: a sandbox declaring a 3-server full-resolver cluster ({@code server.cluster.size: 3})
 * from nothing until every server is ready and routed to the others ÷ the same spec as a single full-resolver
 * server to ready, medians of the same run, the two interleaved.
 */
final class ClusterBenchmark implements Bench.Benchmark {
    private static final int WARMUP = 3;
    private static final int RUNS = 15;

    @Override
    public List<String> figures() {
        return List.of("cluster3_start_ratio");
    }

    @Override
    public void run(Bench.Results results) {
        SandboxSpec single = SandboxSpec.operator("Bench").resolver(ResolverType.FULL)
                .account("A", a -> a.user("u")).build();
        SandboxSpec cluster = single.toBuilder().clusterSize(3).build();
        double[] one = new double[RUNS];
        double[] three = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            double s = startMs(single);
            double c = startMs(cluster);
            if (i >= WARMUP) {
                one[i - WARMUP] = s;
                three[i - WARMUP] = c;
            }
        }
        double oneMs = Bench.median(one);
        double threeMs = Bench.median(three);
        System.out.printf("# cluster of 3: %.1f ms, single server: %.1f ms (medians of %d)%n", threeMs, oneMs, RUNS);
        results.print("cluster3_start_ratio", Math.round(threeMs / oneMs * 100) / 100.0);
    }

    private static double startMs(SandboxSpec spec) {
        long start = System.nanoTime();
        try (Sandbox s = Sandbox.builder(spec).launcher(LauncherKind.BINARY).keepFiles(KeepFiles.NEVER).start()) {
            return (System.nanoTime() - start) / 1e6;
        }
    }
}
