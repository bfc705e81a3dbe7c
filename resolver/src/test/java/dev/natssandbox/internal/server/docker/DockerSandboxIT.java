package dev.natssandbox.internal.server.docker;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.internal.sandbox.SandboxInternals;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.internal.server.ServerRegistry;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.natssandbox.internal.server.docker.DockerTestSupport.requireDocker;
import static dev.natssandbox.internal.server.docker.DockerTestSupport.seedSpec;
import static dev.natssandbox.internal.server.docker.DockerTestSupport.settings;
import static dev.natssandbox.internal.server.docker.DockerTestSupport.state;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole sandbox (seed spec, real auth) with its server in a Docker container. */
class DockerSandboxIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeEach
    void docker() {
        requireDocker();
    }

    private static Sandbox start(DockerSettings docker, boolean jetStream) {
        return Sandbox.builder(seedSpec().jetStream(jetStream).build())
                .launcher(LauncherKind.DOCKER)
                .dockerImage(docker.image())
                .dockerNetworkMode(docker.networkMode())
                .startupTimeout(Duration.ofSeconds(60))
                .start();
    }

    @Test
    void anImageTaggedWithAnOlderServerIsRefusedForNewerClaimsBeforeAContainerStarts(@TempDir Path base)
            throws IOException {
        String image = "nats-sandbox/nats-server:2.10.27";
        dev.natssandbox.sandbox.ServerTooOldException e = assertThrows(
                dev.natssandbox.sandbox.ServerTooOldException.class, () -> Sandbox.builder(
                        seedSpec().account("Traced", a -> a.trace("trace.t", 100)).build())
                        .launcher(LauncherKind.DOCKER).dockerImage(image).baseDirectory(base).start());
        assertEquals("the spec uses claims that nats-server 2.10.27 (Docker image [" + image + "]) does not know "
                + "and would silently ignore: message tracing at [accounts.Traced.trace] needs nats-server 2.11.0 or "
                + "newer. To fix: run nats-server 2.11.0 or newer (NATS_SERVER_PATH, or the sandbox's server path or "
                + "Docker image), or remove these claims from the spec", e.getMessage());
        try (Stream<Path> left = Files.list(base)) {
            assertEquals(List.of(), left.toList(), "refused before the sandbox directory was made");
        }
    }

    @Test
    void seedPermissionsHoldInAContainer() throws Exception {
        DockerSettings docker = settings();
        try (Sandbox sandbox = start(docker, false)) {
            DockerServer server = assertInstanceOf(DockerServer.class, SandboxInternals.door().server(sandbox));
            Map<String, String> labels = DockerTestSupport.docker().inspectContainerCmd(server.containerId()).exec()
                    .getConfig().getLabels();
            assertEquals("true", labels.get(Containers.LABEL));
            assertEquals(sandbox.id(), labels.get(Containers.ID_LABEL));
            assertTrue(Files.readString(server.configFile()).contains("resolver_preload"),
                    "the rendered config is kept in the sandbox directory: " + server.configFile());

            Connection service = sandbox.connect("TestService");
            Dispatcher replies = service.createDispatcher(m ->
                    service.publish(m.getReplyTo(), ("served " + new String(m.getData(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8)));
            replies.subscribe("req.a");
            service.flush(WAIT);

            Connection client = sandbox.connect("TestClient");
            Message reply = client.request("req.a", "ping".getBytes(StandardCharsets.UTF_8), WAIT);
            assertEquals("served ping", new String(reply.getData(), StandardCharsets.UTF_8),
                    "an allowed request reaches TestService and its reply comes back on the inbox");
            assertNull(client.getLastError(), "no error before the denied publish");

            client.publish("req.b", "nope".getBytes(StandardCharsets.UTF_8));
            // The server answers the PUB with -ERR before the PONG of this flush: the error is recorded by now.
            client.flush(WAIT);
            assertEquals("Permissions Violation for Publish to \"req.b\"", client.getLastError());
            assertTrue(sandbox.isRunning(), "a denied publish does not disconnect the client or stop the server");
        }
    }

    @Test
    void liveChangeIsAppliedByReloadingTheContainer() {
        DockerSettings docker = settings();
        try (Sandbox sandbox = start(docker, true)) {
            assertTrue(sandbox.logTail(200).stream().anyMatch(l -> l.contains(DockerLauncher.JETSTREAM_DIR)),
                    "JetStream stores its data inside the container: " + sandbox.logTail(200));

            sandbox.addAccount(AccountSpec.builder("Extra").user("ExtraUser").build());

            // The new account is only in the server's resolver_preload if the container reloaded the new config.
            Connection extra = assertDoesNotThrow(() -> sandbox.connect("Extra/ExtraUser"));
            assertEquals(Connection.Status.CONNECTED, extra.getStatus());
            assertTrue(sandbox.logTail(50).stream().anyMatch(l -> l.contains("Reloaded server configuration")));
        }
    }

    @Test
    void closeRemovesTheContainerAndItsRegistryEntry() {
        Sandbox sandbox = start(settings(), false);
        DockerServer server = (DockerServer) SandboxInternals.door().server(sandbox);
        String containerId = server.containerId();
        assertTrue(state(containerId).orElseThrow().getRunning(), "the container runs while the sandbox is open");
        assertTrue(Files.exists(ServerRegistry.directory().resolve(sandbox.id() + ".json")));

        sandbox.close();

        assertTrue(state(containerId).isEmpty(), "the container is removed on close");
        assertFalse(Files.exists(ServerRegistry.directory().resolve(sandbox.id() + ".json")));
        assertFalse(server.isAlive());
        assertDoesNotThrow(sandbox::close, "close is idempotent");
        assertDoesNotThrow(server::close, "close is idempotent");
    }

    @Test
    void urlResolverServesAccountsToTheContainerOnHostNetworking() {
        DockerSettings docker = settings();
        org.junit.jupiter.api.Assumptions.assumeTrue(docker.hostNetwork(),
                "the container reaches the JVM's account server on 127.0.0.1 only with host networking");
        try (Sandbox sandbox = Sandbox.builder(seedSpec().resolver(ResolverType.URL).build())
                .launcher(LauncherKind.DOCKER).dockerImage(docker.image()).dockerNetworkMode(docker.networkMode())
                .startupTimeout(Duration.ofSeconds(60)).start()) {
            assertEquals(Connection.Status.CONNECTED, sandbox.connect("TestClient").getStatus());
            sandbox.addAccount(AccountSpec.builder("Late").user("late").build());
            assertEquals(Connection.Status.CONNECTED, sandbox.connect("late").getStatus());
            assertFalse(sandbox.logTail(200).stream().anyMatch(l -> l.contains("Reloaded server configuration")),
                    "a new account needs no reload in URL mode");
        }
    }

    @Test
    void urlResolverOnBridgeNetworkingIsRefusedUpFront(@TempDir Path base) throws IOException {
        DockerSettings docker = settings();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Sandbox.builder(seedSpec()
                        .resolver(ResolverType.URL).build())
                .launcher(LauncherKind.DOCKER).dockerImage(docker.image()).dockerNetworkMode("bridge")
                .baseDirectory(base)
                .start());
        assertTrue(e.getMessage().contains("cannot reach"), e.getMessage());
        try (Stream<Path> written = Files.list(base)) {
            assertEquals(List.of(), written.toList(), "refused before any file is written");
        }
    }
}
