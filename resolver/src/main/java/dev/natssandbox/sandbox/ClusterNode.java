package dev.natssandbox.sandbox;

import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.config.ServerConfig;
import dev.natssandbox.internal.server.ConfigRenderer;
import dev.natssandbox.internal.server.LaunchSpec;
import dev.natssandbox.internal.server.RunningServer;
import dev.natssandbox.internal.server.ServerLauncher;
import dev.natssandbox.internal.util.SecureFiles;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;
import io.nats.client.Connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One server of a {@link SandboxCluster}: its own directory, config, resolver directory, JetStream store, log and
 * route port, and a system-account connection to it (opened on first use, closed when the server stops).
 */
final class ClusterNode {
    /** What nats-server logs when a port it must listen on is taken. */
    static final String PORT_TAKEN = "address already in use";

    final int index;
    final String name;
    final Path directory;
    volatile RunningServer server;
    volatile int routePort;
    /** Whether the server was stopped on purpose ({@link #stop}), so that its end is not a failure. */
    private volatile boolean stopped;
    private Connection system;

    ClusterNode(int index, String name, Path directory) {
        this.index = index;
        this.name = name;
        this.directory = directory;
    }

    /** @return the resolver directory of this node */
    Path resolverDirectory() {
        return ServerSetup.resolverDirectory(directory);
    }

    /**
     * Starts this node listening for routes on {@code routePort} and routed to every port of {@code peerRoutePorts}.
     */
    void start(ServerLauncher launcher, String clusterName, Hierarchy h, String id, int routePort,
               List<Integer> peerRoutePorts, Duration startupTimeout) {
        this.routePort = routePort;
        stopped = false;
        ConfigRenderer renderer = renderer(h, clusterName, peerRoutePorts);
        server = launcher.start(new LaunchSpec(name, directory, directory.resolve("nats-server.log"),
                h.spec().server().host(), -1, h.spec().server().jetStream(), renderer, startupTimeout, false));
    }

    ConfigRenderer renderer(Hierarchy h, String clusterName, List<Integer> peerRoutePorts) {
        int port = routePort;
        return listen -> {
            ServerConfig.Builder b = ServerConfig.builder(h).host(listen.host()).port(listen.port()).serverName(name)
                    .authTimeout(ServerSetup.AUTH_TIMEOUT);
            if (h.spec().server().resolver().natsBased()) {
                b.natsResolver(ResolverType.FULL, resolverDirectory().toAbsolutePath().toString());
            }
            if (listen.jetStreamDir() != null) {
                b.jetStream(Path.of(listen.jetStreamDir()));
            }
            StringBuilder cluster = new StringBuilder(h.spec().server().extraConfig()).append('\n')
                    .append("cluster {\n  name: ").append(ServerConfig.quote(clusterName)).append('\n')
                    .append("  host: ").append(ServerConfig.quote(listen.host())).append("\n  port: ").append(port)
                    .append('\n');
            if (!peerRoutePorts.isEmpty()) {
                cluster.append("  routes: [\n");
                // Host from the listen address: routes stay on loopback like everything else.
                peerRoutePorts.forEach(p -> cluster.append("    \"nats-route://").append(listen.host()).append(':')
                        .append(p).append("\"\n"));
                cluster.append("  ]\n");
            }
            cluster.append("}\n");
            return b.extra(cluster.toString()).render();
        };
    }

    /**
     * @return a system-account connection to this node, opened on first use and kept until the node stops
     * @throws NatsSandboxException when the node was stopped
     */
    synchronized Connection system(Hierarchy h) {
        if (stopped) {
            // Checked under the same lock stop() closes the connection with: none is opened after a stop.
            throw new NatsSandboxException("server [" + name + "] is stopped; restart it (restartServer(" + index
                    + ")) or ask another server");
        }
        if (system == null || system.getStatus() != Connection.Status.CONNECTED) {
            closeSystem();
            UserIdentity sys = h.systemAccount().users().get(0);
            system = SandboxConnections.connectUnkept(server.clientUrl(), h, sys);
        }
        return system;
    }

    /** Closes the system-account connection, if open. */
    synchronized void closeSystem() {
        if (system != null) {
            try {
                system.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                system = null;
            }
        }
    }

    /** Closes the system connection and stops the server (SIGTERM, bounded wait, kill). */
    void stop() {
        stopped = true;
        closeSystem();
        RunningServer s = server;
        if (s != null) {
            s.close();
        }
    }

    /** Empties the JetStream store of a stopped server, so that its next start joins a meta group afresh. */
    void clearJetStream() {
        Path store = directory.resolve("jetstream");
        if (Files.exists(store)) {
            SecureFiles.deleteRecursively(store);
        }
    }

    /** @return whether this node's server was started and not stopped on purpose since */
    boolean expectedAlive() {
        return server != null && !stopped;
    }

    boolean isAlive() {
        RunningServer s = server;
        return s != null && s.isAlive();
    }
}
