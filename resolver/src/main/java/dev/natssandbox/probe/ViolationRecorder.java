package dev.natssandbox.probe;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link ErrorListener} that keeps every error text the server sent on one connection, in order, so that a probe
 * can tell which {@code -ERR} belongs to which operation. Sandbox connections carry one; a delegate listener, when
 * given, still sees every callback.
 */
public final class ViolationRecorder implements ErrorListener {
    private static final System.Logger LOG = System.getLogger(ViolationRecorder.class.getName());

    private final String owner;
    private final ErrorListener delegate;
    private final List<String> errors = new ArrayList<>();

    /**
     * @param owner    the user the connection belongs to, for log lines
     * @param delegate another listener to call as well, or {@code null}
     */
    public ViolationRecorder(String owner, ErrorListener delegate) {
        this.owner = owner;
        this.delegate = delegate;
    }

    /** @return the user the connection belongs to */
    public String owner() {
        return owner;
    }

    /** @return how many errors have been recorded so far (a mark for {@link #since(int)}) */
    public synchronized int mark() {
        return errors.size();
    }

    /**
     * @param mark a value of {@link #mark()}
     * @return the error texts recorded after that mark
     */
    public synchronized List<String> since(int mark) {
        return List.copyOf(errors.subList(Math.min(mark, errors.size()), errors.size()));
    }

    /** @return every error text recorded */
    public synchronized List<String> all() {
        return List.copyOf(errors);
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        synchronized (this) {
            errors.add(error);
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
}
