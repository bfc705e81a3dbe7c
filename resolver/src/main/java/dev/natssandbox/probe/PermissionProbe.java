package dev.natssandbox.probe;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.model.Subjects;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NUID;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static dev.natssandbox.probe.ProbeResult.Operation;
import static dev.natssandbox.probe.ProbeResult.Step;

/**
 * Answers "may user U publish to S?", "does a message on S reach V?" against the running server, deterministically:
 * no sleep, no timeout decides anything.
 *
 * <pre>{@code
 * PermissionProbe probe = sandbox.probe();
 * probe.publish("TestClient", "req.b").allowed();                 // false: the server refused it
 * probe.request("TestClient", "TestService", "req.a").succeeded(); // true: request and reply went through
 * PermissionProbe.forConnections().publish(connection, "hello");   // any jnats connection
 * }</pre>
 *
 * <p>How it decides: nats-server handles one connection's protocol lines in order, so the {@code -ERR} for a PUB
 * or SUB arrives before the PONG of a PING sent after it; a probe operation is therefore followed by a flush, and it
 * was refused iff a matching permissions violation (same kind, subject and queue) arrived before flush returned.
 * Likewise a message the server delivers to a subscriber is queued on the subscriber's connection before the PONG
 * of the subscriber's own flush that follows the publisher's flush: not in the subscription then means not
 * delivered. The flush timeout is only a safety net (the server is gone); reaching it throws
 * {@link ProbeException}, it never means "denied".
 *
 * <p>Probes serialize per connection and run in parallel across connections. Errors that arrive during a probe
 * but are about something else (another thread using the same connection) are kept in
 * {@link ProbeResult#otherErrors()}. Connections with a {@link ViolationRecorder} error listener (every sandbox
 * connection has one) give the exact texts; for others the probe uses jnats' error count and last error, and
 * throws {@link ProbeException} rather than guess when several errors arrived at once.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PermissionProbe {
    /** The default safety net for a flush: how long to wait for a server that may be gone. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ProbeUsers users;
    private final Duration timeout;

    private PermissionProbe(ProbeUsers users, Duration timeout) {
        this.users = Objects.requireNonNull(users, "users");
        this.timeout = timeout;
    }

    /**
     * @param users where user names lead (a sandbox supplies this)
     * @return a probe that takes user names as well as connections
     */
    public static PermissionProbe of(ProbeUsers users) {
        return new PermissionProbe(users, DEFAULT_TIMEOUT);
    }

    /** @return a probe for plain connections (probes by user name are refused) */
    public static PermissionProbe forConnections() {
        return of(ProbeUsers.NONE);
    }

    /**
     * @param safetyNet how long a flush may wait before the probe gives up with {@link ProbeException}
     * @return a copy with that timeout
     */
    public PermissionProbe withTimeout(Duration safetyNet) {
        if (safetyNet == null || safetyNet.isNegative() || safetyNet.isZero()) {
            throw new InvalidInputException("probe timeout [" + safetyNet + "] must be positive, e.g. PT10S");
        }
        return new PermissionProbe(users, safetyNet);
    }

    // ---- publish ----

    /**
     * @param user    a user name
     * @param subject a literal subject
     * @return allowed iff no publish violation for the subject arrived before the flush's PONG
     */
    public ProbeResult publish(String user, String subject) {
        return publish(channel(user), subject);
    }

    /**
     * @param connection any connection
     * @param subject    a literal subject
     * @return allowed iff no publish violation for the subject arrived before the flush's PONG
     */
    public ProbeResult publish(Connection connection, String subject) {
        return publish(channel(connection), subject);
    }

    private ProbeResult publish(ProbeChannel ch, String subject) {
        literal("publish to", subject);
        return run(ch, ch, () -> {
            ProbeChannel.Outcome o = ch.publish(subject, null, payload());
            return result(Operation.PUBLISH, List.of(ch.user()), subject, subject, "",
                    o.refusal().map(r -> Step.PUBLISH), o.refusal(), List.of(), o.others());
        });
    }

    // ---- subscribe ----

    /**
     * @param user    a user name
     * @param subject a subject, wildcards allowed
     * @return allowed iff the server sent no subscription violation for it before the flush's PONG
     */
    public ProbeResult subscribe(String user, String subject) {
        return subscribe(channel(user), subject, "");
    }

    /**
     * @param user    a user name
     * @param subject a subject, wildcards allowed
     * @param queue   a queue group name
     * @return allowed iff the server sent no violation for the queue subscription before the flush's PONG
     */
    public ProbeResult subscribe(String user, String subject, String queue) {
        return subscribe(channel(user), subject, requireQueue(queue));
    }

    /**
     * @param connection any connection
     * @param subject    a subject, wildcards allowed
     * @return allowed iff the server sent no subscription violation for it before the flush's PONG
     */
    public ProbeResult subscribe(Connection connection, String subject) {
        return subscribe(channel(connection), subject, "");
    }

    /**
     * @param connection any connection
     * @param subject    a subject, wildcards allowed
     * @param queue      a queue group name
     * @return allowed iff the server sent no violation for the queue subscription before the flush's PONG
     */
    public ProbeResult subscribe(Connection connection, String subject, String queue) {
        return subscribe(channel(connection), subject, requireQueue(queue));
    }

    private ProbeResult subscribe(ProbeChannel ch, String subject, String queue) {
        valid("subscription to", subject);
        return run(ch, ch, () -> {
            ProbeChannel.Subscribed s = ch.subscribe(subject, queue);
            ch.unsubscribe(s.subscription());
            ProbeChannel.Outcome o = s.outcome();
            return result(Operation.SUBSCRIBE, List.of(ch.user()), subject, subject, queue,
                    o.refusal().map(r -> Step.SUBSCRIBE), o.refusal(), List.of(), o.others());
        });
    }

    // ---- delivery ----

    /**
     * The subscriber subscribes to {@code subscription} and flushes; the publisher publishes a unique payload to
     * {@code subject} and flushes; the subscriber flushes again. Delivered iff the payload is then in the
     * subscription, whatever subject it arrived on (imports may map it). Fails at the subscriber's or the
     * publisher's step when the server refused it.
     *
     * @param publisher    a user name
     * @param subject      a literal subject to publish to
     * @param subscriber   a user name (may be the publisher)
     * @param subscription what the subscriber subscribes to, wildcards allowed
     * @return the result
     */
    public ProbeResult delivery(String publisher, String subject, String subscriber, String subscription) {
        return delivery(channel(publisher), subject, channel(subscriber), subscription);
    }

    /**
     * As {@link #delivery(String, String, String, String)}, on connections.
     *
     * @param publisher    a connection
     * @param subject      a literal subject to publish to
     * @param subscriber   a connection (may be the publisher)
     * @param subscription what the subscriber subscribes to, wildcards allowed
     * @return the result
     */
    public ProbeResult delivery(Connection publisher, String subject, Connection subscriber, String subscription) {
        return delivery(channel(publisher), subject, channel(subscriber), subscription);
    }

    private ProbeResult delivery(ProbeChannel pub, String subject, ProbeChannel sub, String subscription) {
        literal("publish to", subject);
        valid("subscription to", subscription);
        List<ProbeUser> who = List.of(pub.user(), sub.user());
        return run(pub, sub, () -> {
            List<String> others = new ArrayList<>();
            ProbeChannel.Subscribed s = sub.subscribe(subscription, "");
            try {
                others.addAll(s.outcome().others());
                if (s.outcome().refusal().isPresent()) {
                    return result(Operation.DELIVERY, who, subject, subscription, "", Optional.of(Step.SUBSCRIBE),
                            s.outcome().refusal(), List.of(), others);
                }
                byte[] payload = payload();
                ProbeChannel.Outcome p = pub.publish(subject, null, payload);
                others.addAll(p.others());
                if (p.refusal().isPresent()) {
                    return result(Operation.DELIVERY, who, subject, subscription, "", Optional.of(Step.PUBLISH),
                            p.refusal(), List.of(), others);
                }
                sub.flush();
                Optional<Message> m = sub.take(s.subscription(), payload);
                return result(Operation.DELIVERY, who, subject, subscription, "",
                        m.isPresent() ? Optional.empty() : Optional.of(Step.DELIVER), Optional.empty(),
                        m.map(x -> List.of(sub.delivered(Step.DELIVER, x))).orElse(List.of()), others);
            } finally {
                sub.unsubscribe(s.subscription());
            }
        });
    }

    // ---- request ----

    /**
     * A request and its reply, step by step: the service subscribes to {@code subject}; the client subscribes to a
     * fresh inbox ({@code _INBOX.<nuid>} by default); the client publishes a request with that inbox as reply
     * subject; the service (after its own flush) must have it; the service publishes the reply to the request's
     * reply subject — which exercises its {@code _INBOX.>} publish or {@code resp} response permission; the client
     * (after its own flush) must have the reply. The result names the first step that failed.
     *
     * @param client  a user name
     * @param service a user name
     * @param subject a literal subject the request goes to
     * @return the result; {@link ProbeResult#request()} is the request as the service saw it
     */
    public ProbeResult request(String client, String service, String subject) {
        return request(channel(client), channel(service), subject);
    }

    /**
     * As {@link #request(String, String, String)}, on connections.
     *
     * @param client  a connection
     * @param service a connection
     * @param subject a literal subject the request goes to
     * @return the result
     */
    public ProbeResult request(Connection client, Connection service, String subject) {
        return request(channel(client), channel(service), subject);
    }

    private ProbeResult request(ProbeChannel client, ProbeChannel service, String subject) {
        literal("request to", subject);
        List<ProbeUser> who = List.of(client.user(), service.user());
        String inbox = client.connection().createInbox();
        return run(client, service, () -> {
            List<String> others = new ArrayList<>();
            List<DeliveredMessage> seen = new ArrayList<>();
            ProbeChannel.Subscribed svc = service.subscribe(subject, "");
            ProbeChannel.Subscribed box = null;
            try {
                others.addAll(svc.outcome().others());
                if (svc.outcome().refusal().isPresent()) {
                    return result(Operation.REQUEST, who, subject, inbox, "", Optional.of(Step.SUBSCRIBE),
                            svc.outcome().refusal(), seen, others);
                }
                box = client.subscribe(inbox, "");
                others.addAll(box.outcome().others());
                if (box.outcome().refusal().isPresent()) {
                    return result(Operation.REQUEST, who, subject, inbox, "", Optional.of(Step.SUBSCRIBE_INBOX),
                            box.outcome().refusal(), seen, others);
                }
                byte[] question = payload();
                ProbeChannel.Outcome asked = client.publish(subject, inbox, question);
                others.addAll(asked.others());
                if (asked.refusal().isPresent()) {
                    return result(Operation.REQUEST, who, subject, inbox, "", Optional.of(Step.PUBLISH_REQUEST),
                            asked.refusal(), seen, others);
                }
                service.flush();
                Optional<Message> request = service.take(svc.subscription(), question);
                if (request.isEmpty()) {
                    return result(Operation.REQUEST, who, subject, inbox, "", Optional.of(Step.DELIVER_REQUEST),
                            Optional.empty(), seen, others);
                }
                seen.add(service.delivered(Step.DELIVER_REQUEST, request.get()));
                String replyTo = request.get().getReplyTo();
                if (replyTo == null || replyTo.isEmpty()) {
                    throw new ProbeException("the request reached [" + service.user().name() + "] without a reply "
                            + "subject; the server dropped it");
                }
                byte[] answer = payload();
                ProbeChannel.Outcome replied = service.publish(replyTo, null, answer);
                others.addAll(replied.others());
                if (replied.refusal().isPresent()) {
                    return result(Operation.REQUEST, who, subject, inbox, "", Optional.of(Step.PUBLISH_REPLY),
                            replied.refusal(), seen, others);
                }
                client.flush();
                Optional<Message> reply = client.take(box.subscription(), answer);
                reply.ifPresent(r -> seen.add(client.delivered(Step.DELIVER_REPLY, r)));
                return result(Operation.REQUEST, who, subject, inbox, "",
                        reply.isPresent() ? Optional.empty() : Optional.of(Step.DELIVER_REPLY), Optional.empty(),
                        seen, others);
            } finally {
                service.unsubscribe(svc.subscription());
                if (box != null) {
                    client.unsubscribe(box.subscription());
                }
            }
        });
    }

    // ---- plumbing ----

    private interface Body {
        ProbeResult run() throws InterruptedException;
    }

    private static ProbeResult run(ProbeChannel a, ProbeChannel b, Body body) {
        try {
            ConnectionLocks.Held held = ConnectionLocks.lock(a.connection(), b.connection());
            try {
                return body.run();
            } finally {
                held.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException("interrupted while probing as [" + a.user().name() + "]", e);
        }
    }

    private static ProbeResult result(Operation op, List<ProbeUser> who, String subject, String subscription,
                                      String queue, Optional<Step> failed, Optional<String> refusal,
                                      List<DeliveredMessage> messages, List<String> others) {
        return new ProbeResult(op, who, subject, subscription, queue, failed, refusal, messages, others);
    }

    private ProbeChannel channel(String user) {
        Connection c = users.connection(user);
        return new ProbeChannel(c, users.user(user), timeout);
    }

    private ProbeChannel channel(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return new ProbeChannel(connection, users.user(connection), timeout);
    }

    private static byte[] payload() {
        return ("nats-sandbox probe " + NUID.nextGlobal()).getBytes(StandardCharsets.UTF_8);
    }

    private static void literal(String what, String subject) {
        valid(what, subject);
        if (Subjects.hasWildcards(subject)) {
            throw new InvalidInputException("probe", "cannot probe a " + what + " [" + subject + "]: it contains "
                    + "wildcards, and messages are published to literal subjects. Probe a literal subject the "
                    + "wildcard covers, e.g. [" + subject.replace("*", "x").replace(">", "x") + "]", null);
        }
    }

    private static void valid(String what, String subject) {
        String problem = Subjects.problem(subject);
        if (problem != null) {
            throw new InvalidInputException("probe", "cannot probe a " + what + " [" + subject + "]: " + problem
                    + ". Use a NATS subject such as [req.a]", null);
        }
    }

    private static String requireQueue(String queue) {
        String problem = Subjects.problem(queue);
        if (problem != null || Subjects.hasWildcards(queue)) {
            throw new InvalidInputException("probe", "invalid queue group [" + queue + "]: " + (problem != null
                    ? problem : "a queue group cannot contain wildcards") + ". Use a name such as [workers]", null);
        }
        return queue;
    }

    @Override
    public String toString() {
        return "PermissionProbe[timeout " + timeout + "]";
    }
}
