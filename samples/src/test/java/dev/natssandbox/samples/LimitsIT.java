package dev.natssandbox.samples;

import dev.natssandbox.junit.Account;
import dev.natssandbox.junit.NatsSandbox;
import dev.natssandbox.junit.NatsUser;
import dev.natssandbox.junit.User;
import dev.natssandbox.probe.ProbeResult;
import dev.natssandbox.sandbox.ConnectionRefusedException;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.natssandbox.junit.NatsAssertions.assertCanSubscribe;
import static dev.natssandbox.junit.NatsAssertions.assertCannotSubscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits in account and user JWTs, enforced by nats-server:
 *
 * <pre>
 * nsc edit account --name Limited --payload 1024 --subscriptions 2
 * nsc edit user --account Limited --name Tiny --payload 100
 * nsc edit user --account Limited --name Few --subs 1
 * nsc edit account --name Crowded --conns 2
 * </pre>
 *
 * What a user sees, with nats-server 2.9.10 and jnats:
 * <ul>
 *   <li><b>payload</b>: the server tells each connection its limit — the smallest of the user's, the account's and
 *   the server's {@code max_payload} — in an INFO sent just after the PONG that ends jnats's connect (so a
 *   connection of your own should flush once before relying on it; the sandbox's connections already have). jnats
 *   then refuses a larger message itself ({@code IllegalArgumentException}) and nothing is sent. A client that
 *   sends one anyway is disconnected by the server with {@code -ERR 'Maximum Payload Violation'} (see
 *   {@link LiveChangesIT#aLowerPayloadLimitIsEnforcedByTheServerOnOpenConnections});</li>
 *   <li><b>subscriptions</b>: the subscription over the limit gets {@code -ERR 'maximum subscriptions exceeded'};
 *   the connection stays open. The account's limit applies to <em>each connection</em> (the server takes the
 *   smallest of user, account and server limit per connection), not to the account's total;</li>
 *   <li><b>connections</b>: the connection over the account's limit is refused at connect with
 *   {@code -ERR 'maximum account active connections exceeded'}, which {@code Sandbox.connect} reports as a
 *   {@link ConnectionRefusedException} quoting the server.</li>
 * </ul>
 * Not enforced as traffic limits: {@code data} (bytes) is carried in the JWTs, but nats-server 2.9.10 does not act
 * on it; the number of imports and exports and wildcard exports are checked when the server validates the account
 * JWT (an account over them is rejected as a whole).
 *
 * <p>The accounts are separate so that each limit is observed alone; {@code Crowded} is used by one test only, since
 * connections closed by other tests leave the server's count asynchronously.
 */
@NatsSandbox(accounts = {
        @Account(name = "Limited", maxPayload = 1024, maxSubscriptions = 2, users = {
                @User(name = "Member"),
                @User(name = "Tiny", maxPayload = 100),
                @User(name = "Few", maxSubscriptions = 1)}),
        @Account(name = "Crowded", maxConnections = 2, users = @User(name = "Guest"))})
class LimitsIT {
    private static final Duration SAFETY_NET = Duration.ofSeconds(10);

    // ---- payload ----

    @Test
    void aMessageUpToTheAccountsPayloadLimitIsDelivered(@NatsUser("Member") Connection publisher,
                                                        @NatsUser("Member") Connection subscriber) throws Exception {
        assertEquals(1024, publisher.getServerInfo().getMaxPayload(), "max_payload announced to the connection");

        Subscription s = subscriber.subscribe("upload");
        subscriber.flush(SAFETY_NET);
        publisher.publish("upload", new byte[1024]);
        publisher.flush(SAFETY_NET);
        subscriber.flush(SAFETY_NET);
        assertEquals(1, s.getPendingMessageCount());
    }

    @Test
    void aLargerMessageIsRefusedBeforeItLeavesTheClient(@NatsUser("Member") Connection member) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> member.publish("upload", new byte[1025]));

        assertTrue(e.getMessage().contains("1025 vs 1024"), e.getMessage());
        assertEquals(Connection.Status.CONNECTED, member.getStatus());
    }

    /** The user's own limit is smaller than the account's, so it is the one the server announces. */
    @Test
    void aUsersOwnPayloadLimitWinsWhenItIsSmaller(@NatsUser("Tiny") Connection tiny) {
        assertEquals(100, tiny.getServerInfo().getMaxPayload());
        assertThrows(IllegalArgumentException.class, () -> tiny.publish("upload", new byte[101]));
    }

    // ---- subscriptions ----

    @Test
    void theSubscriptionOverTheUsersLimitIsRefused(@NatsUser("Few") Connection few) throws Exception {
        Subscription first = few.subscribe("first");

        ProbeResult refused = assertCannotSubscribe(few, "second");
        assertEquals("maximum subscriptions exceeded", refused.refusal().orElseThrow());
        assertEquals(Connection.Status.CONNECTED, few.getStatus(), "a refused subscription leaves it connected");

        // The server handles one connection's protocol in order: the UNSUB frees the slot before the next SUB.
        first.unsubscribe();
        assertCanSubscribe(few, "second");
    }

    /** Two connections of the same account each hold two subscriptions: the account's limit is per connection. */
    @Test
    void theAccountsSubscriptionLimitAppliesToEachConnection(@NatsUser("Member") Connection one,
                                                             @NatsUser("Member") Connection two) {
        for (Connection c : new Connection[]{one, two}) {
            c.subscribe("a");
            c.subscribe("b");
        }

        assertCannotSubscribe(one, "c");
        assertCannotSubscribe(two, "c");
    }

    // ---- connections ----

    @Test
    void theConnectionOverTheAccountsLimitIsRefused(Sandbox sandbox) throws Exception {
        Connection first = sandbox.connect("Guest");
        Connection second = sandbox.connect("Guest");
        try {
            ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class,
                    () -> sandbox.connect("Guest"));

            assertEquals("maximum account active connections exceeded", e.serverMessage());
            assertEquals("Crowded/Guest", e.user());
            assertEquals(Connection.Status.CONNECTED, first.getStatus());
            assertEquals(Connection.Status.CONNECTED, second.getStatus());
        } finally {
            first.close();
            second.close();
        }
    }
}
