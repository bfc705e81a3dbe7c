package dev.natssandbox.probe;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.support.Status;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ErrorListener} that keeps the error texts the server sent on each connection, in arrival order, so that
 * a {@link PermissionProbe} can tell which {@code -ERR} belongs to which operation. Sandbox connections carry one; a
 * delegate listener, when given, still sees every callback.
 *
 * <p>Install it as the connection's error listener before connecting ({@code Options.Builder.errorListener}); the
 * probe finds it through the connection's options. jnats counts every server error synchronously in the reader
 * ({@code Statistics.getErrs()}) and then calls this listener on the connection's callback executor, in the same
 * order, so the n-th text recorded for a connection is its n-th error. One recorder may serve several connections;
 * each keeps its own sequence. Only the most recent {@value #RETAINED} texts per connection are kept.
 */
public final class ViolationRecorder implements ErrorListener {
    /** How many error texts are kept per connection. */
    public static final int RETAINED = 1000;

    private static final System.Logger LOG = System.getLogger(ViolationRecorder.class.getName());

    private final String owner;
    private final ProbeUser user;
    private final ErrorListener delegate;
    private final Map<Connection, Errors> byConnection = new IdentityHashMap<>();

    /** One connection's errors: the retained tail and how many were received in all. */
    private static final class Errors {
        final ArrayDeque<String> texts = new ArrayDeque<>();
        long received;
    }

    /**
     * @param owner    the user the connection belongs to, for log lines
     * @param delegate another listener to call as well, or {@code null}
     */
    public ViolationRecorder(String owner, ErrorListener delegate) {
        this.owner = owner;
        this.user = null;
        this.delegate = delegate;
    }

    /**
     * @param user     the user the connection belongs to, with the permissions it connected with (a user's own
     *                 permissions are fixed when it connects, so they stay right for the connection's life)
     * @param delegate another listener to call as well, or {@code null}
     */
    public ViolationRecorder(ProbeUser user, ErrorListener delegate) {
        this.owner = user.name();
        this.user = user;
        this.delegate = delegate;
    }

    /** @return the user the connection belongs to */
    public String owner() {
        return owner;
    }

    /** @return the user and the permissions it connected with, when the recorder was given them */
    public java.util.Optional<ProbeUser> user() {
        return java.util.Optional.ofNullable(user);
    }

    /**
     * @param connection a connection this recorder listens to
     * @return how many error callbacks it has received for that connection (retained or not)
     */
    public synchronized long count(Connection connection) {
        Errors e = byConnection.get(connection);
        return e == null ? 0 : e.received;
    }

    /**
     * @param connection a connection this recorder listens to
     * @return the retained error texts of that connection, oldest first
     */
    public synchronized List<String> errors(Connection connection) {
        Errors e = byConnection.get(connection);
        return e == null ? List.of() : List.copyOf(e.texts);
    }

    /** @return every retained error text of every connection */
    public synchronized List<String> all() {
        List<String> all = new ArrayList<>();
        byConnection.values().forEach(e -> all.addAll(e.texts));
        return List.copyOf(all);
    }

    /**
     * The texts of a connection's errors number {@code from} (inclusive) to {@code to} (exclusive), counting from 0
     * at the connection's first error; those no longer retained are left out.
     */
    synchronized List<String> errors(Connection connection, long from, long to) {
        Errors e = byConnection.get(connection);
        if (e == null) {
            return List.of();
        }
        long first = e.received - e.texts.size();
        List<String> out = new ArrayList<>();
        long i = first;
        for (String t : e.texts) {
            if (i >= from && i < to) {
                out.add(t);
            }
            i++;
        }
        return out;
    }

    /**
     * Waits until at least {@code count} errors of the connection have been recorded. With jnats' default
     * single-thread callback executor they already have once a barrier task has run; this covers executors that
     * run callbacks on several threads.
     *
     * @return whether they were recorded within the timeout
     */
    synchronized boolean awaitCount(Connection connection, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(connection) < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        synchronized (this) {
            Errors e = byConnection.computeIfAbsent(conn, c -> new Errors());
            e.texts.addLast(error);
            e.received++;
            if (e.texts.size() > RETAINED) {
                e.texts.removeFirst();
            }
            notifyAll();
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "[" + owner + "] server error: " + error);
        if (delegate != null) {
            delegate.errorOccurred(conn, error);
        }
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        LOG.log(System.Logger.Level.DEBUG, () -> "[" + owner + "] connection exception: " + exp);
        if (delegate != null) {
            delegate.exceptionOccurred(conn, exp);
        }
    }

    @Override
    public void slowConsumerDetected(Connection conn, Consumer consumer) {
        if (delegate != null) {
            delegate.slowConsumerDetected(conn, consumer);
        }
    }

    @Override
    public void messageDiscarded(Connection conn, Message msg) {
        if (delegate != null) {
            delegate.messageDiscarded(conn, msg);
        }
    }

    @Override
    public void heartbeatAlarm(Connection conn, JetStreamSubscription sub, long lastStreamSequence,
                               long lastConsumerSequence) {
        if (delegate != null) {
            delegate.heartbeatAlarm(conn, sub, lastStreamSequence, lastConsumerSequence);
        }
    }

    @Override
    public void unhandledStatus(Connection conn, JetStreamSubscription sub, Status status) {
        if (delegate != null) {
            delegate.unhandledStatus(conn, sub, status);
        }
    }

    @Override
    public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
        if (delegate != null) {
            delegate.pullStatusWarning(conn, sub, status);
        }
    }

    @Override
    public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
        if (delegate != null) {
            delegate.pullStatusError(conn, sub, status);
        }
    }

    @Override
    public void flowControlProcessed(Connection conn, JetStreamSubscription sub, String subject,
                                     FlowControlSource source) {
        if (delegate != null) {
            delegate.flowControlProcessed(conn, sub, subject, source);
        }
    }

    @Override
    public void socketWriteTimeout(Connection conn) {
        if (delegate != null) {
            delegate.socketWriteTimeout(conn);
        }
    }

    @Override
    public String toString() {
        return "ViolationRecorder[" + owner + "]";
    }
}
