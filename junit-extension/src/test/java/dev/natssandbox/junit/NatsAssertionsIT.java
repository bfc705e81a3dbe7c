package dev.natssandbox.junit;

import dev.natssandbox.probe.ProbeResult;
import io.nats.client.Connection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static dev.natssandbox.junit.NatsAssertions.assertCanPublish;
import static dev.natssandbox.junit.NatsAssertions.assertCanRequest;
import static dev.natssandbox.junit.NatsAssertions.assertCanSubscribe;
import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static dev.natssandbox.junit.NatsAssertions.assertCannotRequest;
import static dev.natssandbox.junit.NatsAssertions.assertCannotSubscribe;
import static dev.natssandbox.junit.NatsAssertions.assertDelivered;
import static dev.natssandbox.junit.NatsAssertions.assertNotDelivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assertions against a real server: each passes when the server agrees and fails with the user's permissions and
 * the server's own text when it does not.
 */
@RequiresNatsServer
@NatsSandbox(accounts = @Account(name = "TestAccount", users = {
        @User(name = "TestService", allowPub = "_INBOX.>", allowSub = "req.a"),
        @User(name = "TestClient", allowPub = "req.a", allowSub = "_INBOX.>"),
        @User(name = "Worker", allowPub = "jobs.>", allowSub = "jobs.> workers"),
        @User(name = "TestUser")}))
class NatsAssertionsIT {

    @Test
    void passingAssertionsReturnTheEvidence(@NatsUser("TestClient") Connection client,
                                            @NatsUser("TestService") Connection service) {
        assertTrue(assertCanPublish(client, "req.a").allowed());
        ProbeResult refused = assertCannotPublish(client, "req.b");
        assertEquals("Permissions Violation for Publish to \"req.b\"", refused.violation().orElseThrow().text());
        assertTrue(assertCanSubscribe(service, "req.a").allowed());
        assertEquals("Permissions Violation for Subscription to \"req.b\"",
                assertCannotSubscribe(service, "req.b").violation().orElseThrow().text());
        ProbeResult answered = assertCanRequest(client, service, "req.a");
        assertEquals(2, answered.messages().size(), "the request and the reply");
    }

    @Test
    void queueGroupsAreCheckedAsTheServerChecksThem(@NatsUser("Worker") Connection worker) {
        assertCanSubscribe(worker, "jobs.build", "workers");
        assertEquals("Permissions Violation for Subscription to \"jobs.build\" using queue \"others\"",
                assertCannotSubscribe(worker, "jobs.build", "others").violation().orElseThrow().text());
        assertCannotSubscribe(worker, "jobs.build");
    }

    @Test
    void deliveryIsDecidedByTheSubscribersOwnFlush(@NatsUser("TestUser") Connection user,
                                                   @NatsUser("TestClient") Connection client,
                                                   @NatsUser("TestService") Connection service) {
        ProbeResult delivered = assertDelivered(user, user, "hello");
        assertEquals("hello", delivered.messages().get(0).subject());
        assertDelivered(user, "hello.world", user, "hello.>");
        ProbeResult notDelivered = assertNotDelivered(user, "other", user, "hello.>");
        assertFalse(notDelivered.delivered());
        assertNotDelivered(client, service, "req.b");
        assertCannotRequest(client, service, "req.b");
    }

    @Test
    void theFluentFormAssertsTheSameWithTheActingUserFirst(@NatsUser("TestClient") Connection client,
                                                           @NatsUser("TestService") Connection service,
                                                           @NatsUser("TestUser") Connection user) {
        NatsAssertions.assertThat(client).canPublish("req.a").cannotPublish("req.b").canSubscribe("_INBOX.x")
                .cannotSubscribe("req.a").canRequestFrom(service, "req.a").cannotRequestFrom(service, "req.b")
                .doesNotDeliverTo(service, "req.b");
        NatsAssertions.assertThat(user).deliversTo(user, "hello");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> NatsAssertions.assertThat(client).cannotPublish("req.a"));
        assertTrue(e.getMessage().startsWith("expected [TestClient] to be refused publishing to [req.a] but the "
                + "server accepted it"), e.getMessage());
    }

    @Nested
    class FailureMessages {
        @Test
        void aRefusedPublishQuotesTheServerAndShowsThePermissions(@NatsUser("TestClient") Connection client) {
            AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertCanPublish(client, "req.b"));
            assertEquals("expected [TestClient] to publish to [req.b] but the server refused: Permissions Violation "
                    + "for Publish to \"req.b\" (pub allow: [req.a]; sub allow: [_INBOX.>])", e.getMessage());
        }

        @Test
        void anAcceptedPublishThatWasExpectedToBeRefused(@NatsUser("TestClient") Connection client) {
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> assertCannotPublish(client, "req.a"));
            assertEquals("expected [TestClient] to be refused publishing to [req.a] but the server accepted it: no "
                    + "error before the PONG of a flush (pub allow: [req.a]; sub allow: [_INBOX.>])", e.getMessage());
        }

        @Test
        void aRefusedSubscription(@NatsUser("TestService") Connection service) {
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> assertCanSubscribe(service, "req.b"));
            assertEquals("expected [TestService] to subscribe to [req.b] but the server refused: Permissions "
                    + "Violation for Subscription to \"req.b\" (pub allow: [_INBOX.>]; sub allow: [req.a])",
                    e.getMessage());
        }

        @Test
        void aMessageThatDidNotArrive(@NatsUser("TestUser") Connection user) {
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> assertDelivered(user, "a.b", user, "x.>"));
            assertTrue(e.getMessage().startsWith("expected a message [TestUser] publishes to [a.b] to reach "
                    + "[TestUser]'s subscription to [x.>] but it was not delivered"), e.getMessage());
        }

        @Test
        void aRequestThatWasExpectedToFailButWasAnswered(@NatsUser("TestClient") Connection client,
                                                        @NatsUser("TestService") Connection service) {
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> assertCannotRequest(client, service, "req.a"));
            assertTrue(e.getMessage().startsWith("expected [TestClient]'s request on [req.a] not to be answered by "
                    + "[TestService] but it was answered"), e.getMessage());
        }
    }
}
