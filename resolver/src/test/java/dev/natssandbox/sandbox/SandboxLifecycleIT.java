package dev.natssandbox.sandbox;

import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.internal.server.ServerRegistry;
import dev.natssandbox.testsupport.Processes;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.Wire;
import dev.natssandbox.internal.util.SecureFiles;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@RequiresNatsServer
class SandboxLifecycleIT {
    @TempDir
    Path base;

    static SandboxSpec spec() {
        return SandboxSpec.operator("Lifecycle")
                .account("App", a -> a.user("alice").user("bob", u -> u.allowPub("b.>").allowSub("_INBOX.>")))
                .build();
    }

    private SandboxBuilder builder() {
        return Sandbox.builder(spec()).baseDirectory(base);
    }

    /** Starts a sandbox and returns it with the nats-server process it started. */
    private record Started(Sandbox sandbox, ProcessHandle server) {
    }

    private Started start(SandboxBuilder b) {
        Set<ProcessHandle> before = Processes.natsServerChildren();
        Sandbox s = b.start();
        Set<ProcessHandle> started = new HashSet<>(Processes.natsServerChildren());
        started.removeAll(before);
        assertEquals(1, started.size(), "one new nats-server process: " + started);
        return new Started(s, started.iterator().next());
    }

    @Test
    void startsOnThePortTheServerBoundAndIsReady() throws IOException {
        Started st = start(builder());
        try (Sandbox s = st.sandbox()) {
            assertTrue(s.port() > 0, "port " + s.port());
            assertEquals("nats://127.0.0.1:" + s.port(), s.serverUrl());
            assertTrue(s.isRunning());

            List<String> log = Files.readAllLines(s.logFile());
            String prefix = "[" + s.id() + "] ";
            assertTrue(log.stream().allMatch(l -> l.startsWith(prefix)), "every log line starts with " + prefix);
            assertTrue(log.stream().anyMatch(l -> l.contains("[INF] Server is ready")), String.join("\n", log));
            // The server itself says which port it bound: the one the sandbox reports, not one picked beforehand.
            Pattern listening = Pattern.compile("Listening for client connections on 127\\.0\\.0\\.1:" + s.port()
                    + "$");
            assertTrue(log.stream().anyMatch(l -> listening.matcher(l).find()), String.join("\n", log));
            assertTrue(st.server().info().commandLine().orElse("").contains("--port -1"),
                    st.server().info().commandLine().orElse("(no command line)"));

            Connection alice = s.connect("alice");
            Connection bob = s.connect("bob");
            Subscription sub = alice.subscribe("b.hello");
            Wire.flush(alice);
            assertNotNull(Wire.publishAndReceive(bob, "b.hello", alice, sub));
        }
    }

    @Test
    void theDirectoryIsPrivateAndSoAreCredsSeedsAndConfig() throws IOException {
        try (Sandbox s = builder().start()) {
            Path dir = s.directory();
            assertTrue(dir.startsWith(base), dir + " under " + base);
            assertEquals("rwx------", mode(dir));
            List<Path> creds = files(dir, ".creds");
            assertEquals(Set.of("alice.creds", "bob.creds", "sys.creds"),
                    Set.copyOf(creds.stream().map(p -> p.getFileName().toString()).toList()));
            assertEquals(s.credsFile("alice"), creds.stream().filter(p -> p.endsWith("alice.creds")).findFirst()
                    .orElseThrow());
            List<Path> seeds = files(dir, ".nk");
            assertEquals(6, seeds.size(), "operator, 2 accounts, 3 users: " + seeds);
            for (Path secret : Stream.of(creds, seeds, List.of(s.server().configFile())).flatMap(List::stream)
                    .toList()) {
                assertEquals("rw-------", mode(secret), secret.toString());
            }
            assertEquals("rw-------", mode(s.logFile()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeepFiles.class, names = {"NEVER", "ON_FAILURE"})
    void closeStopsTheServerAndRemovesTheDirectory(KeepFiles keep) {
        Started st = start(builder().keepFiles(keep));
        Sandbox s = st.sandbox();
        Path entry = ServerRegistry.directory().resolve(s.id() + ".json");
        assertTrue(Files.exists(entry), "registry entry " + entry);

        s.close();

        // close returns after the process has exited: no waiting here.
        assertFalse(st.server().isAlive(), "nats-server pid " + st.server().pid() + " still runs");
        assertFalse(Files.exists(s.directory()), s.directory() + " still exists");
        assertFalse(Files.exists(entry), "registry entry " + entry + " still exists");
        assertFalse(s.isRunning());
    }

    @Test
    void closeIsIdempotentAndTheSandboxRefusesUseAfterwards() {
        Sandbox s = builder().start();
        s.close();
        s.close();
        NatsSandboxException e = assertThrows(NatsSandboxException.class, () -> s.connect("alice"));
        assertEquals("sandbox [" + s.id() + "] is closed", e.getMessage());
        assertThrows(NatsSandboxException.class, s::serverUrl);
        assertThrows(NatsSandboxException.class, () -> s.updateUser("bob", u -> u.allowPub("c")));
    }

    @Test
    void closeClosesTheConnectionsTheSandboxOpened() {
        Sandbox s = builder().start();
        Connection alice = s.connect("alice");
        s.close();
        assertEquals(Connection.Status.CLOSED, alice.getStatus());
    }

    @Test
    void keepFilesAlwaysKeepsTheDirectoryButStopsTheServer() throws IOException {
        Started st = start(builder().keepFiles(KeepFiles.ALWAYS));
        Sandbox s = st.sandbox();
        try {
            s.close();
            assertFalse(st.server().isAlive());
            assertTrue(Files.isDirectory(s.directory()));
            assertTrue(Files.exists(s.credsFile("alice")));
            assertTrue(Files.readString(s.logFile()).contains("Server is ready"));
        } finally {
            SecureFiles.deleteRecursively(s.directory());
        }
    }

    @Test
    void keepFilesOnFailureKeepsTheDirectoryOfAFailedSandbox() {
        Sandbox s = builder().start();
        try {
            s.markFailed();
            s.close();
            assertTrue(Files.isDirectory(s.directory()));
        } finally {
            SecureFiles.deleteRecursively(s.directory());
        }
    }

    @Test
    void aGivenDirectoryIsUsedAndNeverDeleted() {
        Path dir = base.resolve("mine");
        Sandbox s = Sandbox.builder(spec()).directory(dir).keepFiles(KeepFiles.NEVER).start();
        assertEquals(dir.toAbsolutePath(), s.directory());
        s.close();
        assertTrue(Files.exists(s.credsFile("alice")));
    }

    @Test
    void severalSandboxesInOneJvmAreIndependent() {
        Sandbox a = builder().start();
        try (Sandbox b = builder().start()) {
            assertNotEquals(a.port(), b.port());
            assertNotEquals(a.directory(), b.directory());
            assertNotEquals(a.id(), b.id());
            assertNotEquals(a.hierarchy().operator().publicKey(), b.hierarchy().operator().publicKey());

            // alice of a, with her valid credentials, is a stranger to b's operator.
            UserIdentity alice = a.hierarchy().user("alice");
            SandboxConnections.RefusalWatch watch = new SandboxConnections.RefusalWatch();
            ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                    () -> SandboxConnections.connect(alice, SandboxConnections.options(b.serverUrl(), a.hierarchy(), alice, watch)
                            .build(), watch));
            assertTrue(e.getMessage().contains("Authorization Violation"), e.getMessage());

            a.close();
            assertFalse(a.isRunning());
            assertTrue(b.isRunning());
            Connection bob = b.connect("bob");
            assertEquals(List.of(), Wire.errorsOf(bob, () -> bob.publish("b.x", new byte[0])));
        } finally {
            a.close();
        }
    }

    @Test
    void aReloadKeepsJetStreamAsLaunchedWhateverTheDirectoryHolds() throws IOException {
        // A directory reused from an earlier run with JetStream still has its store; this sandbox runs without.
        Path dir = base.resolve("reused");
        Files.createDirectories(dir.resolve("jetstream"));
        try (Sandbox s = builder().directory(dir).start()) {
            s.addAccount(AccountSpec.builder("Later").user("carol").build());

            String config = Files.readString(s.server().configFile());
            assertTrue(config.contains("// Account \"Later\""), config);
            assertFalse(config.contains("jetstream"), config);
            Connection carol = s.connect("carol");
            assertEquals(List.of(), Wire.errorsOf(carol, () -> carol.publish("x", new byte[0])));
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
