package dev.natssandbox.sandbox;

import dev.natssandbox.provision.KeySource;
import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.internal.server.ServerLauncher;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a sandbox runs, apart from what it contains.
 *
 * @param launcherKind   auto, binary or docker (ignored when {@code launcher} is set)
 * @param launcher       a launcher instance, or {@code null} to choose by kind
 * @param serverPath     explicit nats-server binary, or {@code null} to search
 * @param docker         Docker image and network mode
 * @param baseDirectory  where the private temporary directory is created; {@code null} for {@code java.io.tmpdir}
 * @param directory      an exact directory to use and keep (e.g. {@code up --dir}); {@code null} for a temporary one
 * @param keepFiles      whether the temporary directory survives close
 * @param startupTimeout how long to wait for the server to become ready
 * @param port           overrides the spec's port, or {@code null}
 * @param keySource      where identity keys come from; {@code null} to generate them
 */
record SandboxSettings(LauncherKind launcherKind, ServerLauncher launcher, Path serverPath, DockerSettings docker,
                              Path baseDirectory, Path directory, KeepFiles keepFiles, Duration startupTimeout,
                              Integer port, KeySource keySource) {
    /** Defaults: auto launcher, Docker settings from the environment, temporary directory kept on failure, 30 s. */
    static SandboxSettings defaults() {
        return new SandboxSettings(LauncherKind.AUTO, null, null, DockerSettings.fromEnvironment(), null, null,
                KeepFiles.ON_FAILURE, Duration.ofSeconds(30), null, null);
    }
}
