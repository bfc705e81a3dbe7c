package dev.natssandbox.probe;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.probe.ProbeResult.Step;
import dev.natssandbox.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule of the seed walkthrough probed both ways: TestService (pub {@code _INBOX.>}, sub {@code req.a}),
 * TestClient (pub {@code req.a}, sub {@code _INBOX.>}) and TestUser (no permissions).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedPermissionsIT {
    private Sandbox sandbox;
    private PermissionProbe probe;

    @BeforeAll
    void start() {
        sandbox = ProbeSandboxes.start(ProbeSandboxes.seed());
        probe = sandbox.probe();
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static void assertRefused(ProbeResult r, Violation.Kind kind, String subject, Step step) {
        assertFalse(r.succeeded(), r::describe);
        assertFalse(r.allowed(), r::describe);
        assertEquals(Optional.of(step), r.failedStep(), r::describe);
        Violation v = r.violation().orElseThrow(() -> new AssertionError("no violation in " + r.describe()));
        assertEquals(kind, v.kind(), r::describe);
        assertEquals(subject, v.subject(), r::describe);
    }

    @Test
    void testUserWithoutPermissionsPublishesHelloToAGreaterThanSubscriber() {
        ProbeResult r = probe.delivery("TestUser", "hello", "TestUser", ">");
        assertTrue(r.delivered(), r::describe);
        assertEquals(1, r.messages().size());
        assertEquals("hello", r.messages().get(0).subject());
        assertEquals("TestUser", r.messages().get(0).receiver());
        assertTrue(r.messages().get(0).payload().startsWith("nats-sandbox probe "), r::describe);
        assertEquals("(no permissions: everything in the account is allowed)", r.permissionsSummary());
    }

    @Test
    void testUserMayPublishAndSubscribeAnything() {
        for (String subject : new String[] {"hello", "req.a", "req.b", "_INBOX.x"}) {
            assertTrue(probe.publish("TestUser", subject).allowed(), subject);
        }
        assertTrue(probe.subscribe("TestUser", ">").allowed());
        assertTrue(probe.subscribe("TestUser", "req.*", "workers").allowed());
    }

    @Test
    void testServicePublishesToInboxesButNotToReqA() {
        assertTrue(probe.publish("TestService", "_INBOX.abc").allowed());
        ProbeResult r = probe.publish("TestService", "req.a");
        assertRefused(r, Violation.Kind.PUBLISH, "req.a", Step.PUBLISH);
        assertEquals(Optional.of("Permissions Violation for Publish to \"req.a\""), r.refusal());
    }

    @Test
    void testServiceSubscribesToReqAButNothingElse() {
        assertTrue(probe.subscribe("TestService", "req.a").allowed());
        assertRefused(probe.subscribe("TestService", "req.b"), Violation.Kind.SUBSCRIPTION, "req.b", Step.SUBSCRIBE);
        assertRefused(probe.subscribe("TestService", "_INBOX.>"), Violation.Kind.SUBSCRIPTION, "_INBOX.>",
                Step.SUBSCRIBE);
    }

    @Test
    void testClientPublishesToReqAButNotToReqB() {
        assertTrue(probe.publish("TestClient", "req.a").allowed());
        ProbeResult r = probe.publish("TestClient", "req.b");
        assertRefused(r, Violation.Kind.PUBLISH, "req.b", Step.PUBLISH);
        assertEquals("expected [TestClient] to publish to [req.b] but the server refused: Permissions Violation for "
                + "Publish to \"req.b\" (pub allow: [req.a]; sub allow: [_INBOX.>])", r.failureMessage(true));
    }

    @Test
    void testClientSubscribesToInboxesButNotToReqA() {
        assertTrue(probe.subscribe("TestClient", "_INBOX.abc").allowed());
        ProbeResult r = probe.subscribe("TestClient", "req.a");
        assertRefused(r, Violation.Kind.SUBSCRIPTION, "req.a", Step.SUBSCRIBE);
        assertEquals(Optional.of("Permissions Violation for Subscription to \"req.a\""), r.refusal());
    }

    @Test
    void requestFromClientToServiceOnReqAIsAnswered() {
        ProbeResult r = probe.request("TestClient", "TestService", "req.a");
        assertTrue(r.succeeded(), r::describe);
        assertTrue(r.delivered(), r::describe);
        assertEquals(2, r.messages().size(), r::describe);
        DeliveredMessage request = r.request().orElseThrow();
        assertEquals("TestService", request.receiver());
        assertEquals("req.a", request.subject());
        assertEquals(r.subscription(), request.replyTo(), "the service sees the client's inbox as reply subject");
        assertTrue(request.replyTo().startsWith("_INBOX."), request::toString);
        DeliveredMessage reply = r.messages().get(1);
        assertEquals(Step.DELIVER_REPLY, reply.step());
        assertEquals("TestClient", reply.receiver());
        assertEquals(request.replyTo(), reply.subject());
    }

    @Test
    void requestOnReqBFailsAtTheClientsPublish() {
        ProbeResult r = probe.request("TestClient", "TestService", "req.b");
        // The service may not even subscribe to req.b: that is the first step, and it fails first.
        assertRefused(r, Violation.Kind.SUBSCRIPTION, "req.b", Step.SUBSCRIBE);
        // With a service that may subscribe to anything, the client's own publish is what fails.
        ProbeResult viaTestUser = probe.request("TestClient", "TestUser", "req.b");
        assertRefused(viaTestUser, Violation.Kind.PUBLISH, "req.b", Step.PUBLISH_REQUEST);
        assertTrue(viaTestUser.messages().isEmpty());
        assertTrue(viaTestUser.failureMessage(true).startsWith("expected [TestClient]'s request on [req.b] to be "
                + "answered by [TestUser] but the server refused [TestClient]'s request to [req.b] with reply "
                + "subject [_INBOX."), () -> viaTestUser.failureMessage(true));
    }

    @Test
    void rolesSwappedTheClientCannotServeReqA() {
        ProbeResult r = probe.request("TestService", "TestClient", "req.a");
        assertRefused(r, Violation.Kind.SUBSCRIPTION, "req.a", Step.SUBSCRIBE);
        assertEquals("TestClient", r.actor(Step.SUBSCRIBE).name());
    }

    @Test
    void serviceCannotSubscribeToAnInboxForItsOwnRequest() {
        ProbeResult r = probe.request("TestService", "TestUser", "req.a");
        assertRefused(r, Violation.Kind.SUBSCRIPTION, r.subscription(), Step.SUBSCRIBE_INBOX);
    }

    @Test
    void clientPublishingDirectlyToTheServiceIsDelivered() {
        ProbeResult r = probe.delivery("TestClient", "req.a", "TestService", "req.a");
        assertTrue(r.delivered(), r::describe);
        ProbeResult denied = probe.delivery("TestClient", "req.b", "TestUser", "req.b");
        assertRefused(denied, Violation.Kind.PUBLISH, "req.b", Step.PUBLISH);
    }

    @Test
    void resultsDescribeWhatHappened() {
        ProbeResult ok = probe.publish("TestClient", "req.a");
        assertEquals("[TestClient] publishes to [req.a]: yes, the server accepted it: no error before the PONG of a "
                + "flush (pub allow: [req.a]; sub allow: [_INBOX.>])", ok.describe());
        assertEquals("expected [TestClient] to be refused publishing to [req.a] but the server accepted it: no error "
                + "before the PONG of a flush (pub allow: [req.a]; sub allow: [_INBOX.>])", ok.failureMessage(false));
        assertEquals("no error from the server before the PONG of a flush", ok.evidence());
    }

    @Nested
    class Failures {
        @Test
        void publishingToAWildcardIsNotAProbe() {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> probe.publish("TestClient", "req.*"));
            assertEquals("probe: cannot probe a publish to [req.*]: it contains wildcards, and messages are "
                    + "published to literal subjects. Probe a literal subject the wildcard covers, e.g. [req.x]",
                    e.getMessage());
        }

        @Test
        void malformedSubjectsAndQueuesAreNamed() {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> probe.subscribe("TestClient", "req..a"));
            assertTrue(e.getMessage().contains("[req..a]"), e.getMessage());
            InvalidInputException q = assertThrows(InvalidInputException.class,
                    () -> probe.subscribe("TestClient", "req.a", "work*"));
            assertTrue(q.getMessage().contains("invalid queue group [work*]"), q.getMessage());
            assertThrows(InvalidInputException.class, () -> probe.request("TestClient", "TestService", "req.>"));
        }

        @Test
        void unknownUsersListTheUsers() {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> probe.publish("TestClinet", "req.a"));
            assertTrue(e.getMessage().contains("[TestClinet]") && e.getMessage().contains("TestClient"),
                    e.getMessage());
        }

        @Test
        void aProbeForPlainConnectionsKnowsNoUsers() {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> PermissionProbe.forConnections().publish("TestClient", "req.a"));
            assertTrue(e.getMessage().startsWith("cannot probe user [TestClient]"), e.getMessage());
        }
    }
}
