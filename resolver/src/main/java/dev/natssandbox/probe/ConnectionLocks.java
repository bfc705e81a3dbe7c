package dev.natssandbox.probe;

import io.nats.client.Connection;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per connection, shared by every probe in the JVM, so that the errors and messages a connection sees
 * during a probe belong to that probe alone. Probes on different connections run in parallel; a probe that uses two
 * connections takes their locks in a fixed global order, so two such probes cannot deadlock.
 */
final class ConnectionLocks {
    // Weak keys: a closed and forgotten connection takes its lock with it.
    private static final Map<Connection, Ordered> LOCKS = new WeakHashMap<>();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private record Ordered(long order, ReentrantLock lock) {
    }

    /** Locks held by one probe; {@link #close()} releases them. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private ConnectionLocks() {
    }

    private static Ordered of(Connection c) {
        synchronized (LOCKS) {
            return LOCKS.computeIfAbsent(c, k -> new Ordered(SEQUENCE.incrementAndGet(), new ReentrantLock()));
        }
    }

    /**
     * @param first  a connection
     * @param second another, or the same one
     * @return both locks, held
     */
    static Held lock(Connection first, Connection second) throws InterruptedException {
        Ordered a = of(first);
        Ordered b = of(second);
        if (a == b) {
            a.lock().lockInterruptibly();
            return a.lock()::unlock;
        }
        Ordered low = a.order() < b.order() ? a : b;
        Ordered high = low == a ? b : a;
        low.lock().lockInterruptibly();
        try {
            high.lock().lockInterruptibly();
        } catch (InterruptedException e) {
            low.lock().unlock();
            throw e;
        }
        return () -> {
            high.lock().unlock();
            low.lock().unlock();
        };
    }
}
