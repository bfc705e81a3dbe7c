package dev.natssandbox.sandbox;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.testsupport.Deletions;
import dev.natssandbox.testsupport.Processes;
import dev.natssandbox.testsupport.RequiresNatsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What reaping the orphan of a killed JVM costs the next start: starts with an orphan waiting and starts without,
 * alternating, each start checked to have reaped its orphan (server stopped, directory gone). The medians are
 * published as report entries ({@code start_ms_with_orphan}, {@code start_ms_without}); they are figures for the
 * README, not assertions.
 */
@RequiresNatsServer
class OrphanReapCostIT {
    private static final int RUNS = 5;
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final SandboxSpec NEXT = SandboxSpec.operator("Next").account("App", a -> a.user("bob")).build();

    @TempDir
    Path base;

    private Process child;

    @AfterEach
    void noChildLeft() {
        if (child != null) {
            // The child's servers are orphans once it is killed: stop them too when a test fails before a reap.
            List<ProcessHandle> servers = child.descendants().toList();
            if (child.isAlive()) {
                child.destroyForcibly();
            }
            servers.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void theNextStartReapsTheOrphanWithoutWaitingForIt(TestReporter reporter) throws Exception {
        double[] withOrphan = new double[RUNS];
        double[] without = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            Orphan orphan = orphan();
            withOrphan[i] = timedStart();
            // Reaped by the start's background reap, or by another JVM's on this machine that got there first.
            Processes.awaitExit(orphan.serverPid(), DEADLINE);
            Deletions.awaitDeleted(orphan.directory(), DEADLINE);
            without[i] = timedStart();
        }
        System.out.printf("# start with an orphan to reap: %.1f ms, without: %.1f ms (medians of %d)%n",
                median(withOrphan), median(without), RUNS);
        reporter.publishEntry(Map.of("start_ms_with_orphan", String.valueOf(median(withOrphan)),
                "start_ms_without", String.valueOf(median(without))));
    }

    private double timedStart() {
        long t = System.nanoTime();
        try (Sandbox s = Sandbox.builder(NEXT).baseDirectory(base).keepFiles(KeepFiles.NEVER).start()) {
            double ms = (System.nanoTime() - t) / 1e6;
            assertTrue(s.isRunning());
            return ms;
        }
    }

    private record Orphan(long serverPid, Path directory) {
    }

    private Orphan orphan() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(base, "child-");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                SandboxChildMain.class.getName(), "block", dir.toString(), KeepFiles.ON_FAILURE.name());
        child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long pid = -1;
        Path sandboxDir = null;
        for (String line; sandboxDir == null && (line = out.readLine()) != null; ) {
            if (line.startsWith("pid=")) {
                pid = Long.parseLong(line.substring(4));
            } else if (line.startsWith("dir=")) {
                sandboxDir = Path.of(line.substring(4));
            }
        }
        assertTrue(pid > 0, "the child reported no server");
        child.destroyForcibly();
        assertTrue(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertTrue(Processes.isAlive(pid), "the orphan's server runs on");
        assertTrue(Files.isDirectory(sandboxDir));
        return new Orphan(pid, sandboxDir);
    }

    private static double median(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        return Math.round(s[s.length / 2] * 10) / 10.0;
    }
}
