package dev.natssandbox.sandbox;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.server.ServerDiedException;
import dev.natssandbox.internal.server.ServerRegistry;
import dev.natssandbox.testsupport.Processes;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.internal.util.SecureFiles;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server killed under a running sandbox (kill -9): the sandbox says so, with the server's last words. */
@RequiresNatsServer
class ServerDeathIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path base;

    private static SandboxSpec spec() {
        return SandboxSpec.operator("Death").account("App", a -> a.user("alice")).build();
    }

    /** Starts a sandbox and kills its server with SIGKILL, waiting until it is gone. */
    private Sandbox startAndKill(KeepFiles keep) {
        Set<ProcessHandle> before = Processes.natsServerChildren();
        Sandbox s = Sandbox.builder(spec()).baseDirectory(base).keepFiles(keep).start();
        Set<ProcessHandle> started = new HashSet<>(Processes.natsServerChildren());
        started.removeAll(before);
        assertEquals(1, started.size(), started.toString());
        ProcessHandle server = started.iterator().next();
        s.connect("alice");
        assertTrue(server.destroyForcibly(), "SIGKILL sent");
        Processes.awaitExit(server, DEADLINE);
        return s;
    }

    @Test
    void theNextConnectFailsWithTheExitStatusAndTheLogTail() {
        Sandbox s = startAndKill(KeepFiles.NEVER);
        try {
            ServerDiedException e = assertThrows(ServerDiedException.class, () -> s.connect("alice"));
            String m = e.getMessage();
            assertTrue(m.startsWith("nats-server [" + s.id() + "] (pid "), m);
            assertTrue(m.contains(") is no longer running (exit code 137); log: " + s.logFile()), m);
            assertTrue(e.logTail().stream().anyMatch(l -> l.contains("Server is ready")), e.logTail().toString());
            assertTrue(m.endsWith("last server output:\n  " + String.join("\n  ", e.logTail())), m);
            assertFalse(s.isRunning());
        } finally {
            s.close();
        }
    }

    @Test
    void theNextChangeFailsAndLeavesTheSpecAsItWas() {
        Sandbox s = startAndKill(KeepFiles.NEVER);
        try {
            SandboxSpec before = s.spec();
            assertThrows(ServerDiedException.class, () -> s.addAccount(AccountSpec.builder("New").user("n").build()));
            assertThrows(ServerDiedException.class, () -> s.updateUser("alice", u -> u.allowPub("x")));
            assertEquals(before, s.spec());
        } finally {
            s.close();
        }
    }

    @Test
    void closeStillWorksAndKeepsTheFilesOfTheDeadServerForInspection() {
        Sandbox s = startAndKill(KeepFiles.ON_FAILURE);
        Path entry = ServerRegistry.directory().resolve(s.id() + ".json");
        try {
            assertThrows(ServerDiedException.class, () -> s.connect("alice"));
            s.close();
            s.close();
            assertTrue(Files.exists(s.logFile()), "the log explains the death");
            assertFalse(Files.exists(entry), "registry entry " + entry);
        } finally {
            SecureFiles.deleteRecursively(s.directory());
        }
    }

    @Test
    void closeWithoutAnyOperationAfterTheDeathRemovesTheDirectoryWhenNotKept() {
        Sandbox s = startAndKill(KeepFiles.NEVER);
        s.close();
        assertFalse(Files.exists(s.directory()));
    }

    @Test
    void aDeathNoOperationNoticedStillCountsAsAFailureForKeepFiles() {
        Sandbox s = startAndKill(KeepFiles.ON_FAILURE);
        try {
            s.close();
            assertTrue(Files.exists(s.logFile()), "the log explains the death");
        } finally {
            SecureFiles.deleteRecursively(s.directory());
        }
    }

    @Test
    void connectionsOpenedBeforeTheDeathAreClosedWithTheSandbox() {
        Set<ProcessHandle> before = Processes.natsServerChildren();
        Sandbox s = Sandbox.builder(spec()).baseDirectory(base).keepFiles(KeepFiles.NEVER).start();
        Set<ProcessHandle> started = new HashSet<>(Processes.natsServerChildren());
        started.removeAll(before);
        Connection alice = s.connect("alice");
        started.forEach(ProcessHandle::destroyForcibly);
        started.forEach(h -> Processes.awaitExit(h, DEADLINE));
        s.close();
        assertEquals(Connection.Status.CLOSED, alice.getStatus());
    }
}
