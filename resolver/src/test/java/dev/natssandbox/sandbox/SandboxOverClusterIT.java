package dev.natssandbox.sandbox;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.server.ServerDiedException;
import dev.natssandbox.testsupport.Processes;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sandbox whose spec declares a cluster and its {@link Sandbox#cluster()} handle are one sandbox: changes made
 * through either are seen by both, and a server that dies is a failure of both.
 */
@RequiresNatsServer
class SandboxOverClusterIT {
    @TempDir
    Path base;

    private static SandboxSpec spec() {
        return SandboxSpec.operator("Test").resolver(ResolverType.MEMORY).clusterSize(2)
                .account("A", a -> a.user("client", u -> u.allowPub("req.a"))).build();
    }

    @Test
    void aUserAddedThroughTheClusterHandleConnectsAndIsProbedThroughTheSandbox() {
        try (Sandbox sandbox = Sandbox.builder(spec()).baseDirectory(base).start()) {
            SandboxCluster cluster = sandbox.cluster().orElseThrow();
            assertFalse(sandbox.probe().publish("client", "req.b").allowed(), "denied before the change");

            cluster.addAccount(AccountSpec.builder("B").user("b1").build());
            cluster.change(b -> b.account("A", a -> a.user("client", u -> u.allowPub("req.b"))));

            assertEquals(Connection.Status.CONNECTED, sandbox.connect("b1").getStatus());
            assertTrue(sandbox.spec().accounts().stream().anyMatch(a -> a.name().equals("B")), "the sandbox's spec");
            assertTrue(Files.isRegularFile(sandbox.credsFile("b1")));
            assertEquals(cluster.hierarchy(), sandbox.hierarchy());
            assertTrue(sandbox.probe().publish("client", "req.b").allowed(),
                    "the probe connection made before the change is replaced");
        }
    }

    @Test
    void aKilledServerIsAFailureAndItsFilesAreKept() {
        Sandbox sandbox = Sandbox.builder(spec()).baseDirectory(base).keepFiles(KeepFiles.ON_FAILURE).start();
        Path dir = sandbox.directory();
        try {
            SandboxCluster cluster = sandbox.cluster().orElseThrow();
            sandbox.requireRunning();
            ProcessHandle node1 = ProcessHandle.of(cluster.pid(1).orElseThrow()).orElseThrow();
            assertTrue(node1.destroyForcibly(), "SIGKILL sent");
            Processes.awaitExit(node1, Duration.ofSeconds(30));

            assertThrows(ServerDiedException.class, sandbox::requireRunning);
            assertThrows(ServerDiedException.class, () -> cluster.requireRunning(1));
            cluster.requireRunning(0);
        } finally {
            sandbox.close();
        }
        assertTrue(Files.isRegularFile(dir.resolve("node-1/nats-server.log")), "the dead server's log is kept");
    }

    @Test
    void aChangeWithEveryServerStoppedIsRefusedAndChangesNothing() {
        try (Sandbox sandbox = Sandbox.builder(spec()).baseDirectory(base).start()) {
            SandboxCluster cluster = sandbox.cluster().orElseThrow();
            cluster.stopServer(0);
            cluster.stopServer(1);
            SandboxSpec before = cluster.spec();
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> cluster.addAccount(AccountSpec.builder("B").user("b1").build()));
            assertEquals("every server of cluster [" + cluster.id() + "] is stopped, so none can take the change; "
                    + "restart one first (restartServer(0))", e.getMessage());
            assertEquals(before, cluster.spec());
            assertFalse(Files.exists(sandbox.storeDirectory().resolve("Test/accounts/B")), "nothing written");
        }
    }

    @Test
    void aSizeThatDiffersFromTheSpecsIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SandboxCluster.start(spec(), 3));
        assertEquals("cluster size [3] differs from the spec's server.cluster.size [2]; use start(spec) for the "
                + "spec's, or make them agree", e.getMessage());
    }

    @Test
    void aServerStoppedOnPurposeIsNoFailure() {
        Sandbox sandbox = Sandbox.builder(spec()).baseDirectory(base).keepFiles(KeepFiles.ON_FAILURE).start();
        Path dir = sandbox.directory();
        try {
            SandboxCluster cluster = sandbox.cluster().orElseThrow();
            cluster.stopServer(1);
            sandbox.requireRunning();
            NatsSandboxException e = assertThrows(NatsSandboxException.class,
                    () -> cluster.awaitInterest(1, "A", "req.a"), "no system connection is reopened to it");
            assertEquals("server [" + cluster.serverName(1) + "] is stopped; restart it (restartServer(1)) or ask "
                    + "another server", e.getMessage());
        } finally {
            sandbox.close();
        }
        assertFalse(Files.exists(dir), "nothing failed: the directory is removed");
    }
}
