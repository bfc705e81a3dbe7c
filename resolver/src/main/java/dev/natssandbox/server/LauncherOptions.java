package dev.natssandbox.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings every {@link ServerLauncherProvider} is given; each reads the part it understands.
 *
 * @param serverPath the nats-server binary to run, or {@code null} to search (see {@link ServerFinder})
 * @param docker     image and network mode for a container launcher
 */
public record LauncherOptions(Path serverPath, DockerSettings docker) {
    /**
     * Requires the Docker settings.
     *
     * @param serverPath the nats-server binary to run, or {@code null} to search
     * @param docker     image and network mode for a container launcher
     */
    public LauncherOptions {
        Objects.requireNonNull(docker, "docker");
    }

    /** @return no explicit binary, Docker settings from the system properties and the environment */
    public static LauncherOptions fromEnvironment() {
        return new LauncherOptions(null, DockerSettings.fromEnvironment());
    }
}
