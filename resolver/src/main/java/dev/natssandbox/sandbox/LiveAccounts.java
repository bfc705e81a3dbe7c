package dev.natssandbox.sandbox;

import dev.natssandbox.provision.Hierarchy;
import io.nats.client.Connection;

import java.util.function.Supplier;

/**
 * How a running server learns about changed accounts without a reload: the URL resolver ({@link UrlAccounts}) or
 * the NATS-based resolver ({@link NatsAccounts}).
 */
interface LiveAccounts extends AutoCloseable {
    /**
     * Brings the server from {@code before} to {@code after}; returns once the server answered every change.
     *
     * @param before what the server knows
     * @param after  what it should know
     * @param system a connection of a system-account user, opened on demand
     * @return how many accounts were sent to the server
     */
    int apply(Hierarchy before, Hierarchy after, Supplier<Connection> system);

    @Override
    void close();
}
