package dev.natssandbox.internal.server.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.server.ConfigRenderer;
import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.internal.server.Listen;
import dev.natssandbox.internal.server.ManagedServer;
import dev.natssandbox.internal.server.RunningServer;
import dev.natssandbox.server.ServerDiedException;
import dev.natssandbox.internal.server.ServerOutput;
import dev.natssandbox.server.ServerReloadException;
import dev.natssandbox.internal.util.SecureFiles;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** nats-server in a Docker container. Liveness is the container's state as Docker reports it. */
final class DockerServer extends ManagedServer {
    private static final int CONFIG_MODE = 0644;

    private final DockerSettings settings;
    private final GenericContainer<?> container;
    private final String containerId;
    private volatile String host;
    private volatile int port;

    DockerServer(String id, DockerSettings settings, GenericContainer<?> container, ServerOutput output,
                 Path configFile, Path logFile) {
        super(id, output, configFile, logFile);
        this.settings = settings;
        this.container = container;
        this.containerId = container.getContainerId();
    }

    /**
     * @param host   where clients in this JVM connect
     * @param port   the port they connect to
     * @param listen what a reload renders the configuration for (the bound port, so that a reload keeps it)
     */
    void ready(String host, int port, Listen listen) {
        this.host = host;
        this.port = port;
        listen(listen);
    }

    /** @return the full container id */
    String containerId() {
        return containerId;
    }

    @Override
    public String clientUrl() {
        return RunningServer.clientUrl(host, port);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean isAlive() {
        try {
            return Containers.state(containerId).map(s -> Boolean.TRUE.equals(s.getRunning())).orElse(false);
        } catch (RuntimeException e) {
            return false; // the engine is gone, and the container with it
        }
    }

    @Override
    public void checkAlive() {
        requireOpen();
        Optional<InspectContainerResponse.ContainerState> state;
        try {
            state = Containers.state(containerId);
        } catch (RuntimeException e) {
            throw new ServerDiedException("cannot ask Docker about the container of nats-server [" + id + "] ("
                    + describeContainer() + "): " + Containers.firstLine(e.getMessage()) + "; log: " + logFile(),
                    output.tail(20));
        }
        if (state.isEmpty()) {
            throw new ServerDiedException("the container of nats-server [" + id + "] (" + describeContainer()
                    + ") no longer exists; log: " + logFile(), output.tail(20));
        }
        InspectContainerResponse.ContainerState s = state.get();
        if (!Boolean.TRUE.equals(s.getRunning())) {
            throw new ServerDiedException("nats-server [" + id + "] (" + describeContainer() + ") is no longer "
                    + "running (container status " + s.getStatus() + ", exit code " + s.getExitCodeLong()
                    + (Boolean.TRUE.equals(s.getOOMKilled()) ? ", killed: out of memory" : "") + "); log: "
                    + logFile(), output.tail(20));
        }
    }

    @Override
    public synchronized void reload(ConfigRenderer config) {
        checkAlive();
        byte[] text = config.render(listen()).getBytes(StandardCharsets.UTF_8);
        SecureFiles.writeSecret(configFile(), text);
        try {
            container.copyFileToContainer(Transferable.of(text, CONFIG_MODE), DockerLauncher.CONFIG_PATH);
        } catch (RuntimeException e) {
            throw new ServerReloadException("cannot copy the new configuration into the container of nats-server ["
                    + id + "] (" + describeContainer() + "): " + Containers.firstLine(e.getMessage()) + "; config: "
                    + configFile(), e);
        }
        awaitReload(this::signalReload, configFile());
    }

    /** SIGHUP to the container's main process, the server. */
    private void signalReload() {
        try {
            DockerClientFactory.instance().client().killContainerCmd(containerId).withSignal("HUP").exec();
        } catch (RuntimeException e) {
            checkAlive();
            throw new ServerReloadException("cannot send SIGHUP to the container of nats-server [" + id + "] ("
                    + describeContainer() + "): " + Containers.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public String description() {
        return "nats-server -c " + DockerLauncher.CONFIG_PATH + " in " + describeContainer();
    }

    private String describeContainer() {
        return "container " + Containers.shortId(containerId) + ", image " + settings.image() + ", network "
                + settings.networkMode();
    }

    /** Stops the container (SIGTERM, up to 5 s, SIGKILL) and removes it. */
    @Override
    protected boolean stop() {
        try {
            Containers.stopAndRemove(containerId);
            return true;
        } catch (RuntimeException e) {
            // The registry entry stays behind on purpose, so that the next sandbox retries the removal.
            throw new NatsSandboxException("cannot stop and remove the container of nats-server [" + id + "] ("
                    + describeContainer() + "): " + Containers.firstLine(e.getMessage()) + ". To fix: docker rm -f "
                    + containerId, e);
        }
    }

    @Override
    public String toString() {
        return "nats-server[" + id + " " + clientUrl() + " container " + Containers.shortId(containerId) + "]";
    }
}
