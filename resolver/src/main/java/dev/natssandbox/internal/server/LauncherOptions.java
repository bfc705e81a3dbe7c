package dev.natssandbox.internal.server;

import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.server.ServerDownload;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings every {@link ServerLauncherProvider} is given; each reads the part it understands.
 *
 * @param serverPath the nats-server binary to run, or {@code null} to search (see {@link ServerFinder})
 * @param docker     image and network mode for a container launcher
 * @param download   whether and how a nats-server release may be fetched when nothing else can be used
 */
public record LauncherOptions(Path serverPath, DockerSettings docker, ServerDownload download) {
    /**
     * Requires the Docker and download settings.
     *
     * @param serverPath the nats-server binary to run, or {@code null} to search
     * @param docker     image and network mode for a container launcher
     * @param download   whether and how a release may be fetched
     */
    public LauncherOptions {
        Objects.requireNonNull(docker, "docker");
        Objects.requireNonNull(download, "download");
    }

    /**
     * The download as the system properties and the environment set it.
     *
     * @param serverPath the nats-server binary to run, or {@code null} to search
     * @param docker     image and network mode for a container launcher
     */
    public LauncherOptions(Path serverPath, DockerSettings docker) {
        this(serverPath, docker, ServerDownload.fromEnvironment());
    }

    /** @return no explicit binary; Docker and download settings from the system properties and the environment */
    public static LauncherOptions fromEnvironment() {
        return new LauncherOptions(null, DockerSettings.fromEnvironment());
    }
}
