package dev.natssandbox.internal.server.docker;

import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.internal.server.LaunchSpec;
import dev.natssandbox.internal.server.Listen;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the server listens inside the container, per network mode; no Docker needed. */
class DockerLauncherTests {
    private static LaunchSpec spec(int port, boolean jetStream) {
        Path dir = Path.of("/nonexistent/sandbox");
        return new LaunchSpec("id", dir, dir.resolve("log"), "127.0.0.1", port, jetStream, listen -> "",
                Duration.ofSeconds(1));
    }

    @Test
    void bridgeListensOnAllInterfacesOnTheFixedContainerPort() {
        DockerSettings bridge = new DockerSettings("nats:2.15", null);

        assertEquals(new Listen("0.0.0.0", 4222, null), DockerLauncher.listen(bridge, spec(-1, false)));
        assertEquals(new Listen("0.0.0.0", 4222, "/data/jetstream"), DockerLauncher.listen(bridge, spec(5000, true)),
                "the host port is Docker's business; inside the container the port is always 4222");
    }

    @Test
    void hostNetworkListensWhereTheSandboxAsks() {
        DockerSettings host = new DockerSettings("nats:2.15", "host");

        assertEquals(new Listen("127.0.0.1", -1, null), DockerLauncher.listen(host, spec(-1, false)),
                "the server picks a free port on loopback");
        assertEquals(new Listen("127.0.0.1", 5000, "/data/jetstream"), DockerLauncher.listen(host, spec(5000, true)));
    }

    @Test
    void aUserDefinedNetworkIsUsedLikeTheBridge() {
        DockerSettings custom = new DockerSettings("nats:2.15", "my-net");

        assertEquals(new Listen("0.0.0.0", 4222, null), DockerLauncher.listen(custom, spec(-1, false)));
    }

    @Test
    void theServerVersionIsReadFromTheImageTagWhenItNamesOne() {
        assertEquals(java.util.Optional.of(new dev.natssandbox.server.ServerVersion(2, 10, 0)),
                new DockerLauncher(new DockerSettings("nats:2.10", null)).version());
        assertEquals(java.util.Optional.of(new dev.natssandbox.server.ServerVersion(2, 11, 3)),
                new DockerLauncher(new DockerSettings("localhost:5000/nats:2.11.3-alpine", null)).version(),
                "a registry port is not a tag");
        assertEquals(java.util.Optional.empty(), new DockerLauncher(new DockerSettings("nats:latest", null)).version());
        assertEquals(java.util.Optional.empty(), new DockerLauncher(new DockerSettings("localhost:5000/nats", null))
                .version());
    }
}
