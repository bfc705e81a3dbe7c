package dev.natssandbox.server;

import java.util.Locale;
import java.util.Optional;

/** Which launcher a sandbox uses. */
public enum LauncherKind {
    /** The local binary if one is found, else Docker if available, else an error listing everything tried. */
    AUTO,
    /** The local nats-server binary (see {@link ServerFinder} for the search order). */
    BINARY,
    /** A Docker container through Testcontainers (Testcontainers must be on the classpath). */
    DOCKER;

    /**
     * @param value {@code auto}, {@code binary} or {@code docker} (any case)
     * @return the kind, or empty
     */
    public static Optional<LauncherKind> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
