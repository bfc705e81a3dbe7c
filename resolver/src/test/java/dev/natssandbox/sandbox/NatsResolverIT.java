package dev.natssandbox.sandbox;

import dev.natssandbox.internal.config.ResolverDirectory;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.Wire;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code resolver: full} and {@code cache}: the resolver directory is filled before start, new and changed accounts
 * are pushed, removed ones deleted, each enforced when the call returns, never by a reload.
 */
@RequiresNatsServer
class NatsResolverIT {
    private Sandbox sandbox;

    private Sandbox start(ResolverType type) {
        SandboxSpec spec = SandboxSpec.operator("Test").resolver(type)
                .account("A", a -> a.user("a1").user("a2"))
                .build();
        sandbox = Sandbox.builder(spec).keepFiles(KeepFiles.NEVER).start();
        return sandbox;
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private long reloads() {
        return sandbox.logTail(500).stream().filter(l -> l.contains("Reloaded server configuration")).count();
    }

    private static CompletableFuture<Void> closed(Sandbox s, String user, List<Connection> out) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        out.add(s.connect(user, o -> o.connectionListener((c, event) -> {
            if (event == ConnectionListener.Events.CLOSED) {
                closed.complete(null);
            }
        })));
        return closed;
    }

    @ParameterizedTest
    @EnumSource(value = ResolverType.class, names = {"FULL", "CACHE"})
    void theServerStartsWithEveryAccountInItsDirectory(ResolverType type) throws IOException {
        start(type);
        String config = Files.readString(sandbox.server().configFile());
        String kind = type.name().toLowerCase(java.util.Locale.ROOT);
        assertTrue(config.contains("    type: " + kind + "\n"), config);
        Path dir = sandbox.directory().resolve("jwt");
        assertTrue(config.contains("    dir: \"" + dir.toAbsolutePath() + "\"\n"), config);
        for (AccountIdentity a : sandbox.hierarchy().accounts()) {
            assertEquals(a.jwt(), Files.readString(ResolverDirectory.file(dir, a.publicKey())));
            assertEquals(a.name().equals("SYS"), config.contains(a.jwt()), "only SYS is preloaded: " + a.name());
        }
        assertEquals(Connection.Status.CONNECTED, sandbox.connect("a1").getStatus());
    }

    @ParameterizedTest
    @EnumSource(value = ResolverType.class, names = {"FULL", "CACHE"})
    void aNewAccountIsUsableWithoutAReload(ResolverType type) {
        start(type);
        sandbox.addAccount(AccountSpec.builder("B").user("b1").build());
        assertEquals(Connection.Status.CONNECTED, sandbox.connect("b1").getStatus());
        assertEquals(0, reloads(), "no reload for a new account");
    }

    @ParameterizedTest
    @EnumSource(value = ResolverType.class, names = {"FULL", "CACHE"})
    void aChangedAccountIsPushedAndEnforcedWhenTheCallReturns(ResolverType type) {
        start(type);
        Connection first = sandbox.connect("a1");
        sandbox.updateAccount("A", a -> a.limits(l -> l.conn(1)));
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class, () -> sandbox.connect("a2"));
        assertEquals("maximum account active connections exceeded", e.serverMessage());
        assertEquals(List.of(), Wire.errorsOf(first, () -> first.publish("a.x", new byte[0])));
        assertEquals(0, reloads());
    }

    @ParameterizedTest
    @EnumSource(value = ResolverType.class, names = {"FULL", "CACHE"})
    void aRevokedUserLosesItsConnection(ResolverType type) throws Exception {
        start(type);
        List<Connection> conns = new ArrayList<>();
        CompletableFuture<Void> closed = closed(sandbox, "a1", conns);
        sandbox.revokeUser("a1");
        closed.get(10, TimeUnit.SECONDS);
        assertThrows(ConnectionRefusedException.class, () -> sandbox.connect("a1"));
    }

    @ParameterizedTest
    @EnumSource(value = ResolverType.class, names = {"FULL", "CACHE"})
    void aRemovedAccountIsDeletedAndLosesItsConnections(ResolverType type) throws Exception {
        start(type);
        sandbox.addAccount(AccountSpec.builder("B").user("b1").build());
        List<Connection> conns = new ArrayList<>();
        CompletableFuture<Void> closed = closed(sandbox, "b1", conns);
        String key = sandbox.hierarchy().account("B").publicKey();
        Path file = ResolverDirectory.file(sandbox.directory().resolve("jwt"), key);
        assertTrue(Files.exists(file) || type == ResolverType.CACHE, "pushed into the directory");
        sandbox.removeAccount("B");
        closed.get(10, TimeUnit.SECONDS);
        assertFalse(Files.exists(file), "deleted by the server when the call returned");
        if (type == ResolverType.FULL) {
            assertTrue(Files.exists(Path.of(file + ".deleted")), "a full resolver keeps it as .deleted");
        }
    }
}
