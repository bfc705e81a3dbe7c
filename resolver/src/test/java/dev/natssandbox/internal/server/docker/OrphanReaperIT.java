package dev.natssandbox.internal.server.docker;

import dev.natssandbox.internal.server.ServerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.natssandbox.internal.server.docker.DockerTestSupport.requireDocker;
import static dev.natssandbox.internal.server.docker.DockerTestSupport.state;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A JVM killed with SIGKILL leaves its container behind; the next JVM's registry scan removes it. */
class OrphanReaperIT {
    @BeforeEach
    void docker() {
        requireDocker();
    }

    @Test
    void containerOfAKilledJvmIsReaped(@TempDir Path tmp) throws Exception {
        // The child keeps its registry under this test's own temp dir, so that no other JVM on the machine
        // (another build running sandboxes) reaps the orphan before this test does.
        Path registryTmp = Files.createDirectory(tmp.resolve("tmpdir"));
        Path launchDir = Files.createDirectory(tmp.resolve("launch"));
        Path childErr = tmp.resolve("child.err");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + registryTmp,
                "-cp", System.getProperty("java.class.path"), OrphanFixture.class.getName(), launchDir.toString())
                .redirectError(childErr.toFile())
                .start();
        String containerId;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(120, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("CONTAINER ")) {
                fail("the child JVM did not start its container; it said [" + line + "]; stderr:\n"
                        + Files.readString(childErr));
            }
            containerId = line.substring("CONTAINER ".length()).strip();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, the container stays behind
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child JVM exits after SIGKILL");
        }
        assertTrue(state(containerId).orElseThrow().getRunning(), "the killed JVM left its container running");
        Path entryDir = registryTmp.resolve("nats-sandbox-"
                + System.getProperty("user.name").replaceAll("[^A-Za-z0-9_.-]", "_")).resolve("running");
        assertFalse(isEmpty(entryDir), "the killed JVM left its registry entry");

        // The child's registry, not this JVM's: java.io.tmpdir stays as it is for everything else running here.
        List<String> reaped = ServerRegistry.reapOrphans(entryDir);

        assertTrue(reaped.stream().anyMatch(r -> r.contains("removed container " + containerId)),
                "reaped: " + reaped);
        assertTrue(state(containerId).isEmpty(), "the orphaned container is removed");
        assertFalse(Files.exists(launchDir), "the orphan's directory is removed");
        assertTrue(isEmpty(entryDir), "the registry entry is removed");
    }

    private static boolean isEmpty(Path dir) throws java.io.IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
