package dev.natssandbox.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.internal.server.ServerRegistry;
import dev.natssandbox.testsupport.Deletions;
import dev.natssandbox.testsupport.Processes;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.Wire;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A JVM that ends without closing its sandboxes: killed with SIGKILL (the next sandbox on the machine stops the
 * orphaned server and removes its directory) or exiting normally (its shutdown hook does).
 */
@RequiresNatsServer
class JvmExitIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path base;

    private Process child;

    @AfterEach
    void noChildLeft() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    /** What the child printed. */
    private record ChildSandbox(String id, long serverPid, List<Long> serverPids, Path directory) {
    }

    private ChildSandbox launch(String mode, KeepFiles keep) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                // Same registry as this JVM: the registry lives under java.io.tmpdir.
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                SandboxChildMain.class.getName(), mode, base.toString(), keep.name());
        child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> printed = new HashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; !printed.containsKey("dir") && (line = out.readLine()) != null; ) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                printed.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!printed.containsKey("dir")) {
            fail("the child JVM ended before it reported its sandbox: " + printed);
        }
        return new ChildSandbox(printed.get("id"), Long.parseLong(printed.get("pid")),
                java.util.Arrays.stream(printed.get("pids").split(",")).map(Long::parseLong).toList(),
                Path.of(printed.get("dir")));
    }

    private void awaitChildExit() throws InterruptedException {
        assertTrue(child.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "the child JVM did not end");
    }

    @Test
    void aServerOrphanedBySigkillIsStoppedByTheNextSandboxAndItsDirectoryRemoved() throws Exception {
        ChildSandbox c = launch("block", KeepFiles.ON_FAILURE);
        Path entry = ServerRegistry.directory().resolve(c.id() + ".json");
        JsonNode recorded = new ObjectMapper().readTree(Files.readAllBytes(entry));
        assertEquals(c.serverPid(), recorded.path("server_pid").asLong());
        assertEquals(child.pid(), recorded.path("owner_pid").asLong());
        assertEquals(c.directory().toString(), recorded.path("directory").asText());

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        awaitChildExit();
        assertEquals(137, child.exitValue());
        assertTrue(Processes.isAlive(c.serverPid()), "the child's nats-server outlives it (an orphan)");
        assertTrue(Files.isDirectory(c.directory()));

        try (Sandbox next = Sandbox.builder(SandboxSpec.operator("Next").account("App", a -> a.user("bob")).build())
                .baseDirectory(base).start()) {
            // The start does not wait for the reaping (see OrphanReapCostIT): it runs on a daemon thread.
            ServerRegistry.lastBackgroundReap().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            Processes.awaitExit(c.serverPid(), DEADLINE);
            Deletions.awaitDeleted(c.directory(), DEADLINE);
            Deletions.awaitDeleted(entry, DEADLINE);
            assertTrue(next.isRunning());
        }
    }

    @Test
    void everyServerOfAClusterOrphanedBySigkillIsStoppedAndTheClusterDirectoryRemoved() throws Exception {
        ChildSandbox c = launch("cluster", KeepFiles.ON_FAILURE);
        assertEquals(3, c.serverPids().size(), c.serverPids().toString());
        for (int i = 0; i < 3; i++) {
            assertTrue(Files.exists(ServerRegistry.directory().resolve(c.id() + "-node-" + i + ".json")), "node " + i);
            assertTrue(Files.isDirectory(c.directory().resolve("node-" + i)));
        }
        Path clusterEntry = ServerRegistry.directory().resolve(c.id() + ".json");
        assertEquals(c.directory().toString(), new ObjectMapper().readTree(Files.readAllBytes(clusterEntry))
                .path("directory").asText(), "the cluster's own entry names its parent directory");

        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        awaitChildExit();
        c.serverPids().forEach(pid -> assertTrue(Processes.isAlive(pid), "server " + pid + " outlives the JVM"));

        List<String> reaped = ServerRegistry.reapOrphans();
        for (long pid : c.serverPids()) {
            Processes.awaitExit(pid, DEADLINE);
        }
        assertFalse(Files.exists(c.directory()), "the cluster's directory is removed: " + reaped);
        assertFalse(Files.exists(clusterEntry));
        for (int i = 0; i < 3; i++) {
            assertFalse(Files.exists(ServerRegistry.directory().resolve(c.id() + "-node-" + i + ".json")));
        }
    }

    @Test
    void aLiveSandboxIsNeverTakenForAnOrphanByAnotherJvm() throws Exception {
        SandboxSpec spec = SandboxSpec.operator("Alive").account("App", a -> a.user("bob")).build();
        try (Sandbox mine = Sandbox.builder(spec).baseDirectory(base).start()) {
            // Another start in this JVM looks through the registry, at this JVM's own entries too ...
            Sandbox.builder(spec).baseDirectory(base).start().close();
            // ... and so does a start in another JVM, which must still find mine locked by its living owner.
            launch("return", KeepFiles.NEVER);
            awaitChildExit();

            assertTrue(mine.isRunning(), "the other JVM stopped a live server");
            assertTrue(Files.exists(mine.credsFile("bob")), "the other JVM removed a live sandbox's directory");
            Connection bob = mine.connect("bob");
            assertEquals(List.of(), Wire.errorsOf(bob, () -> bob.publish("x", new byte[0])));
        }
    }

    @Test
    void aKeptDirectoryOfAnOrphanSurvivesItsCleanup() throws Exception {
        ChildSandbox c = launch("block", KeepFiles.ALWAYS);
        JsonNode recorded = new ObjectMapper().readTree(Files.readAllBytes(
                ServerRegistry.directory().resolve(c.id() + ".json")));
        assertTrue(recorded.path("directory").isMissingNode(), recorded.toString());
        child.destroyForcibly();
        awaitChildExit();

        ServerRegistry.reapOrphans();
        Processes.awaitExit(c.serverPid(), DEADLINE);
        assertTrue(Files.exists(c.directory().resolve("nats-server.log")), "kept as asked");
    }

    @Test
    void aJvmThatExitsWithoutClosingItsSandboxStopsTheServerAndRemovesTheDirectory() throws Exception {
        ChildSandbox c = launch("return", KeepFiles.ON_FAILURE);
        awaitChildExit();
        assertEquals(0, child.exitValue());
        // The hook waits for the server to exit before the JVM ends, so it is gone already.
        assertFalse(Processes.isAlive(c.serverPid()), "nats-server " + c.serverPid() + " still runs");
        assertFalse(Files.exists(c.directory()), c.directory() + " still exists");
        assertFalse(Files.exists(ServerRegistry.directory().resolve(c.id() + ".json")));
    }
}
