package dev.natssandbox.junit;

import io.nats.client.Connection;

import java.util.Objects;

/**
 * The fluent form of {@link NatsAssertions}: the user acting comes first, so argument order cannot be confused.
 * Each method asserts as its static counterpart does and returns this, so that checks chain:
 *
 * <pre>{@code
 * assertThat(client).canPublish("req.a").cannotPublish("req.b").canRequestFrom(service, "req.a");
 * assertThat(publisher).deliversTo(subscriber, "hello");
 * }</pre>
 */
public final class ConnectionAssert {
    private final Connection connection;

    ConnectionAssert(Connection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * @param subject a literal subject
     * @return this
     * @see NatsAssertions#assertCanPublish(Connection, String)
     */
    public ConnectionAssert canPublish(String subject) {
        NatsAssertions.assertCanPublish(connection, subject);
        return this;
    }

    /**
     * @param subject a literal subject
     * @return this
     * @see NatsAssertions#assertCannotPublish(Connection, String)
     */
    public ConnectionAssert cannotPublish(String subject) {
        NatsAssertions.assertCannotPublish(connection, subject);
        return this;
    }

    /**
     * @param subject a subject, wildcards allowed
     * @return this
     * @see NatsAssertions#assertCanSubscribe(Connection, String)
     */
    public ConnectionAssert canSubscribe(String subject) {
        NatsAssertions.assertCanSubscribe(connection, subject);
        return this;
    }

    /**
     * @param subject a subject, wildcards allowed
     * @param queue   the queue group
     * @return this
     * @see NatsAssertions#assertCanSubscribe(Connection, String, String)
     */
    public ConnectionAssert canSubscribe(String subject, String queue) {
        NatsAssertions.assertCanSubscribe(connection, subject, queue);
        return this;
    }

    /**
     * @param subject a subject, wildcards allowed
     * @return this
     * @see NatsAssertions#assertCannotSubscribe(Connection, String)
     */
    public ConnectionAssert cannotSubscribe(String subject) {
        NatsAssertions.assertCannotSubscribe(connection, subject);
        return this;
    }

    /**
     * @param subject a subject, wildcards allowed
     * @param queue   the queue group
     * @return this
     * @see NatsAssertions#assertCannotSubscribe(Connection, String, String)
     */
    public ConnectionAssert cannotSubscribe(String subject, String queue) {
        NatsAssertions.assertCannotSubscribe(connection, subject, queue);
        return this;
    }

    /**
     * This connection publishes to {@code subject}; the subscriber's subscription to it must receive the message.
     *
     * @param subscriber the subscribing user's connection
     * @param subject    a literal subject
     * @return this
     * @see NatsAssertions#assertDelivered(Connection, Connection, String)
     */
    public ConnectionAssert deliversTo(Connection subscriber, String subject) {
        NatsAssertions.assertDelivered(connection, subscriber, subject);
        return this;
    }

    /**
     * This connection publishes to {@code subject}; the subscriber's subscription to it must not receive it.
     *
     * @param subscriber the subscribing user's connection
     * @param subject    a literal subject
     * @return this
     * @see NatsAssertions#assertNotDelivered(Connection, Connection, String)
     */
    public ConnectionAssert doesNotDeliverTo(Connection subscriber, String subject) {
        NatsAssertions.assertNotDelivered(connection, subscriber, subject);
        return this;
    }

    /**
     * This connection requests on {@code subject}; the service's reply must come back.
     *
     * @param service the answering user's connection
     * @param subject the request subject
     * @return this
     * @see NatsAssertions#assertCanRequest(Connection, Connection, String)
     */
    public ConnectionAssert canRequestFrom(Connection service, String subject) {
        NatsAssertions.assertCanRequest(connection, service, subject);
        return this;
    }

    /**
     * This connection requests on {@code subject}; the service's reply must not come back.
     *
     * @param service the answering user's connection
     * @param subject the request subject
     * @return this
     * @see NatsAssertions#assertCannotRequest(Connection, Connection, String)
     */
    public ConnectionAssert cannotRequestFrom(Connection service, String subject) {
        NatsAssertions.assertCannotRequest(connection, service, subject);
        return this;
    }
}
