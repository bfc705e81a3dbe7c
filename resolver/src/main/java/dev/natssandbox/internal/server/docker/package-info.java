/**
 * The Docker launcher: nats-server in a container, through Testcontainers ({@code org.testcontainers:testcontainers},
 * an optional dependency that only this package loads). Choose it with
 * {@link dev.natssandbox.server.LauncherKind#DOCKER} or pass a {@link dev.natssandbox.internal.server.docker.DockerLauncher};
 * see {@link dev.natssandbox.server.DockerSettings} for the image and network mode, and {@code docs/docker.md} for
 * what each network mode needs from the machine.
 */
package dev.natssandbox.internal.server.docker;
