package dev.natssandbox.testsupport;

import dev.natssandbox.probe.ViolationRecorder;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Decides allow/deny and delivered/not delivered by protocol ordering: the server answers one connection's lines in
 * order, so an {@code -ERR} for a PUB or SUB arrives before the PONG of a later flush, and a message published (and
 * flushed) before a subscriber's flush reaches it before that flush returns. The durations below only bound a
 * broken connection; no outcome depends on them.
 */
public final class Wire {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private Wire() {
    }

    /**
     * Runs an action on a sandbox connection and returns the errors the server sent for it.
     *
     * @param c      a connection opened by a sandbox (its error listener is a {@link ViolationRecorder})
     * @param action publishes or subscribes on {@code c}
     * @return the server's error texts caused by the action
     */
    public static List<String> errorsOf(Connection c, Runnable action) {
        ViolationRecorder recorder = recorder(c);
        int before = recorder.all().size();
        action.run();
        flush(c);
        List<String> all = recorder.all();
        return all.subList(before, all.size());
    }

    /**
     * Flushes and then waits until the callback thread has passed every error the server sent before the PONG.
     *
     * @param c the connection
     */
    public static void flush(Connection c) {
        try {
            c.flush(BOUND);
            c.getOptions().getCallbackExecutor().submit(() -> { }).get();
        } catch (TimeoutException | ExecutionException e) {
            fail("flush failed on " + c.getConnectedUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        }
    }

    /**
     * @param c a sandbox connection
     * @return its recorder of server errors
     */
    public static ViolationRecorder recorder(Connection c) {
        return (ViolationRecorder) c.getOptions().getErrorListener();
    }

    /**
     * Publishes from one connection and tells whether a subscription on another received it.
     *
     * @param publisher  the publishing connection
     * @param subject    the subject
     * @param subscriber the connection holding {@code sub}
     * @param sub        a subscription (already flushed to the server)
     * @return the message received, or {@code null} when none arrived
     */
    public static Message publishAndReceive(Connection publisher, String subject, Connection subscriber,
                                            Subscription sub) {
        byte[] payload = ("to " + subject).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        publisher.publish(subject, payload);
        flush(publisher);
        flush(subscriber);
        if (sub.getPendingMessageCount() == 0) {
            return null;
        }
        try {
            Message m = sub.nextMessage(BOUND);
            assertNotNull(m, "a pending message vanished");
            assertEquals(subject, m.getSubject());
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
