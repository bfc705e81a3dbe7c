package dev.natssandbox.samples;

import dev.natssandbox.junit.Account;
import dev.natssandbox.junit.NatsAssertions;
import dev.natssandbox.junit.NatsSandbox;
import dev.natssandbox.junit.NatsUser;
import dev.natssandbox.junit.User;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;

import static dev.natssandbox.junit.NatsAssertions.assertCanRequest;
import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static dev.natssandbox.junit.NatsAssertions.assertCannotSubscribe;

/**
 * Seed 000, "User Authorization": a service that may only subscribe to {@code req.a} and publish replies to
 * {@code _INBOX.>}, and a client with the opposite permissions.
 */
@NatsSandbox(accounts = @Account(name = "TestAccount", users = {
        @User(name = "TestService", allowPub = "_INBOX.>", allowSub = "req.a"),
        @User(name = "TestClient", allowPub = "req.a", allowSub = "_INBOX.>")}))
class ServiceAndClientIT {

    @Test
    void clientRequestOnReqAIsAnsweredByTheService(@NatsUser("TestClient") Connection client,
                                                   @NatsUser("TestService") Connection service) {
        assertCanRequest(client, service, "req.a");
    }

    @Test
    void clientMayNotPublishToAnyOtherSubject(@NatsUser("TestClient") Connection client) {
        assertCannotPublish(client, "req.b");
    }

    @Test
    void serviceMayNotSubscribeToOtherRequests(@NatsUser("TestService") Connection service) {
        assertCannotSubscribe(service, "req.b");
    }

    @Test
    void aFailureNamesTheUserAndQuotesTheServer(@NatsUser("TestClient") Connection client) {
        org.opentest4j.AssertionFailedError e = org.junit.jupiter.api.Assertions.assertThrows(
                org.opentest4j.AssertionFailedError.class, () -> NatsAssertions.assertCanPublish(client, "req.b"));
        org.junit.jupiter.api.Assertions.assertEquals("expected [TestClient] to publish to [req.b] but the server "
                + "refused: Permissions Violation for Publish to \"req.b\" (pub allow: [req.a]; sub allow: [_INBOX.>])",
                e.getMessage());
    }
}
