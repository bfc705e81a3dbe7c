package dev.natssandbox.sandbox;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.internal.config.ResolverDirectory;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.internal.server.LauncherCapability;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.internal.server.LauncherOptions;
import dev.natssandbox.internal.server.Launchers;
import dev.natssandbox.server.ServerDownload;
import dev.natssandbox.internal.server.RunningServer;
import dev.natssandbox.internal.server.ServerRegistry;
import dev.natssandbox.internal.server.ServerLauncher;
import dev.natssandbox.server.ServerStartException;
import dev.natssandbox.internal.store.NscStore;
import dev.natssandbox.internal.store.StoreLayout;
import dev.natssandbox.internal.util.SecureFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Settings for a {@link Sandbox}; {@link #start()} provisions, writes the files and launches the server. */
public final class SandboxBuilder {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final SandboxSpec spec;
    private LauncherKind launcherKind = LauncherKind.AUTO;
    private ServerLauncher launcher;
    private Path serverPath;
    private DockerSettings docker = DockerSettings.fromEnvironment();
    private Path baseDirectory;
    private Path directory;
    private KeepFiles keepFiles = KeepFiles.ON_FAILURE;
    private Duration startupTimeout = Duration.ofSeconds(30);
    private Integer port;
    private KeySource keySource;
    private ServerDownload download;

    SandboxBuilder(SandboxSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /**
     * @param kind auto (default), binary or docker
     * @return this
     */
    public SandboxBuilder launcher(LauncherKind kind) {
        this.launcherKind = Objects.requireNonNull(kind, "kind");
        return this;
    }

    /**
     * @param launcher a launcher instance (overrides the kind)
     * @return this
     */
    SandboxBuilder launcher(ServerLauncher launcher) {
        this.launcher = launcher;
        return this;
    }

    /**
     * Lets the sandbox fetch a nats-server release when no binary is found and Docker cannot be used (otherwise
     * the system property {@code natssandbox.server.download} or {@code NATS_SANDBOX_SERVER_DOWNLOAD} decide).
     *
     * @param download e.g. {@code ServerDownload.fromEnvironment().enable()}, with a pinned version or a mirror
     * @return this
     */
    public SandboxBuilder serverDownload(ServerDownload download) {
        this.download = Objects.requireNonNull(download, "download");
        return this;
    }

    /**
     * @param path the nats-server binary to use, before any search
     * @return this
     */
    public SandboxBuilder serverPath(Path path) {
        this.serverPath = path;
        return this;
    }

    /**
     * @param image Docker image for the docker launcher
     * @return this
     */
    public SandboxBuilder dockerImage(String image) {
        this.docker = docker.withImage(image);
        return this;
    }

    /**
     * @param mode {@code bridge} or {@code host}
     * @return this
     */
    public SandboxBuilder dockerNetworkMode(String mode) {
        this.docker = docker.withNetworkMode(mode);
        return this;
    }

    /**
     * @param dir parent of the private temporary directory
     * @return this
     */
    public SandboxBuilder baseDirectory(Path dir) {
        this.baseDirectory = dir;
        return this;
    }

    /**
     * @param dir an exact directory to use; it is created if missing and never deleted by the sandbox
     * @return this
     */
    public SandboxBuilder directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /**
     * @param keep whether the temporary directory survives close
     * @return this
     */
    public SandboxBuilder keepFiles(KeepFiles keep) {
        this.keepFiles = Objects.requireNonNull(keep, "keep");
        return this;
    }

    /**
     * @param timeout how long to wait for the server to become ready
     * @return this
     */
    public SandboxBuilder startupTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException("startup timeout [" + timeout + "] must be positive");
        }
        this.startupTimeout = timeout;
        return this;
    }

    /**
     * @param port listen port overriding the spec's; -1 for any free port
     * @return this
     */
    public SandboxBuilder port(int port) {
        if (port < -1 || port > 65535) {
            throw new InvalidInputException("port [" + port + "] must be -1 (any free port) or 0-65535");
        }
        this.port = port;
        return this;
    }

    /**
     * @param keys where identity keys come from (e.g. reused from an earlier run)
     * @return this
     */
    public SandboxBuilder keySource(KeySource keys) {
        this.keySource = keys;
        return this;
    }

    /** @return the settings as they stand */
    SandboxSettings settings() {
        return new SandboxSettings(launcherKind, launcher, serverPath, docker, baseDirectory, directory, keepFiles,
                startupTimeout, port, keySource);
    }

    /**
     * Provisions the spec, writes config, nsc store, keystore and creds into the private directory, starts the
     * server and waits until it is ready.
     *
     * @return the running sandbox
     * @throws dev.natssandbox.server.ServerNotFoundException when no server can be launched
     * @throws dev.natssandbox.server.ServerStartException when the server does not become ready
     */
    public Sandbox start() {
        SandboxSettings s = settings();
        if (spec.server().clustered()) {
            return startCluster(s);
        }
        ServerLauncher chosen = s.launcher() != null || download == null ? ServerSetup.launcher(s)
                : Launchers.resolve(s.launcherKind(), new LauncherOptions(s.serverPath(), s.docker(), download),
                        Launchers.installed());
        // Refused before anything is written: a combination that cannot work leaves no directory behind.
        if (spec.server().resolver() == ResolverType.URL
                && !chosen.capabilities().contains(LauncherCapability.REACHES_HOST_LOOPBACK)) {
            throw new InvalidInputException("resolver [url] serves accounts from this JVM on 127.0.0.1, "
                    + "which a server started by launcher [" + chosen.name() + "] cannot reach (a container on "
                    + "Docker's bridge network, for one); run Docker with host networking "
                    + "(natssandbox.docker.network=host), use the binary launcher, or use resolver: memory");
        }
        if (spec.server().resolver().natsBased()
                && !chosen.capabilities().contains(LauncherCapability.SHARES_SANDBOX_DIRECTORY)) {
            throw new InvalidInputException("resolver [" + spec.server().resolver().name().toLowerCase(Locale.ROOT)
                    + "] keeps account JWTs in a directory the server owns, which launcher [" + chosen.name()
                    + "] does not share with the server; use the binary launcher or resolver: memory");
        }
        ServerSetup.requireSupported(spec, chosen, s);
        // Unique across the JVMs of a machine too: it names the sandbox's entry in the shared registry.
        String id = String.format("sbx-%d-%08x", COUNTER.incrementAndGet(), ThreadLocalRandom.current().nextInt());
        boolean owns = s.directory() == null;
        Path dir = owns ? SecureFiles.createPrivateTempDirectory(s.baseDirectory(), "nats-sandbox-" + id + "-")
                : SecureFiles.createPrivateDirectories(s.directory()).toAbsolutePath();
        boolean ok = false;
        try {
            Hierarchy h = Provisioner.provision(spec, s.keySource() == null ? KeySource.generating()
                    : s.keySource(), Clock.systemUTC());
            StoreLayout layout = new StoreLayout(dir);
            if (owns) {
                NscStore.writeTree(h, null, layout);
            } else {
                NscStore.update(h, null, layout);
            }
            UrlAccounts urlAccounts = null;
            if (spec.server().resolver() == ResolverType.URL) {
                urlAccounts = UrlAccounts.start(h);
            } else if (spec.server().resolver().natsBased()) {
                ResolverDirectory.write(h, ServerSetup.resolverDirectory(dir));
            }
            LiveAccounts live = urlAccounts;
            try {
                RunningServer server = chosen.start(ServerSetup.launchSpec(id, dir, owns, h, s,
                        urlAccounts == null ? null : urlAccounts.url()));
                if (spec.server().resolver().natsBased()) {
                    try {
                        live = NatsAccounts.start(spec.server().resolver(), h, server.clientUrl(), 1);
                    } catch (RuntimeException e) {
                        server.close();
                        throw e;
                    }
                }
                Sandbox sandbox = new Sandbox(id, s, dir, owns, h, server, live);
                // A JVM that exits without closing the sandbox still stops its server and removes its directory.
                ServerRegistry.closeAtExit(sandbox);
                ok = true;
                return sandbox;
            } finally {
                if (!ok && live != null) {
                    live.close();
                }
            }
        } catch (ServerStartException e) {
            throw e.withNote(owns ? keepsFailedStart(s) ? "; sandbox files kept in [" + dir + "] (keepFiles ALWAYS)"
                    : "; the sandbox directory was removed (keepFiles ALWAYS keeps it)" : "");
        } finally {
            if (!ok && owns && !keepsFailedStart(s)) {
                SecureFiles.deleteRecursively(dir);
            } else if (!ok && owns && Files.exists(dir)) {
                System.getLogger(Sandbox.class.getName()).log(System.Logger.Level.INFO,
                        "[" + id + "] start failed; kept sandbox files in " + dir);
            }
        }
    }

    /**
     * The spec declares a cluster ({@code server.cluster.size}): every server started at once and routed to the
     * others, wrapped in a sandbox whose own methods use server 0 and whose {@link Sandbox#cluster()} reaches all.
     */
    private Sandbox startCluster(SandboxSettings s) {
        if (s.port() != null && s.port() != -1) {
            throw new InvalidInputException("port [" + s.port() + "] cannot be used with server.cluster (size "
                    + spec.server().clusterSize() + "): each server of a cluster lets the system pick its own port; "
                    + "remove the port setting");
        }
        SandboxCluster cluster = SandboxCluster.start(spec, spec.server().clusterSize(), s, download);
        Sandbox sandbox = new Sandbox(s, cluster, s.directory() == null);
        ServerRegistry.closeAtExit(sandbox);
        return sandbox;
    }

    /**
     * A start that fails has nothing to inspect but what its exception says (command line, exit code, log tail), so
     * its directory goes unless files are kept whatever happens: {@link KeepFiles#ON_FAILURE} is about sandboxes
     * that ran.
     */
    private static boolean keepsFailedStart(SandboxSettings s) {
        return s.keepFiles() == KeepFiles.ALWAYS;
    }
}
