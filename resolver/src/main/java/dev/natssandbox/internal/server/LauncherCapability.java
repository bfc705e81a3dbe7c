package dev.natssandbox.internal.server;

import dev.natssandbox.server.LauncherKind;

/**
 * What a launcher can do. {@link Launchers} and the sandbox choose launchers by these, never by their names, so a
 * launcher added through {@link ServerLauncherProvider} takes part in every choice without changes elsewhere.
 */
public enum LauncherCapability {
    /** Runs a nats-server binary as a process of this machine ({@link LauncherKind#BINARY} asks for it). */
    LOCAL_PROCESS,
    /** Runs nats-server in a container ({@link LauncherKind#DOCKER} asks for it). */
    CONTAINER,
    /**
     * The server reaches what this JVM listens on at {@code 127.0.0.1}: needed by the URL account resolver, which
     * serves account JWTs from this JVM.
     */
    REACHES_HOST_LOOPBACK,
    /**
     * The server reads and writes the sandbox directory at the same path as this JVM: needed by the NATS-based
     * resolver ({@code full}, {@code cache}), whose account directory the server owns and the sandbox fills.
     */
    SHARES_SANDBOX_DIRECTORY
}
