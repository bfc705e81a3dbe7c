package dev.natssandbox.junit;

import dev.natssandbox.callout.CalloutClients;
import dev.natssandbox.callout.CalloutRefusedException;
import dev.natssandbox.probe.PermissionProbe;
import dev.natssandbox.probe.ProbeResult;
import io.nats.client.Connection;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions that decide allow/deny against the real server, deterministically: each is one or two round trips
 * (publish or subscribe, then a flush), never a timeout. A failure names the user, shows the permissions the user
 * connected with and quotes the server:
 *
 * <pre>
 * expected [TestClient] to publish to [req.b] but the server refused: Permissions Violation for Publish to "req.b"
 * (pub allow: [req.a]; sub allow: [_INBOX.&gt;])
 * </pre>
 *
 * Every assertion returns the {@link ProbeResult} with the evidence (the server's text or the delivered message).
 * Connections injected by {@link NatsUser} or opened by a {@code Sandbox} carry their user's permissions; any other
 * jnats connection works too, with the connection's name in messages. An assertion that cannot decide (the
 * connection is closed, the server is gone) throws {@link dev.natssandbox.probe.ProbeException}, not an assertion
 * failure.
 */
public final class NatsAssertions {
    private static final PermissionProbe PROBE = PermissionProbe.forConnections();

    private NatsAssertions() {
    }

    /**
     * Publishes to {@code subject} and fails if the server refuses it.
     *
     * @param connection the user's connection
     * @param subject    a literal subject
     * @return the probe's result
     */
    public static ProbeResult assertCanPublish(Connection connection, String subject) {
        return expect(true, PROBE.publish(connection, subject));
    }

    /**
     * Publishes to {@code subject} and fails unless the server refuses it.
     *
     * @param connection the user's connection
     * @param subject    a literal subject
     * @return the probe's result, with the server's violation text
     */
    public static ProbeResult assertCannotPublish(Connection connection, String subject) {
        return expect(false, PROBE.publish(connection, subject));
    }

    /**
     * Subscribes to {@code subject} (then unsubscribes) and fails if the server refuses it.
     *
     * @param connection the user's connection
     * @param subject    a subject, wildcards allowed
     * @return the probe's result
     */
    public static ProbeResult assertCanSubscribe(Connection connection, String subject) {
        return expect(true, PROBE.subscribe(connection, subject));
    }

    /**
     * Subscribes to {@code subject} in a queue group and fails if the server refuses it.
     *
     * @param connection the user's connection
     * @param subject    a subject, wildcards allowed
     * @param queue      the queue group
     * @return the probe's result
     */
    public static ProbeResult assertCanSubscribe(Connection connection, String subject, String queue) {
        return expect(true, PROBE.subscribe(connection, subject, queue));
    }

    /**
     * Subscribes to {@code subject} and fails unless the server refuses it.
     *
     * @param connection the user's connection
     * @param subject    a subject, wildcards allowed
     * @return the probe's result, with the server's violation text
     */
    public static ProbeResult assertCannotSubscribe(Connection connection, String subject) {
        return expect(false, PROBE.subscribe(connection, subject));
    }

    /**
     * Subscribes to {@code subject} in a queue group and fails unless the server refuses it.
     *
     * @param connection the user's connection
     * @param subject    a subject, wildcards allowed
     * @param queue      the queue group
     * @return the probe's result, with the server's violation text
     */
    public static ProbeResult assertCannotSubscribe(Connection connection, String subject, String queue) {
        return expect(false, PROBE.subscribe(connection, subject, queue));
    }

    /**
     * The subscriber subscribes to {@code subject}, the publisher publishes a probe message to it; fails unless the
     * message reaches the subscriber.
     *
     * @param publisher  the publishing user's connection
     * @param subscriber the subscribing user's connection
     * @param subject    a literal subject, used for both
     * @return the probe's result, with the delivered message
     */
    public static ProbeResult assertDelivered(Connection publisher, Connection subscriber, String subject) {
        return expect(true, PROBE.delivery(publisher, subject, subscriber, subject));
    }

    /**
     * Like {@link #assertDelivered(Connection, Connection, String)} with a different subscription, e.g. a wildcard
     * or the local subject of an import.
     *
     * @param publisher    the publishing user's connection
     * @param subject      the literal subject published to
     * @param subscriber   the subscribing user's connection
     * @param subscription the subject subscribed to
     * @return the probe's result, with the delivered message
     */
    public static ProbeResult assertDelivered(Connection publisher, String subject, Connection subscriber,
                                              String subscription) {
        return expect(true, PROBE.delivery(publisher, subject, subscriber, subscription));
    }

    /**
     * Fails if a probe message the publisher sends to {@code subject} reaches the subscriber's subscription to the
     * same subject (whether because a side is refused or because nothing routes it). Decided by the subscriber's
     * own flush after the publisher's, not by waiting.
     *
     * @param publisher  the publishing user's connection
     * @param subscriber the subscribing user's connection
     * @param subject    a literal subject, used for both
     * @return the probe's result, with the step that stopped the message
     */
    public static ProbeResult assertNotDelivered(Connection publisher, Connection subscriber, String subject) {
        return expect(false, PROBE.delivery(publisher, subject, subscriber, subject));
    }

    /**
     * Like {@link #assertNotDelivered(Connection, Connection, String)} with a different subscription.
     *
     * @param publisher    the publishing user's connection
     * @param subject      the literal subject published to
     * @param subscriber   the subscribing user's connection
     * @param subscription the subject subscribed to
     * @return the probe's result
     */
    public static ProbeResult assertNotDelivered(Connection publisher, String subject, Connection subscriber,
                                                 String subscription) {
        return expect(false, PROBE.delivery(publisher, subject, subscriber, subscription));
    }

    /**
     * The service subscribes to {@code subject}, the client sends a request with an {@code _INBOX} reply subject,
     * the service replies; fails unless the reply reaches the client. This is the seed's {@code _INBOX.>} case and
     * exercises response permissions ({@code resp}).
     *
     * @param client  the requesting user's connection
     * @param service the answering user's connection
     * @param subject the request subject
     * @return the probe's result, with request and reply
     */
    public static ProbeResult assertCanRequest(Connection client, Connection service, String subject) {
        return expect(true, PROBE.request(client, service, subject));
    }

    /**
     * Fails if a request from the client on {@code subject} gets the service's reply; the result says which step
     * stopped it.
     *
     * @param client  the requesting user's connection
     * @param service the answering user's connection
     * @param subject the request subject
     * @return the probe's result, with the failed step and the server's text when it refused one
     */
    public static ProbeResult assertCannotRequest(Connection client, Connection service, String subject) {
        return expect(false, PROBE.request(client, service, subject));
    }

    /**
     * The fluent form, with the acting user first: {@code assertThat(client).cannotPublish("req.b")}.
     *
     * @param connection the user's connection
     * @return assertions about what that user can do
     */
    public static ConnectionAssert assertThat(Connection connection) {
        return new ConnectionAssert(connection);
    }

    /**
     * Connects a client with these credentials through auth callout and fails unless it is refused with exactly
     * this reason of the service. The client itself only ever gets "Authorization Violation" from nats-server; the
     * reason is the one the service gave, from the server's auth error event (see
     * {@link CalloutRefusedException#serviceReason()}).
     *
     * <pre>{@code assertRefused(clients, "mallory", "x", "mallory is not in the staff directory");}</pre>
     *
     * @param clients       the callout's clients ({@link NatsCallout @NatsCallout} injects them)
     * @param username      the user name the client sends
     * @param password      the password it sends
     * @param serviceReason the reason the service is expected to give
     * @return the refusal, with the server's full reason and what the client got
     */
    public static CalloutRefusedException assertRefused(CalloutClients clients, String username, String password,
                                                        String serviceReason) {
        CalloutRefusedException refusal;
        try {
            clients.connect(username, password);
        } catch (CalloutRefusedException e) {
            refusal = e;
            if (!serviceReason.equals(e.serviceReason())) {
                throw new AssertionFailedError("expected client [" + username + "] to be refused by auth callout "
                        + "with reason [" + serviceReason + "] but the reason was [" + e.serviceReason() + "]",
                        serviceReason, e.serviceReason(), e);
            }
            return refusal;
        }
        throw new AssertionFailedError("expected client [" + username + "] to be refused by auth callout with "
                + "reason [" + serviceReason + "] but it was admitted");
    }

    private static ProbeResult expect(boolean success, ProbeResult result) {
        if (result.succeeded() != success) {
            throw new AssertionFailedError(result.failureMessage(success));
        }
        return result;
    }
}
