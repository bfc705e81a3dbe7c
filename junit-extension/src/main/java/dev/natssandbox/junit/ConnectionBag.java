package dev.natssandbox.junit;

import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The connections the extension opened for one context (method or class); closed with it. Connections a test
 * method is known to need (its {@code Connection} parameters and fields) are opened at the same time before it runs
 * and handed out by user; unused ones are closed as well.
 */
@SuppressWarnings("deprecation")
final class ConnectionBag implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private final List<Connection> connections = new ArrayList<>();
    private final List<CompletableFuture<Connection>> pending = new ArrayList<>();
    private final Map<String, Deque<CompletableFuture<Connection>>> prefetched = new HashMap<>();
    private boolean closed;

    synchronized Connection add(Connection c) {
        connections.add(c);
        return c;
    }

    /** Starts opening a connection of the user; a later {@link #connect} for the same user takes it. */
    void prefetch(Sandbox sandbox, String user) {
        CompletableFuture<Connection> f;
        try {
            f = sandbox.connectAsync(user);
        } catch (RuntimeException e) {
            return; // e.g. an unknown user: resolving the injection point reports it properly
        }
        synchronized (this) {
            pending.add(f);
            prefetched.computeIfAbsent(key(sandbox, user), k -> new ArrayDeque<>()).add(f);
        }
    }

    /** A connection of the user: one opened ahead of time when there is one, else a new one. */
    Connection connect(Sandbox sandbox, String user) {
        CompletableFuture<Connection> f;
        synchronized (this) {
            Deque<CompletableFuture<Connection>> ready = prefetched.get(key(sandbox, user));
            f = ready == null ? null : ready.poll();
        }
        if (f == null) {
            return add(sandbox.connect(user));
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static String key(Sandbox sandbox, String user) {
        return sandbox.id() + "|" + user;
    }

    @Override
    public void close() {
        List<Connection> all;
        List<CompletableFuture<Connection>> opening;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(connections);
            opening = new ArrayList<>(pending);
        }
        for (CompletableFuture<Connection> f : opening) {
            try {
                all.add(f.join());
            } catch (RuntimeException e) {
                // it never opened: nothing to close
            }
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
