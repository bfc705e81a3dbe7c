package dev.natssandbox.internal.server.docker;

import dev.natssandbox.internal.server.LauncherCapability;
import dev.natssandbox.internal.server.LauncherOptions;
import dev.natssandbox.internal.server.ServerLauncher;
import dev.natssandbox.internal.server.ServerLauncherProvider;
import dev.natssandbox.server.ServerNotFoundException;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Provides {@link DockerLauncher}. Testcontainers is an optional dependency: this class references none of its
 * types, and loads the launcher only after finding Testcontainers on the classpath.
 */
public final class DockerLauncherProvider implements ServerLauncherProvider {
    static final String TESTCONTAINERS = "org.testcontainers.DockerClientFactory";
    /** Testcontainers missing, in the words every message uses. */
    public static final String NO_TESTCONTAINERS = "Testcontainers is not on the classpath (add "
            + "org.testcontainers:testcontainers)";

    /** For {@code ServiceLoader}. */
    public DockerLauncherProvider() {
    }

    @Override
    public Set<LauncherCapability> capabilities() {
        // Host networking also reaches the host's loopback; whether a launcher has it depends on its settings.
        return Set.of(LauncherCapability.CONTAINER);
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public ServerLauncher create(LauncherOptions options) {
        Optional<String> problem = unavailableReason();
        if (problem.isPresent()) {
            throw new ServerNotFoundException("the Docker launcher cannot be used: " + problem.get(),
                    List.of("Docker: " + problem.get()));
        }
        return new DockerLauncher(options.docker());
    }

    /** Registers the container reaper when Testcontainers is on the classpath. */
    @Override
    public void registerReaper() {
        if (testcontainersPresent()) {
            Containers.registerReaper();
        }
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName(TESTCONTAINERS, false, DockerLauncherProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return why Docker cannot be used, or empty when it can */
    public static Optional<String> unavailableReason() {
        if (!testcontainersPresent()) {
            return Optional.of(NO_TESTCONTAINERS);
        }
        try {
            return DockerLauncher.unavailableReason();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("Docker is not available: " + e);
        }
    }
}
