package dev.natssandbox.internal.server.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.internal.server.ConfigRenderer;
import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.internal.server.LaunchSpec;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the Docker integration tests share: the precondition (a Docker engine), settings from the environment
 * ({@code NATS_SANDBOX_DOCKER_IMAGE}, {@code NATS_SANDBOX_DOCKER_NETWORK}), the seed spec, and container look-ups.
 */
final class DockerTestSupport {
    private DockerTestSupport() {
    }

    /**
     * Skips the calling test when no Docker engine answers, or fails it when {@code NATS_SANDBOX_REQUIRE_ALL=true}.
     */
    static void requireDocker() {
        Optional<String> reason = DockerLauncher.unavailableReason();
        if (reason.isEmpty()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("NATS_SANDBOX_REQUIRE_ALL"))) {
            fail("Docker is required (NATS_SANDBOX_REQUIRE_ALL=true) but cannot be used: " + reason.get());
        }
        Assumptions.abort("skipped: Docker cannot be used: " + reason.get());
    }

    /** @return image and network mode as CI (or the developer) configured them */
    static DockerSettings settings() {
        return DockerSettings.fromEnvironment();
    }

    /**
     * The seed walkthrough: operator Test, account TestAccount, a service that answers on req.a and a client that
     * may only send to req.a ({@code nsc add user --name TestService --allow-pub "_INBOX.>" --allow-sub "req.a"},
     * {@code nsc add user --name TestClient --allow-pub "req.a" --allow-sub "_INBOX.>"}).
     */
    static SandboxSpec.Builder seedSpec() {
        return SandboxSpec.operator("Test")
                .account("TestAccount", a -> a
                        .user("TestService", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                        .user("TestClient", u -> u.allowPub("req.a").allowSub("_INBOX.>")));
    }

    /** A plain server (no auth) for launcher-level tests; any valid config will do. */
    static ConfigRenderer plainConfig() {
        return listen -> "host: \"" + listen.host() + "\"\nport: " + listen.port() + "\n";
    }

    /**
     * @param directory the launch's directory
     * @param config    its configuration
     * @return a launch spec with a unique id (also the container's {@code dev.natssandbox.id} label)
     */
    static LaunchSpec launchSpec(Path directory, ConfigRenderer config) {
        String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
        // Like a sandbox's own temporary directory: orphan cleanup may remove it.
        return new LaunchSpec(id, directory, directory.resolve("nats-server.log"), "127.0.0.1", -1, false, config,
                Duration.ofSeconds(60), true);
    }

    static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    /** @return the container's state, or empty when Docker no longer knows it */
    static Optional<InspectContainerResponse.ContainerState> state(String containerId) {
        try {
            return Optional.of(docker().inspectContainerCmd(containerId).exec().getState());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** @return ids of every container, running or not, labelled with this instance id */
    static List<String> containersLabelled(String instanceId) {
        return docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Containers.ID_LABEL, instanceId)).exec().stream()
                .map(c -> c.getId()).toList();
    }
}
