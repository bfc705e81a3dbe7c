package dev.natssandbox.internal.server.docker;

import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.internal.server.RunningServer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A JVM that starts a container and then waits to be killed: run by {@link OrphanReaperIT}. Prints
 * {@code CONTAINER <id>} once the server is ready and registered.
 */
public final class OrphanFixture {
    private OrphanFixture() {
    }

    /**
     * @param args the launch directory
     * @throws IOException when stdin fails
     */
    public static void main(String[] args) throws IOException {
        RunningServer server = new DockerLauncher(DockerSettings.fromEnvironment())
                .start(DockerTestSupport.launchSpec(Path.of(args[0]), DockerTestSupport.plainConfig()));
        System.out.println("CONTAINER " + ((DockerServer) server).containerId());
        System.out.flush();
        // Held open until the test kills this JVM with SIGKILL, so that no shutdown hook runs.
        while (System.in.read() >= 0) {
            // keep reading
        }
    }
}
