package dev.natssandbox.probe;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One user's connection as a probe uses it: an operation, then a flush, then the errors that arrived before the
 * flush's PONG. The caller holds the connection's lock ({@link ConnectionLocks}).
 */
final class ProbeChannel {
    private static final String TOO_MANY_SUBS = "maximum subscriptions exceeded";

    private final Connection connection;
    private final ProbeUser user;
    private final Duration timeout;

    /**
     * @param refusal the error that refused the operation, if one did
     * @param others  errors in the same window that were about something else
     */
    record Outcome(Optional<String> refusal, List<String> others) {
    }

    /** A subscription made by a probe, and whether the server refused it. */
    record Subscribed(Subscription subscription, Outcome outcome) {
    }

    ProbeChannel(Connection connection, ProbeUser user, Duration timeout) {
        this.connection = connection;
        this.user = user;
        this.timeout = timeout;
    }

    ProbeUser user() {
        return user;
    }

    Connection connection() {
        return connection;
    }

    /** Publishes and flushes; refused iff the server sent a publish violation for this subject (or reply). */
    Outcome publish(String subject, String reply, byte[] payload) throws InterruptedException {
        requireConnected();
        ErrorWindow window = ErrorWindow.open(connection, user.name(), timeout);
        connection.publish(subject, reply, payload);
        flush();
        return judge(window.close(), "publish to [" + subject + "]", text -> Violation.parse(text)
                .filter(v -> (v.kind() == Violation.Kind.PUBLISH && v.subject().equals(subject))
                        || (reply != null && v.kind() == Violation.Kind.PUBLISH_WITH_REPLY
                        && v.subject().equals(reply)))
                .isPresent());
    }

    /**
     * Subscribes and flushes; refused iff the server sent a subscription violation for this subject and queue, or
     * refused it for the subscription limit. The subscription is returned either way; the caller unsubscribes it.
     */
    Subscribed subscribe(String subject, String queue) throws InterruptedException {
        requireConnected();
        ErrorWindow window = ErrorWindow.open(connection, user.name(), timeout);
        Subscription s = queue.isEmpty() ? connection.subscribe(subject) : connection.subscribe(subject, queue);
        try {
            flush();
            Outcome o = judge(window.close(), "subscription to [" + subject + "]", text -> text.strip()
                    .equalsIgnoreCase(TOO_MANY_SUBS) || Violation.parse(text)
                    .filter(v -> v.kind() == Violation.Kind.SUBSCRIPTION && v.subject().equals(subject)
                            && v.queue().equals(queue))
                    .isPresent());
            return new Subscribed(s, o);
        } catch (RuntimeException | InterruptedException e) {
            unsubscribe(s);
            throw e;
        }
    }

    /**
     * Sends PING and waits for PONG: the server has then handled everything sent before, and every -ERR and MSG it
     * sent in answer has been read. The timeout is only a safety net for a server that is gone.
     */
    void flush() throws InterruptedException {
        long reconnects = connection.getStatistics().getReconnects();
        try {
            connection.flush(timeout);
        } catch (TimeoutException e) {
            throw new ProbeException("the server did not answer [" + user.name() + "]'s flush within " + timeout
                    + " (connection " + connection.getStatus() + "); is the server still running?", e);
        }
        // jnats returns from a flush without a PONG when the connection dropped meanwhile.
        if (connection.getStatus() != Connection.Status.CONNECTED
                || connection.getStatistics().getReconnects() != reconnects) {
            throw new ProbeException("the connection of [" + user.name() + "] was lost during the probe (now "
                    + connection.getStatus() + "); the probe cannot decide. Is the server still running?");
        }
    }

    /**
     * Takes the messages that have arrived in the subscription (call after a flush of this connection) and returns
     * the one carrying the payload.
     */
    Optional<Message> take(Subscription s, byte[] payload) throws InterruptedException {
        Message found = null;
        for (long pending = s.getPendingMessageCount(); pending > 0; pending--) {
            // The messages are already queued: the wait bound is never reached.
            Message m = s.nextMessage(Duration.ofMillis(1));
            if (m == null) {
                break;
            }
            if (found == null && Arrays.equals(m.getData(), payload)) {
                found = m;
            }
        }
        if (found == null && s.getDroppedCount() > 0) {
            throw new ProbeException("the probe subscription of [" + user.name() + "] dropped " + s.getDroppedCount()
                    + " message(s) (pending limit reached); cannot tell whether the probe message was delivered");
        }
        return Optional.ofNullable(found);
    }

    void unsubscribe(Subscription s) {
        try {
            if (s.isActive()) {
                s.unsubscribe();
            }
        } catch (IllegalStateException ignored) {
            // the connection is closing: the subscription goes with it
        }
    }

    DeliveredMessage delivered(ProbeResult.Step step, Message m) {
        return new DeliveredMessage(step, user.name(), m.getSubject(), m.getReplyTo(),
                new String(m.getData(), StandardCharsets.UTF_8));
    }

    private void requireConnected() {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            throw new ProbeException("the connection of [" + user.name() + "] is " + connection.getStatus()
                    + "; a probe needs a connected connection");
        }
    }

    private Outcome judge(ErrorWindow.Errors errors, String what, Predicate<String> refuses) {
        String refusal = null;
        List<String> others = new ArrayList<>();
        for (String text : errors.texts()) {
            if (refusal == null && refuses.test(text)) {
                refusal = text.strip();
            } else {
                others.add(text);
            }
        }
        if (refusal == null && errors.unseen() > 0) {
            throw new ProbeException(errors.unseen() + " server error(s) arrived on the connection of [" + user.name()
                    + "] during its " + what + " but their text is unknown (jnats keeps only the last error: "
                    + errors.texts() + "), so the probe cannot tell whether the server refused it. Give the "
                    + "connection a ViolationRecorder error listener (Options.Builder.errorListener)");
        }
        return new Outcome(Optional.ofNullable(refusal), others);
    }
}
