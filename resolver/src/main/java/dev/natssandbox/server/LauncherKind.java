package dev.natssandbox.server;

import java.util.Locale;
import java.util.Optional;

/**
 * Which launcher a sandbox uses. The one vocabulary of the builder ({@code Sandbox.builder().launcher(…)}), the
 * JUnit annotation and builder, the configuration parameter {@code natssandbox.launcher} and the CLI's
 * {@code --launcher}.
 */
public enum LauncherKind {
    /**
     * Not chosen here: the annotation's default. The JUnit extension then reads the configuration parameter
     * {@code natssandbox.launcher}; everywhere else, and when that is unset, it means {@link #AUTO}.
     */
    DEFAULT,
    /**
     * The first launcher that can be used, in their order: the local binary if one is found, else Docker if
     * available, else a downloaded release when that is enabled ({@link ServerDownload}), else an error listing
     * everything tried.
     */
    AUTO,
    /**
     * A local nats-server process, found in this order: the explicit server path, the system property
     * {@code natssandbox.server.path}, the environment variable {@code NATS_SERVER_PATH}, then {@code PATH}.
     */
    BINARY,
    /** A container (Testcontainers must be on the classpath and a Docker engine must answer). */
    DOCKER;

    /**
     * @param value {@code auto}, {@code binary} or {@code docker} (any case); {@code default} is not a choice but
     *              the annotation's marker for "not chosen", so it parses to empty
     * @return the kind, or empty
     */
    public static Optional<LauncherKind> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            LauncherKind k = valueOf(value.strip().toUpperCase(Locale.ROOT));
            return k == DEFAULT ? Optional.empty() : Optional.of(k);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
