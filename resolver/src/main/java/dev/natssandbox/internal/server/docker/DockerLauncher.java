package dev.natssandbox.internal.server.docker;

import com.github.dockerjava.api.DockerClient;
import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.internal.server.LauncherCapability;
import dev.natssandbox.internal.server.LaunchSpec;
import dev.natssandbox.internal.server.Listen;
import dev.natssandbox.internal.server.Readiness;
import dev.natssandbox.internal.server.RunningServer;
import dev.natssandbox.internal.server.ServerLauncher;
import dev.natssandbox.internal.server.ServerOutput;
import dev.natssandbox.internal.server.ServerRegistry;
import dev.natssandbox.server.ServerStartException;
import dev.natssandbox.server.ServerVersion;
import dev.natssandbox.internal.util.SecureFiles;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs nats-server in a Docker container through Testcontainers. The configuration is rendered for the container,
 * copied into it as {@value #CONFIG_PATH} and passed as {@code -c}; the same text is written to
 * {@code server.conf} in the sandbox directory. Readiness is the server's "Server is ready" line; reloads copy the
 * new configuration in and send SIGHUP.
 *
 * <p>Network modes ({@link DockerSettings#networkMode()}):
 * <ul>
 *   <li>{@code bridge} (default; any other name is a user-defined network used the same way): the server listens
 *   on {@code 0.0.0.0:4222} inside the container and Docker publishes that port on a free host port (a fixed one
 *   when the sandbox asks for a port). Clients connect to Testcontainers' host ({@code TESTCONTAINERS_HOST_OVERRIDE}
 *   when set) on that port. Needs a working Docker bridge network and the Testcontainers reaper (Ryuk) image, or
 *   {@code TESTCONTAINERS_RYUK_DISABLED=true}.</li>
 *   <li>{@code host}: the container shares the host's network; the server binds the sandbox's host (loopback) on
 *   the sandbox's port, normally {@code -1} so that it picks a free one, and the bound port is read from its
 *   "Listening for client connections on" line. For engines without a bridge (dockerd {@code --bridge=none}); set
 *   {@code TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1} there so that Testcontainers does not look for a bridge.</li>
 * </ul>
 *
 * <p>The image's entrypoint must run nats-server with the given arguments: the official scratch images
 * ({@code ENTRYPOINT /nats-server}), the official alpine images (their entrypoint prepends nats-server to arguments
 * that start with a dash), or an image imported with {@code ENTRYPOINT ["/nats-server"]}. A missing image is pulled
 * once; an image that is neither local nor pullable fails at once, naming the image.
 *
 * <p>Containers carry the labels {@code dev.natssandbox=true}, {@code dev.natssandbox.id=<instance id>} and
 * {@code dev.natssandbox.owner-pid}, and are entered in the {@link ServerRegistry}: if the JVM dies without
 * closing them, the next sandbox started on the machine removes them.
 *
 * <p>Testcontainers is an optional dependency of nats-sandbox; this package is the only code that loads it.
 */
public final class DockerLauncher implements ServerLauncher {
    /** Where the configuration is inside the container. */
    public static final String CONFIG_PATH = "/etc/nats-sandbox/server.conf";
    /** The JetStream store directory inside the container. */
    public static final String JETSTREAM_DIR = "/data/jetstream";
    /** The client port inside the container in bridge mode. */
    public static final int CONTAINER_PORT = 4222;

    /** The config holds JWTs and public keys only; readable by any user an image may run nats-server as. */
    private static final int CONFIG_MODE = 0644;

    static {
        // A JVM that loads this class can reach Testcontainers: reap orphaned containers from now on.
        Containers.registerReaper();
    }

    private final DockerSettings settings;

    /**
     * @param settings image and network mode
     */
    public DockerLauncher(DockerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Called by {@link DockerLauncherProvider} before choosing this launcher.
     *
     * @return why Docker cannot be used (no engine answers, reaper cannot start …), or empty when it can
     */
    public static Optional<String> unavailableReason() {
        return Containers.unavailableReason();
    }

    /** @return the image and network mode */
    public DockerSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "docker";
    }

    /** Every container; with host networking it also reaches this machine's loopback, as the URL resolver needs. */
    @Override
    public Set<LauncherCapability> capabilities() {
        return settings.hostNetwork() ? Set.of(LauncherCapability.CONTAINER, LauncherCapability.REACHES_HOST_LOOPBACK)
                : Set.of(LauncherCapability.CONTAINER);
    }

    /**
     * Read from the image tag ({@code nats:2.10} is 2.10.0); an image tagged otherwise ({@code latest}, a digest)
     * gives no version, and then nothing is refused before the container starts.
     *
     * @return the version the image tag names, or empty
     */
    @Override
    public Optional<ServerVersion> version() {
        String image = settings.image();
        int slash = image.lastIndexOf('/');
        int colon = image.indexOf(':', slash + 1);
        return colon < 0 || image.contains("@") ? Optional.empty()
                : ServerVersion.find(image.substring(colon + 1));
    }

    /**
     * @param settings image and network mode
     * @param spec     the launch
     * @return where the server listens inside the container
     */
    static Listen listen(DockerSettings settings, LaunchSpec spec) {
        String jetStream = spec.jetStream() ? JETSTREAM_DIR : null;
        return settings.hostNetwork() ? new Listen(spec.host(), spec.port(), jetStream)
                : new Listen("0.0.0.0", CONTAINER_PORT, jetStream);
    }

    @Override
    public RunningServer start(LaunchSpec spec) {
        Containers.registerReaper();
        ServerRegistry.reapOrphansBeforeLaunch(spec.port());
        DockerClient client = Containers.client();
        Listen listen = listen(settings, spec);
        byte[] config = spec.config().render(listen).getBytes(StandardCharsets.UTF_8);
        Path configFile = spec.directory().resolve("server.conf");
        SecureFiles.writeSecret(configFile, config);
        Containers.ensureImage(client, settings, spec.startupTimeout());

        ServerOutput output = new ServerOutput(spec.id(), spec.logFile());
        CompletableFuture<String> ready = Readiness.expectReady(output);
        GenericContainer<?> container = container(spec, config, output);
        String where = "image [" + settings.image() + "], network [" + settings.networkMode() + "]";
        try {
            container.start();
        } catch (RuntimeException e) {
            output.end();
            output.close();
            throw new ServerStartException("cannot start a nats-server container: " + rootMessage(e) + "; " + where
                    + "; config: " + configFile + " (in the container: " + CONFIG_PATH + ")", output.tail(30), e);
        }
        String containerId = container.getContainerId();
        DockerServer server = new DockerServer(spec.id(), settings, container, output, configFile, spec.logFile());
        try {
            server.registered(ServerRegistry.register(spec.id(), server, -1, containerId, spec.orphanDirectory()));
            String described = where + ", container [" + Containers.shortId(containerId) + "]";
            Readiness.await(spec, ready, output.ended(), output, described + "; config: " + configFile
                    + " (in the container: " + CONFIG_PATH + ")", () -> howEnded(containerId));
            if (settings.hostNetwork()) {
                int port = Readiness.portFromLog(output, described, configFile);
                server.ready(spec.host(), port, new Listen(listen.host(), port, listen.jetStreamDir()));
            } else {
                server.ready(container.getHost(), container.getMappedPort(CONTAINER_PORT), listen);
            }
            return server;
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private GenericContainer<?> container(LaunchSpec spec, byte[] config, ServerOutput output) {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(settings.image()));
        // ensureImage made it local; Testcontainers' pull would retry a missing image for minutes
        c.withImagePullPolicy(name -> false)
                .withCopyToContainer(Transferable.of(config, CONFIG_MODE), CONFIG_PATH)
                .withCommand("-c", CONFIG_PATH)
                .withLabels(Map.of(Containers.LABEL, "true", Containers.ID_LABEL, spec.id(),
                        Containers.OWNER_LABEL, Long.toString(ProcessHandle.current().pid())))
                .withLogConsumer(new OutputPump(output))
                // Readiness is decided here from the server's own output, with exit code and log tail on failure.
                .withStartupCheckStrategy(new NoStartupCheck())
                .waitingFor(new NoWait());
        if (settings.hostNetwork()) {
            c.withNetworkMode("host");
        } else {
            c.withExposedPorts(CONTAINER_PORT);
            if (spec.port() > 0) {
                c.setPortBindings(List.of(spec.port() + ":" + CONTAINER_PORT));
            }
            if (!settings.networkMode().equals("bridge")) {
                c.withNetworkMode(settings.networkMode());
            }
        }
        return c;
    }

    private static String howEnded(String containerId) {
        return Containers.state(containerId)
                .map(s -> Boolean.TRUE.equals(s.getRunning()) ? "container is running but its output ended"
                        : "container exited with code " + s.getExitCodeLong()
                        + (Boolean.TRUE.equals(s.getOOMKilled()) ? " (killed: out of memory)" : ""))
                .orElse("container was removed");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return Containers.firstLine(t.getMessage() == null ? t.toString() : t.getMessage());
    }

    @Override
    public String toString() {
        return "DockerLauncher[" + settings.image() + ", network " + settings.networkMode() + "]";
    }

    /** Accepts any state: a container that exits at once is reported by {@link #awaitReady} with its exit code. */
    private static final class NoStartupCheck extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
            return StartupStatus.SUCCESSFUL;
        }
    }

    /** Returns at once: readiness is the server's "Server is ready" line, awaited by the launcher. */
    private static final class NoWait implements WaitStrategy {
        @Override
        public void waitUntilReady(WaitStrategyTarget target) {
        }

        @Override
        public WaitStrategy withStartupTimeout(Duration startupTimeout) {
            return this;
        }
    }
}
