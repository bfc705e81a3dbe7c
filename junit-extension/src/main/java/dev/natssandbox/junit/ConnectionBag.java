package dev.natssandbox.junit;

import io.nats.client.Connection;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/** The connections the extension opened for one context (method or class); closed with it. */
@SuppressWarnings("deprecation")
final class ConnectionBag implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private final List<Connection> connections = new ArrayList<>();
    private boolean closed;

    synchronized Connection add(Connection c) {
        connections.add(c);
        return c;
    }

    @Override
    public void close() {
        List<Connection> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(connections);
        }
        for (Connection c : all) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException ignored) {
                // the connection is broken already; closing it is all that was asked
            }
        }
    }
}
