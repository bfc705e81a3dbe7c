package dev.natssandbox.sandbox;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.UserSpec;
import dev.natssandbox.provision.UnknownIdentityException;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.Wire;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes applied to a running sandbox. {@code apply} returns once the server has applied the change, so every
 * check right after it sees the new rules; nothing here waits for a change to take effect.
 *
 * <p>What existing connections see: account-level changes (limits, exports, imports, revocations) reach them at
 * once, because the server re-checks its clients when it reloads an account. A user's own permissions come from the
 * user JWT presented at connect, so a connection keeps the permissions it connected with; new connections get the
 * new ones.
 */
@RequiresNatsServer
class LiveChangesIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String DENIED_B_X = "Permissions Violation for Publish to \"b.x\"";

    @TempDir
    Path base;

    private Sandbox s;

    @BeforeEach
    void start() {
        s = Sandbox.builder(SandboxSpec.operator("Live")
                .account("App", a -> a
                        .user("pub", u -> u.allowPub("a.>").allowSub("_INBOX.>"))
                        .user("sub")
                        .user("gone"))
                .account("Other", a -> a.user("other"))
                .build()).baseDirectory(base).start();
    }

    @AfterEach
    void close() {
        s.close();
    }

    private Subscription subscribe(Connection c, String subject) {
        Subscription sub = c.subscribe(subject);
        Wire.flush(c);
        return sub;
    }

    @Test
    void aUserGainsThenLosesAPublishPermissionOnNewConnections() {
        UserPermissionLimits original = s.spec().account("App").user("pub").orElseThrow().limits();
        Connection sub = s.connect("sub");
        Subscription bx = subscribe(sub, "b.x");
        Connection before = s.connect("pub");
        assertEquals(List.of(DENIED_B_X), Wire.errorsOf(before, () -> before.publish("b.x", new byte[0])));

        s.updateUser("pub", u -> u.allowPub("b.>"));

        Connection gained = s.connect("pub");
        assertEquals(List.of(), Wire.errorsOf(gained, () -> { }));
        assertNotNull(Wire.publishAndReceive(gained, "b.x", sub, bx));
        assertEquals(List.of(), Wire.recorder(gained).all());
        // Permissions are fixed at connect: the connection opened before the change keeps the old ones.
        assertNull(Wire.publishAndReceive(before, "b.x", sub, bx));
        assertTrue(Wire.recorder(before).all().contains(DENIED_B_X));

        s.updateUser("pub", u -> u.limits(original));

        Connection lost = s.connect("pub");
        assertEquals(List.of(DENIED_B_X), Wire.errorsOf(lost, () -> lost.publish("b.x", new byte[0])));
        assertNull(Wire.publishAndReceive(lost, "b.x", sub, bx));
        // ... and the connection that gained it keeps it.
        assertNotNull(Wire.publishAndReceive(gained, "b.x", sub, bx));
    }

    @Test
    void anAccountAddedAtRuntimeCanBeUsedAtOnceAndIsIsolated() {
        Connection app = s.connect("sub");
        Subscription appX = subscribe(app, "x");

        s.addAccount(AccountSpec.builder("New").user("newbie").build());

        Connection newbie = s.connect("newbie");
        Subscription newX = subscribe(newbie, "x");
        assertNotNull(Wire.publishAndReceive(newbie, "x", newbie, newX));
        assertNull(Wire.publishAndReceive(newbie, "x", app, appX), "accounts are isolated");
        assertTrue(Files.exists(s.credsFile("New/newbie")));
    }

    @Test
    void aRevokedUserIsRefusedAndItsOpenConnectionIsClosedByTheServer() throws Exception {
        CompletableFuture<ConnectionListener.Events> ended = new CompletableFuture<>();
        Connection open = s.connect("gone", o -> o.connectionListener((c, type) -> {
            if (type == ConnectionListener.Events.DISCONNECTED || type == ConnectionListener.Events.CLOSED) {
                ended.complete(type);
            }
        }));

        s.revokeUser("gone");

        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class, () -> s.connect("gone"));
        assertEquals("App/gone", e.user());
        assertTrue(e.serverMessage().contains("Authorization Violation"), e.getMessage());
        assertTrue(e.getMessage().startsWith("server refused the connection of user [App/gone]: "), e.getMessage());

        ended.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(Wire.recorder(open).all().contains("User Authentication Revoked"), Wire.recorder(open).all()
                .toString());
        assertTrue(Files.exists(s.credsFile("gone")), "a revoked user keeps its creds");
        Connection other = s.connect("sub");
        assertEquals(List.of(), Wire.errorsOf(other, () -> other.publish("x", new byte[0])));
    }

    @Test
    void connectAsyncOpensSeveralAtOnceAndReportsARefusalThroughTheFuture() throws Exception {
        CompletableFuture<Connection> pub = s.connectAsync("pub");
        CompletableFuture<Connection> other = s.connectAsync("Other/other");
        Connection p = pub.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        Connection o = other.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(List.of(), Wire.errorsOf(p, () -> p.publish("a.x", new byte[0])));
        assertEquals(List.of(DENIED_B_X), Wire.errorsOf(p, () -> p.publish("b.x", new byte[0])));
        assertEquals(List.of(), Wire.errorsOf(o, () -> o.publish("b.x", new byte[0])));

        s.revokeUser("gone");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> s.connectAsync("gone").get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        ConnectionRefusedException cause = assertInstanceOf(ConnectionRefusedException.class, refused.getCause());
        assertEquals("App/gone", cause.user());

        UnknownIdentityException unknown = assertThrows(UnknownIdentityException.class,
                () -> s.connectAsync("nobody"));
        assertTrue(unknown.getMessage().contains("nobody"), unknown.getMessage());
    }

    @Test
    void anAccountPayloadLimitAppliesToExistingConnections() throws Exception {
        CompletableFuture<ConnectionListener.Events> ended = new CompletableFuture<>();
        Connection open = s.connect("sub", o -> o.connectionListener((c, type) -> {
            if (type == ConnectionListener.Events.DISCONNECTED || type == ConnectionListener.Events.CLOSED) {
                ended.complete(type);
            }
        }));
        Subscription x = subscribe(open, "x");
        assertEquals(List.of(), Wire.errorsOf(open, () -> open.publish("x", new byte[100])));
        assertEquals(1, x.getPendingMessageCount(), "100 bytes pass before the change");

        s.updateAccount("App", a -> a.limits(l -> l.payload(16)));

        open.publish("x", new byte[100]);
        ended.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(Wire.recorder(open).all().contains("Maximum Payload Violation"),
                Wire.recorder(open).all().toString());
    }

    @Test
    void anAccountConnectionLimitDisconnectsTheConnectionsOverIt() throws Exception {
        CountDownLatch twoEnded = new CountDownLatch(2);
        List<CompletableFuture<ConnectionListener.Events>> ended = new ArrayList<>();
        List<Connection> conns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<ConnectionListener.Events> f = new CompletableFuture<>();
            ended.add(f);
            conns.add(s.connect("sub", o -> o.connectionListener((c, type) -> {
                if ((type == ConnectionListener.Events.DISCONNECTED || type == ConnectionListener.Events.CLOSED)
                        && f.complete(type)) {
                    twoEnded.countDown();
                }
            })));
        }

        s.updateAccount("App", a -> a.limits(l -> l.conn(1)));

        // The server keeps one connection (its choice which) and has already told the others to go.
        assertTrue(twoEnded.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "two connections closed");
        List<Connection> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (ended.get(i).isDone()) {
                assertTrue(Wire.recorder(conns.get(i)).all().contains("maximum account active connections exceeded"),
                        Wire.recorder(conns.get(i)).all().toString());
            } else {
                kept.add(conns.get(i));
            }
        }
        assertEquals(1, kept.size());
        assertEquals(List.of(), Wire.errorsOf(kept.get(0), () -> kept.get(0).publish("x", new byte[0])));
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class, () -> s.connect("sub"));
        assertEquals("maximum account active connections exceeded", e.serverMessage());
    }

    @Test
    void anExportAndImportAddedAtRuntimeDeliverAcrossAccounts() {
        Connection app = s.connect("sub");
        Connection other = s.connect("other");
        Subscription early = subscribe(other, "news.x");
        assertNull(Wire.publishAndReceive(app, "news.x", other, early), "no import yet");

        s.change(b -> b
                .account("App", a -> a.exportStream("news.>"))
                .account("Other", a -> a.importStream("App", "news.>")));

        Connection otherLater = s.connect("other");
        Subscription later = subscribe(otherLater, "news.x");
        assertNotNull(Wire.publishAndReceive(app, "news.x", otherLater, later));
        // A subscription made before the import was added receives through it too.
        assertNotNull(Wire.publishAndReceive(app, "news.x", other, early));
    }

    @Test
    void connectionsOfEveryKindSurviveAReload() throws Exception {
        Connection app = s.connect("sub");
        Subscription appX = subscribe(app, "x");
        Connection other = s.connect("other");
        Connection probe = s.probeConnection("pub");
        Connection own = io.nats.client.Nats.connect(s.options("other").build());
        try {
            s.addAccount(AccountSpec.builder("New").user("newbie").build());

            for (Connection c : List.of(app, other, probe, own)) {
                assertEquals(Connection.Status.CONNECTED, c.getStatus(), c.getOptions().getConnectionName());
                assertEquals(List.of(), Wire.errorsOf(c, () -> { }), c.getOptions().getConnectionName());
            }
            assertNotNull(Wire.publishAndReceive(app, "x", app, appX));
            assertEquals(probe, s.probeConnection("pub"), "the probe connection is kept");
        } finally {
            own.close();
        }
    }

    @Test
    void changesThatNeedARestartFailClearlyAndLeaveTheSandboxWorking() throws Exception {
        SandboxSpec before = s.spec();
        String config = Files.readString(s.server().configFile());

        InvalidInputException operator = assertThrows(InvalidInputException.class,
                () -> s.change(b -> b.operatorSigningKeys(1)));
        assertTrue(operator.getMessage().startsWith("cannot change the operator of a running sandbox"),
                operator.getMessage());
        assertTrue(operator.getMessage().endsWith("Close this sandbox and start a new one"), operator.getMessage());

        InvalidInputException sys = assertThrows(InvalidInputException.class,
                () -> s.change(b -> b.systemAccount("SYS2")));
        assertEquals("cannot change the system account of a running sandbox (from [SYS] to [SYS2]): nats-server "
                + "does not reload it. Close this sandbox and start a new one", sys.getMessage());

        InvalidInputException port = assertThrows(InvalidInputException.class, () -> s.change(b -> b.port(4222)));
        assertTrue(port.getMessage().startsWith("cannot change the server settings of a running sandbox"),
                port.getMessage());

        assertEquals(before, s.spec());
        assertEquals(config, Files.readString(s.server().configFile()));
        Connection sub = s.connect("sub");
        Subscription x = subscribe(sub, "x");
        assertNotNull(Wire.publishAndReceive(sub, "x", sub, x));
    }

    @Test
    void removingAUserDeletesItsCredsJwtAndSeed() {
        Path creds = s.credsFile("gone");
        Path seed = s.layout().seed(s.hierarchy().user("gone").publicKey());
        assertTrue(Files.exists(creds));
        assertTrue(Files.exists(seed));

        s.removeUser("gone");

        assertFalse(Files.exists(creds), creds + " still exists");
        assertFalse(Files.exists(seed), seed + " still exists");
        assertTrue(Files.exists(s.credsFile("sub")));
        UnknownIdentityException e = assertThrows(UnknownIdentityException.class, () -> s.connect("gone"));
        assertTrue(e.getMessage().startsWith("No user [gone] in sandbox; users are: "), e.getMessage());
    }

    @Test
    void concurrentChangesAreAllKept() throws Exception {
        int n = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "c" + i;
            changes.add(CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                s.addUser("App", UserSpec.named(name));
            }));
        }
        go.countDown();
        CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new)).get(DEADLINE.toMillis(),
                TimeUnit.MILLISECONDS);
        for (int i = 0; i < n; i++) {
            assertTrue(s.spec().account("App").user("c" + i).isPresent(), "c" + i + " was lost");
            Connection c = s.connect("c" + i);
            assertEquals(List.of(), Wire.errorsOf(c, () -> c.publish("x", new byte[0])));
        }
    }

    @Test
    void applyReturnsOnlyOnceTheServerHasAppliedTheChange() {
        for (int i = 0; i < 3; i++) {
            String account = "Acc" + i;
            s.addAccount(AccountSpec.builder(account).user("u" + i).build());
            // No wait of any kind: the very next connection already finds the new account...
            Connection c = s.connect(account + "/u" + i);
            assertEquals(List.of(), Wire.errorsOf(c, () -> c.publish("x", new byte[0])));

            s.revokeUser(account + "/u" + i);
            // ... and is refused right after the revocation.
            String user = account + "/u" + i;
            assertThrows(ConnectionRefusedException.class, () -> s.connect(user));
        }
    }
}
