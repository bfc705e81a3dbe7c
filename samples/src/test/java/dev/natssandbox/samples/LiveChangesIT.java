package dev.natssandbox.samples;

import dev.natssandbox.creds.Creds;
import dev.natssandbox.junit.NatsSandboxExtension;
import dev.natssandbox.junit.SandboxScope;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.probe.ProbeResult;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.UnknownIdentityException;
import dev.natssandbox.sandbox.ConnectionRefusedException;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.ServerVersion;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static dev.natssandbox.junit.NatsAssertions.assertCanPublish;
import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static dev.natssandbox.junit.NatsAssertions.assertCannotSubscribe;
import static dev.natssandbox.junit.NatsAssertions.assertDelivered;
import static dev.natssandbox.junit.NatsAssertions.assertNotDelivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changing a running sandbox, the way {@code nsc edit …} followed by a server reload would: each change re-issues
 * the JWTs it touches, rewrites the configuration and reloads nats-server, and returns once the server applied it.
 *
 * <p>What connections that are already open see (nats-server 2.9.10, MEMORY resolver):
 * <ul>
 *   <li>a <b>user's own permissions and limits</b> live in the user JWT the client presented at connect; an open
 *   connection keeps them. The changed user gets them on its next connection;</li>
 *   <li><b>account changes</b> apply at once: a revoked user's connections are closed ({@code -ERR 'User
 *   Authentication Revoked'}), a lower subscription limit applies to the next subscription, connections over a
 *   lower connection limit are closed (the oldest first), a lower payload limit is enforced by the server —
 *   but the client was told {@code max_payload} at connect and is not told again, so it sends the larger message
 *   and the server closes the connection ({@code -ERR 'Maximum Payload Violation'}).</li>
 * </ul>
 * Lowering an account's subscription limit to the number a connection already holds, or below, closes that
 * connection ({@code -ERR 'maximum subscriptions exceeded'}: the server checks "at or over the limit").
 *
 * <p>Connections made by the sandbox survive reloads. One made with jnats's own credential handlers (e.g.
 * {@code Nats.credentials(credsFile)}) sends its public nkey in CONNECT, and nats-server before the fix for
 * nats-io/nats-server#8606 (2.9.10 included) closes such connections on every reload.
 *
 * <p>This class uses the programmatic door: the spec comes from the fluent builder, and {@link SandboxScope#METHOD}
 * gives each test a fresh server, since every test changes it. Tests take the {@link Sandbox} as a parameter.
 * "Closed by the server" is awaited on the connection's listener, never slept for.
 */
class LiveChangesIT {
    /**
     * <pre>
     * nsc add operator -n Test
     * nsc add account -n TestAccount
     * nsc add user -n TestUser
     * nsc add user --name TestClient --allow-pub "req.a" --allow-sub "_INBOX.&gt;"
     * </pre>
     */
    @RegisterExtension
    static NatsSandboxExtension nats = NatsSandboxExtension.builder()
            .spec(SandboxSpec.operator("Test")
                    .account("TestAccount", a -> a
                            .user("TestUser")
                            .user("TestClient", u -> u.allowPub("req.a").allowSub("_INBOX.>")))
                    .build())
            .scope(SandboxScope.METHOD)
            .build();

    /** A safety net for a server that never answers; the awaited event normally arrives in milliseconds. */
    private static final long SAFETY_NET_SECONDS = 10;

    /** {@code nsc edit user --name TestClient --allow-pub req.b}: the next connection may publish there. */
    @Test
    void aUserGainsAPermissionOnItsNextConnection(Sandbox sandbox) {
        Connection before = sandbox.connect("TestClient");
        assertCannotPublish(before, "req.b");

        sandbox.updateUser("TestClient", u -> u.allowPub("req.b"));

        // Connected with the old JWT: still the old permissions (and still connected after the reload).
        assertCannotPublish(before, "req.b");
        assertEquals(Connection.Status.CONNECTED, before.getStatus());

        Connection after = sandbox.connect("TestClient");
        assertCanPublish(after, "req.b");
        assertCanPublish(after, "req.a");
        // Probes by name reconnect after a change, so they see the new permissions too.
        assertTrue(sandbox.probe().publish("TestClient", "req.b").allowed());
    }

    /** {@code nsc add account -n Partners; nsc add user -n Partner}, then reload: the new account's user connects. */
    @Test
    void anAccountAddedAtRuntimeAdmitsItsUsers(Sandbox sandbox) throws Exception {
        assertThrows(UnknownIdentityException.class, () -> sandbox.connect("Partner"));

        sandbox.addAccount(AccountSpec.builder("Partners").user("Partner").build());

        AccountIdentity partners = sandbox.hierarchy().account("Partners");
        assertTrue(Files.readString(sandbox.configFile()).contains("\n  " + partners.publicKey() + ": "
                + partners.jwt() + "\n"), "the reloaded configuration preloads the new account");
        Connection partner = sandbox.connect("Partner");
        assertDelivered(partner, partner, "hello");
        // A separate account: nothing crosses to or from TestAccount.
        assertNotDelivered(sandbox.connect("TestUser"), partner, "hello");
    }

    /**
     * {@code nsc revocations add-user --name TestUser}, then reload: the server closes the user's open connection
     * and refuses new ones. The revocation is a list in the account JWT; the user's creds are unchanged.
     */
    @Test
    void aRevokedUserIsDisconnectedAndRefused(Sandbox sandbox) throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        Connection open = sandbox.connect("TestUser", whenClosed(closed));
        Connection other = sandbox.connect("TestClient");

        sandbox.revokeUser("TestUser");

        assertEquals("User Authentication Revoked", closed.get(SAFETY_NET_SECONDS, TimeUnit.SECONDS));
        ConnectionRefusedException refused = assertThrows(ConnectionRefusedException.class,
                () -> sandbox.connect("TestUser"));
        assertEquals("Authorization Violation", refused.serverMessage());

        String userKey = sandbox.hierarchy().user("TestUser").publicKey();
        assertTrue(sandbox.hierarchy().account("TestAccount").claims().revocations().containsKey(userKey));
        assertCanPublish(other, "req.a"); // other users are not affected: a round trip on their connection
        assertEquals(Connection.Status.CLOSED, open.getStatus());
    }

    /**
     * Removing a user is not revoking it: the server never knew the user, only its account. Whoever kept the creds
     * still connects; revoke users to lock them out.
     */
    @Test
    void aRemovedUserIsNotLockedOut(Sandbox sandbox) throws Exception {
        Creds kept = sandbox.creds("TestUser");

        sandbox.removeUser("TestUser");

        assertThrows(UnknownIdentityException.class, () -> sandbox.connect("TestUser"));
        Options options = new Options.Builder().server(sandbox.serverUrl()).maxReconnects(0)
                .authHandler(Nats.staticCredentials(kept.jwt().toCharArray(), kept.seed())).build();
        Connection stillWelcome = Nats.connect(options);
        try {
            assertEquals(Connection.Status.CONNECTED, stillWelcome.getStatus());
        } finally {
            stillWelcome.close();
        }
    }

    /** {@code nsc edit account --name TestAccount --subscriptions 2}: applies to the open connection's next SUB. */
    @Test
    void aLowerSubscriptionLimitAppliesToOpenConnections(Sandbox sandbox) {
        Connection open = sandbox.connect("TestUser");
        open.subscribe("held");

        // One subscription held, limit two: under the limit, so the connection stays (see the class comment).
        sandbox.updateAccount("TestAccount", a -> a.limits(l -> l.subs(2)));

        open.subscribe("another");
        ProbeResult third = assertCannotSubscribe(open, "third");
        assertEquals("maximum subscriptions exceeded", third.refusal().orElseThrow());
        assertEquals(Connection.Status.CONNECTED, open.getStatus());
    }

    /**
     * {@code nsc edit account --name TestAccount --payload 64}: an open connection was told {@code max_payload} at
     * connect, so jnats sends a larger message; the server refuses it by closing the connection. A new connection is
     * told the new limit and jnats refuses the message before sending it (as in {@link LimitsIT}).
     */
    @Test
    void aLowerPayloadLimitIsEnforcedByTheServerOnOpenConnections(Sandbox sandbox) throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        Connection open = sandbox.connect("TestUser", whenClosed(closed));
        assertEquals(1024 * 1024, open.getServerInfo().getMaxPayload(), "the server's default max_payload");

        sandbox.updateAccount("TestAccount", a -> a.limits(l -> l.payload(64)));

        open.publish("upload", new byte[100]);
        assertEquals("Maximum Payload Violation", closed.get(SAFETY_NET_SECONDS, TimeUnit.SECONDS));

        Connection fresh = sandbox.connect("TestUser");
        assertEquals(64, fresh.getServerInfo().getMaxPayload());
        assertThrows(IllegalArgumentException.class, () -> fresh.publish("upload", new byte[100]));
    }

    /**
     * {@code nsc edit account --name TestAccount --conns 1}: the server closes the connections over the new limit. Which
     * ones depends on the version: up to 2.11 it keeps the newest connections, from 2.12 on the oldest (nats-server
     * "Fix account updates disconnecting oldest connections"), so that long-lived services survive a lowered limit.
     */
    @Test
    void aLowerConnectionLimitClosesTheConnectionsOverIt(Sandbox sandbox) throws Exception {
        List<CompletableFuture<String>> closed = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
                new CompletableFuture<>());
        List<Connection> oldestFirst = new ArrayList<>();
        for (CompletableFuture<String> c : closed) {
            oldestFirst.add(sandbox.connect("TestUser", whenClosed(c)));
        }
        boolean keepsOldest = ServerVersion.find(oldestFirst.get(0).getServerInfo().getVersion()).orElseThrow()
                .isAtLeast(new ServerVersion(2, 12, 0));
        int kept = keepsOldest ? 0 : 2;

        sandbox.updateAccount("TestAccount", a -> a.limits(l -> l.conn(1)));

        for (int i = 0; i < closed.size(); i++) {
            if (i != kept) {
                assertEquals("maximum account active connections exceeded",
                        closed.get(i).get(SAFETY_NET_SECONDS, TimeUnit.SECONDS), "connection " + i);
                assertEquals(Connection.Status.CLOSED, oldestFirst.get(i).getStatus());
            }
        }
        assertCanPublish(oldestFirst.get(kept), "upload"); // the kept connection still works: a round trip
        assertFalse(closed.get(kept).isDone(), "the kept connection was closed");
    }

    /**
     * Completes {@code closed} with the server's last error once the connection is closed. jnats records the error
     * ({@code -ERR}) when it reads it, before it sees the server close the socket, so it is there by then.
     */
    private static Consumer<Options.Builder> whenClosed(CompletableFuture<String> closed) {
        return o -> o.connectionListener((connection, event) -> {
            if (event == ConnectionListener.Events.CLOSED) {
                closed.complete(String.valueOf(connection.getLastError()));
            }
        });
    }
}
