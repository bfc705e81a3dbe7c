package dev.natssandbox.junit;

/** Which launcher a {@link NatsSandbox} uses. */
public enum Launcher {
    /** The configuration parameter {@value NatsSandboxExtension#LAUNCHER_KEY}, else {@link #AUTO}. */
    DEFAULT,
    /** The local nats-server binary if found, else Docker if available. */
    AUTO,
    /** The local nats-server binary. */
    BINARY,
    /** A Docker container through Testcontainers. */
    DOCKER
}
