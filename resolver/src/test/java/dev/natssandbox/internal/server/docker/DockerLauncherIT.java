package dev.natssandbox.internal.server.docker;

import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.internal.server.LaunchSpec;
import dev.natssandbox.internal.server.RunningServer;
import dev.natssandbox.server.ServerReloadException;
import dev.natssandbox.server.ServerStartException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.natssandbox.internal.server.docker.DockerTestSupport.containersLabelled;
import static dev.natssandbox.internal.server.docker.DockerTestSupport.launchSpec;
import static dev.natssandbox.internal.server.docker.DockerTestSupport.plainConfig;
import static dev.natssandbox.internal.server.docker.DockerTestSupport.requireDocker;
import static dev.natssandbox.internal.server.docker.DockerTestSupport.settings;
import static dev.natssandbox.internal.server.docker.DockerTestSupport.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Docker launcher on its own: start, reload and the ways a start fails. */
class DockerLauncherIT {
    @BeforeEach
    void docker() {
        requireDocker();
    }

    @Test
    void startsReloadsAndStops(@TempDir Path dir) {
        DockerSettings docker = settings();
        LaunchSpec spec = launchSpec(dir, plainConfig());
        DockerServer server = (DockerServer) new DockerLauncher(docker).start(spec);
        try {
            assertTrue(server.isAlive());
            assertTrue(server.port() > 0, "a bound port: " + server.port());
            assertTrue(server.clientUrl().endsWith(":" + server.port()), server.clientUrl());
            assertTrue(server.description().contains(docker.image()), server.description());

            server.reload(listen -> plainConfig().render(listen) + "max_payload: 65536\n");

            assertTrue(server.logTail(50).stream().anyMatch(l -> l.contains("Reloaded server configuration")));
            assertTrue(server.logTail(50).stream().anyMatch(l -> l.contains("Reloaded: max_payload")),
                    "the server applied the new setting: " + server.logTail(50));
            assertTrue(Files.exists(spec.logFile()));

            ServerReloadException rejected = assertThrows(ServerReloadException.class,
                    () -> server.reload(listen -> "port: {{ this is not a config\n"));
            assertTrue(rejected.getMessage().contains("rejected the new configuration"), rejected.getMessage());
            assertTrue(server.isAlive(), "a rejected reload keeps the server running on the previous config");
            server.checkAlive();
        } finally {
            server.close();
        }
        assertTrue(state(server.containerId()).isEmpty(), "removed on close");
    }

    @Test
    void aMissingImageIsAClearErrorAndLeavesNoContainer(@TempDir Path dir) {
        // A registry on a loopback port nobody listens on: the pull fails at once, without leaving the machine.
        String image = "127.0.0.1:1/nats-sandbox/no-such-image:missing";
        LaunchSpec spec = launchSpec(dir, plainConfig());

        ServerStartException e = assertThrows(ServerStartException.class,
                () -> new DockerLauncher(settings().withImage(image)).start(spec));

        String m = e.getMessage();
        assertTrue(m.contains("Docker image [" + image + "]"), m);
        assertTrue(m.contains("cannot be pulled"), m);
        assertTrue(m.contains(DockerSettings.IMAGE_ENV) && m.contains(DockerSettings.IMAGE_PROPERTY), m);
        assertTrue(m.contains("docker pull " + image), m);
        assertEquals(0, containersLabelled(spec.id()).size(), "no container left behind");
    }

    @Test
    void aRejectedConfigReportsExitCodeLogAndConfigAndRemovesTheContainer(@TempDir Path dir) {
        DockerSettings docker = settings();
        LaunchSpec spec = launchSpec(dir, listen -> "port: {{ this is not a config\n");

        ServerStartException e = assertThrows(ServerStartException.class,
                () -> new DockerLauncher(docker).start(spec));

        String m = e.getMessage();
        assertTrue(m.contains("exited with code 1 before it was ready"), m);
        assertTrue(m.contains("the server rejected its configuration"), m);
        assertTrue(m.contains("image [" + docker.image() + "]"), m);
        assertTrue(m.contains("network [" + docker.networkMode() + "]"), m);
        assertTrue(m.contains("container ["), m);
        assertTrue(m.contains(dir.resolve("server.conf").toString()) && m.contains(DockerLauncher.CONFIG_PATH), m);
        assertFalse(e.logTail().isEmpty(), "the server's last words are in the exception");
        assertEquals(0, containersLabelled(spec.id()).size(), "the failed container is removed");
    }

    @Test
    void serverThatDiesIsReportedByCheckAlive(@TempDir Path dir) {
        RunningServer server = new DockerLauncher(settings()).start(launchSpec(dir, plainConfig()));
        try {
            String containerId = ((DockerServer) server).containerId();
            DockerTestSupport.docker().killContainerCmd(containerId).exec();
            DockerTestSupport.docker().waitContainerCmd(containerId).start().awaitStatusCode();

            assertFalse(server.isAlive());
            dev.natssandbox.server.ServerDiedException died = assertThrows(
                    dev.natssandbox.server.ServerDiedException.class, server::checkAlive);
            assertTrue(died.getMessage().contains("exit code 137"), died.getMessage());
        } finally {
            server.close();
        }
    }
}
