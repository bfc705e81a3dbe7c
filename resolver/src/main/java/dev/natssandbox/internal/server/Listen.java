package dev.natssandbox.internal.server;

/**
 * Where a server listens and keeps JetStream data, as seen from inside the server's environment (the host for a
 * local binary, the container for Docker). A launcher chooses it and asks the {@link ConfigRenderer} for a
 * configuration that matches.
 *
 * @param host          listen address
 * @param port          listen port; {@code -1} lets the server choose a free one
 * @param jetStreamDir  JetStream store directory in the server's environment, or {@code null} without JetStream
 */
public record Listen(String host, int port, String jetStreamDir) {
}
