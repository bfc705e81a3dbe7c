package dev.natssandbox.server;

import dev.natssandbox.internal.server.LauncherCapability;
import dev.natssandbox.internal.server.ServerFinder;
import dev.natssandbox.internal.server.ServerLauncherProvider;
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
    DEFAULT(null),
    /**
     * The first launcher that can be used, in their {@linkplain ServerLauncherProvider#order() order}: the local
     * binary if one is found, else Docker if available, else an error listing everything tried.
     */
    AUTO(null),
    /** A local nats-server process (see {@link ServerFinder} for the search order). */
    BINARY(LauncherCapability.LOCAL_PROCESS),
    /** A container (Testcontainers must be on the classpath and a Docker engine must answer). */
    DOCKER(LauncherCapability.CONTAINER);

    private final LauncherCapability required;

    LauncherKind(LauncherCapability required) {
        this.required = required;
    }

    /** @return the capability a launcher must declare to serve this kind; empty for any launcher */
    public Optional<LauncherCapability> required() {
        return Optional.ofNullable(required);
    }

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
