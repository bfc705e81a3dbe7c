package dev.natssandbox.sandbox;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.ServerSpec;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.server.ServerNotFoundException;
import dev.natssandbox.server.ServerStartException;
import dev.natssandbox.testsupport.Processes;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.Wire;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@RequiresNatsServer
class SandboxStartFailuresIT {
    @TempDir
    Path base;
    @TempDir
    Path bin;

    private Set<Long> childrenBefore;

    @BeforeEach
    void rememberChildren() {
        childrenBefore = children();
    }

    /** Whatever failed, no process the sandbox started may outlive the failure. */
    @AfterEach
    void noProcessLeftBehind() {
        assertEquals(childrenBefore, children(), "child processes after the test");
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static SandboxSpec spec(ServerSpec server) {
        return SandboxSpec.operator("Failures").server(server).account("App", a -> a.user("alice")).build();
    }

    private static SandboxSpec specOnPort(int port) {
        return spec(ServerSpec.DEFAULT.withPort(port));
    }

    private List<Path> leftInBase() throws IOException {
        try (Stream<Path> s = Files.list(base)) {
            return s.toList();
        }
    }

    @Test
    void aFixedPortFromTheSpecIsHonoured() throws IOException {
        int port = freePort();
        try (Sandbox s = Sandbox.builder(specOnPort(port)).baseDirectory(base).start()) {
            assertEquals(port, s.port());
            assertEquals("nats://127.0.0.1:" + port, s.serverUrl());
            Connection alice = s.connect("alice");
            assertEquals(List.of(), Wire.errorsOf(alice, () -> alice.publish("x", new byte[0])));
        }
    }

    @Test
    void theBuildersPortOverridesTheSpecs() throws IOException {
        int port = freePort();
        try (Sandbox s = Sandbox.builder(specOnPort(-1)).port(port).baseDirectory(base).start()) {
            assertEquals(port, s.port());
        }
    }

    @ParameterizedTest
    @EnumSource(KeepFiles.class)
    void aPortInUseIsAClearStartFailure(KeepFiles keep) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            ServerStartException e = assertThrows(ServerStartException.class,
                    () -> Sandbox.builder(specOnPort(port)).baseDirectory(base).keepFiles(keep).start());

            String m = e.getMessage();
            assertTrue(m.contains("port [" + port + "] is already in use; choose another port, or -1 to let the "
                    + "server pick a free one"), m);
            assertTrue(m.startsWith("nats-server exited with code 1 before it was ready"), m);
            assertTrue(m.contains("--port " + port), m);
            assertTrue(e.logTail().stream().anyMatch(l -> l.contains("address already in use")), m);
            if (keep != KeepFiles.ALWAYS) {
                // A failed start keeps nothing by default: what there is to know is in the message.
                assertEquals(List.of(), leftInBase());
                assertTrue(m.contains("; the sandbox directory was removed (keepFiles ALWAYS keeps it)"), m);
            } else {
                // Kept on purpose: the message says where, and points at the config, which is there to read.
                Path dir = onlyDirectory();
                Path config = dir.resolve("server.conf");
                assertTrue(m.contains("config: " + config), m);
                assertTrue(m.contains("; sandbox files kept in [" + dir + "] (keepFiles ALWAYS)"), m);
                assertTrue(Files.exists(config));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = LauncherKind.class, names = {"AUTO", "BINARY"})
    void aMissingBinaryFailsBeforeAnythingIsCreated(LauncherKind kind) throws IOException {
        Path missing = base.resolve("nowhere/nats-server");
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class, () -> Sandbox.builder(specOnPort(-1))
                .launcher(kind).serverPath(missing).baseDirectory(base).start());
        assertEquals("nats-server not usable: the explicit server path: [" + missing + "] does not exist. Fix the "
                + "path or unset it to search further; otherwise " + dev.natssandbox.internal.server.ServerFinder.INSTALL_HINT,
                e.getMessage());
        assertEquals(List.of("the explicit server path: [" + missing + "] does not exist"), e.tried());
        assertEquals(List.of(), leftInBase());
    }

    @Test
    void aConfigurationTheServerRejectsNamesCommandExitCodeOutputAndConfig() throws IOException {
        SandboxSpec spec = spec(ServerSpec.builder().extraConfig("this is { not a config").build());
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> Sandbox.builder(spec).baseDirectory(base).keepFiles(KeepFiles.ALWAYS).start());

        Path config = onlyDirectory().resolve("server.conf");
        String m = e.getMessage();
        assertTrue(m.startsWith("nats-server exited with code 1 before it was ready: the server rejected its "
                + "configuration ("), m);
        assertTrue(m.contains("(Parse error on line "), m);
        assertTrue(m.contains("; command: [" + nativeServer() + " "), m);
        assertTrue(m.contains(" --config " + config + " --port -1 --ports_file_dir "), m);
        assertTrue(m.contains("; config: " + config), m);
        assertFalse(e.logTail().isEmpty());
        assertTrue(m.contains("last server output:\n  " + String.join("\n  ", e.logTail())), m);
        assertTrue(e.logTail().stream().anyMatch(l -> l.contains(config.toString())), e.logTail().toString());
        assertTrue(Files.readString(config).contains("this is { not a config"));
    }

    @Test
    void aServerThatNeverBecomesReadyIsStoppedAtTheDeadline() throws IOException {
        Path fake = script("never-ready/nats-server", "echo \"[INF] Starting fake\"", "exec sleep 300");
        ServerStartException e = assertThrows(ServerStartException.class, () -> Sandbox.builder(specOnPort(-1))
                .serverPath(fake).startupTimeout(Duration.ofSeconds(2)).keepFiles(KeepFiles.NEVER)
                .baseDirectory(base).start());
        String m = e.getMessage();
        assertTrue(m.startsWith("nats-server did not report \"Server is ready\" within 2000 ms; command: [" + fake
                + " "), m);
        assertTrue(e.logTail().contains("[INF] Starting fake"), e.logTail().toString());
        assertEquals(List.of(), leftInBase());
        // @AfterEach: the fake server was stopped.
    }

    @Test
    void aServerThatExitsEarlyReportsItsExitCodeAndLastWords() throws IOException {
        Path fake = script("exits/nats-server", "echo \"[FTL] cannot do it\" >&2", "exit 3");
        ServerStartException e = assertThrows(ServerStartException.class, () -> Sandbox.builder(specOnPort(-1))
                .serverPath(fake).keepFiles(KeepFiles.NEVER).baseDirectory(base).start());
        assertTrue(e.getMessage().startsWith("nats-server exited with code 3 before it was ready; command: ["
                + fake), e.getMessage());
        assertTrue(e.logTail().contains("[FTL] cannot do it"), e.logTail().toString());
    }

    private Path onlyDirectory() throws IOException {
        List<Path> left = leftInBase();
        assertEquals(1, left.size(), left.toString());
        return left.get(0);
    }

    private Path script(String name, String... lines) throws IOException {
        Path file = bin.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static Path nativeServer() {
        return dev.natssandbox.internal.server.ServerFinder.system().find(null).path();
    }

    /** Only for tests of a fixed port: the sandbox itself never pre-picks one. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
