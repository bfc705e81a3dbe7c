package dev.natssandbox.samples;

import dev.natssandbox.junit.Account;
import dev.natssandbox.junit.NatsAssertions;
import dev.natssandbox.junit.NatsSandbox;
import dev.natssandbox.junit.NatsUser;
import dev.natssandbox.junit.User;
import dev.natssandbox.probe.ProbeResult;
import dev.natssandbox.probe.Violation;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static dev.natssandbox.junit.NatsAssertions.assertCanRequest;
import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static dev.natssandbox.junit.NatsAssertions.assertCannotRequest;
import static dev.natssandbox.junit.NatsAssertions.assertCannotSubscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 000, "User Authorization": a service that may only subscribe to {@code req.a} and publish replies to
 * {@code _INBOX.>}, and a client with the opposite permissions.
 *
 * <pre>
 * nsc add user --name TestService --allow-pub "_INBOX.&gt;" --allow-sub "req.a"
 * nsc add user --name TestClient  --allow-pub "req.a"    --allow-sub "_INBOX.&gt;"
 * </pre>
 *
 * The annotations read like those commands. The request works because both sides got exactly what request/reply
 * needs: the client publishes the request and receives the reply on its inbox; the service receives the request
 * and publishes the reply to that inbox. Every other direction is refused by the server, and each refusal below is
 * decided by protocol ordering (the server's {@code -ERR} arrives before the PONG of a flush), never by a timeout.
 * {@code TestUser} ({@code nsc add user -n TestUser}) has no permissions at all and serves as the unrestricted
 * counterpart.
 */
@NatsSandbox(accounts = @Account(name = "TestAccount", users = {
        @User(name = "TestUser"),
        @User(name = "TestService", allowPub = "_INBOX.>", allowSub = "req.a"),
        @User(name = "TestClient", allowPub = "req.a", allowSub = "_INBOX.>")}))
class ServiceAndClientIT {

    @Test
    void clientRequestOnReqAIsAnsweredByTheService(@NatsUser("TestClient") Connection client,
                                                   @NatsUser("TestService") Connection service) {
        ProbeResult result = assertCanRequest(client, service, "req.a");

        // The reply goes to the client's inbox: the one place the service may publish to.
        assertTrue(result.request().orElseThrow().replyTo().startsWith("_INBOX."), result.describe());
    }

    // ---- what the client may not do ----

    @Test
    void clientMayNotPublishToAnyOtherSubject(@NatsUser("TestClient") Connection client) {
        assertCannotPublish(client, "req.b");
    }

    /**
     * Seen from the requester: whoever would answer on {@code req.b} ({@code TestUser} may subscribe to it), the
     * client's request never leaves, because the server refuses the client's publish.
     */
    @Test
    void clientRequestOnReqBIsRefusedAtItsPublish(@NatsUser("TestClient") Connection client,
                                                  @NatsUser("TestUser") Connection anyone) {
        ProbeResult result = assertCannotRequest(client, anyone, "req.b");

        assertEquals(ProbeResult.Step.PUBLISH_REQUEST, result.failedStep().orElseThrow());
        assertEquals("req.b", result.violation().map(Violation::subject).orElseThrow());
    }

    /** The client cannot listen in on requests, neither on {@code req.a} nor on everything. */
    @Test
    void clientMayNotSubscribeToRequests(@NatsUser("TestClient") Connection client) {
        assertCannotSubscribe(client, "req.a");
        assertCannotSubscribe(client, ">");
    }

    // ---- what the service may not do ----

    /** The service answers requests; it cannot make them (nor publish anything else outside inboxes). */
    @Test
    void serviceMayNotPublishRequests(@NatsUser("TestService") Connection service) {
        assertCannotPublish(service, "req.a");
        assertCannotPublish(service, "hello");
    }

    @Test
    void serviceMayNotSubscribeToOtherRequests(@NatsUser("TestService") Connection service) {
        assertCannotSubscribe(service, "req.b");
    }

    /** A request on {@code req.b} has nobody to answer it: the service's subscription is the step refused. */
    @Test
    void serviceCannotAnswerOnReqB(@NatsUser("TestClient") Connection client,
                                   @NatsUser("TestService") Connection service) {
        ProbeResult result = assertCannotRequest(client, service, "req.b");

        assertEquals(ProbeResult.Step.SUBSCRIBE, result.failedStep().orElseThrow());
    }

    // ---- the unrestricted user, and the probe by name ----

    /** Permissions belong to users, not subjects: {@code TestUser} may request {@code req.a} too. */
    @Test
    void aUserWithoutPermissionsMayRequestTheServiceToo(@NatsUser("TestUser") Connection user,
                                                        @NatsUser("TestService") Connection service) {
        assertCanRequest(user, service, "req.a");
    }

    /**
     * Without JUnit assertions: {@code sandbox.probe()} checks by user name and returns the evidence — the
     * server's text and the permissions the user connected with.
     */
    @Test
    void theProbeAnswersByUserName(Sandbox sandbox) {
        ProbeResult result = sandbox.probe().publish("TestClient", "req.b");

        assertFalse(result.allowed());
        assertEquals("Permissions Violation for Publish to \"req.b\"", result.refusal().orElseThrow());
        assertTrue(sandbox.probe().publish("TestClient", "req.a").allowed());
    }

    /** What a failing assertion prints: who, what, the server's words, and the permissions in force. */
    @Test
    void aFailureNamesTheUserAndQuotesTheServer(@NatsUser("TestClient") Connection client) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> NatsAssertions.assertCanPublish(client, "req.b"));

        assertEquals("expected [TestClient] to publish to [req.b] but the server refused: Permissions Violation for "
                + "Publish to \"req.b\" (pub allow: [req.a]; sub allow: [_INBOX.>])", e.getMessage());
    }
}
