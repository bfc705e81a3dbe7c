package dev.natssandbox.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.config.ServerConfig;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.internal.server.ConfigRenderer;
import dev.natssandbox.internal.server.LaunchSpec;
import dev.natssandbox.internal.server.RunningServer;
import dev.natssandbox.internal.server.ServerLauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.List;

/** One server of a {@link SandboxCluster}: its own directory, config, resolver directory, log and route port. */
final class ClusterNode {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PORTS_DEADLINE = Duration.ofSeconds(30);

    final int index;
    final String name;
    final Path directory;
    volatile RunningServer server;
    volatile int routePort;

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
     * Starts this node routed to {@code seedRoutePorts} (none for the first node).
     */
    void start(ServerLauncher launcher, String clusterName, Hierarchy h, String id, List<Integer> seedRoutePorts,
               Duration startupTimeout) {
        ConfigRenderer renderer = renderer(h, clusterName, seedRoutePorts);
        server = launcher.start(new LaunchSpec(id + "-" + name, directory, directory.resolve("nats-server.log"),
                h.spec().server().host(), -1, h.spec().server().jetStream(), renderer, startupTimeout, false));
        routePort = readRoutePort();
    }

    ConfigRenderer renderer(Hierarchy h, String clusterName, List<Integer> seedRoutePorts) {
        return listen -> {
            ServerConfig.Builder b = ServerConfig.builder(h).host(listen.host()).port(listen.port()).serverName(name);
            if (h.spec().server().resolver() == ResolverType.FULL) {
                b.natsResolver(ResolverType.FULL, resolverDirectory().toAbsolutePath().toString());
            }
            if (listen.jetStreamDir() != null) {
                b.jetStream(Path.of(listen.jetStreamDir()));
            }
            StringBuilder cluster = new StringBuilder(h.spec().server().extraConfig()).append('\n')
                    .append("cluster {\n  name: ").append(ServerConfig.quote(clusterName)).append('\n')
                    .append("  host: ").append(ServerConfig.quote(listen.host())).append("\n  port: -1\n");
            if (!seedRoutePorts.isEmpty()) {
                cluster.append("  routes: [\n");
                // Host from the listen address: routes stay on loopback like everything else.
                seedRoutePorts.forEach(p -> cluster.append("    \"nats-route://").append(listen.host()).append(':')
                        .append(p).append("\"\n"));
                cluster.append("  ]\n");
            }
            cluster.append("}\n");
            return b.extra(cluster.toString()).render();
        };
    }

    /**
     * Reads the route port the server chose ({@code port: -1}) from the ports file it writes at start
     * ({@code --ports_file_dir}: {@code {"nats": […], "cluster": ["nats://127.0.0.1:PORT"]}}), waiting for the file
     * to be written by watching the directory (woken by the server's write, not by a timer). The newest file is
     * this run's; an earlier run's is removed by the server when it stops.
     */
    private int readRoutePort() {
        Path ports = directory.resolve("ports");
        Instant deadline = Instant.now().plus(PORTS_DEADLINE);
        try (WatchService watcher = ports.getFileSystem().newWatchService()) {
            ports.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                OptionalInt port = tryReadRoutePort(ports);
                if (port.isPresent()) {
                    return port.getAsInt();
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || !server.isAlive()) {
                    throw new NatsSandboxException("server [" + name + "] wrote no route port into [" + ports
                            + "] within " + PORTS_DEADLINE.toSeconds() + " s; log: " + server.logFile());
                }
                WatchKey key = watcher.poll(left, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (IOException e) {
            throw new NatsSandboxException("cannot watch [" + ports + "] for server [" + name + "]'s ports: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while reading server [" + name + "]'s route port", e);
        }
    }

    private static OptionalInt tryReadRoutePort(Path ports) throws IOException {
        try (Stream<Path> files = Files.list(ports)) {
            Optional<Path> newest = files.filter(f -> f.toString().endsWith(".ports"))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()));
            if (newest.isEmpty()) {
                return OptionalInt.empty();
            }
            String url;
            try {
                url = JSON.readTree(newest.get().toFile()).path("cluster").path(0).asText("");
            } catch (IOException partlyWritten) {
                return OptionalInt.empty();
            }
            int colon = url.lastIndexOf(':');
            return colon < 0 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(url.substring(colon + 1)));
        }
    }

    boolean isAlive() {
        RunningServer s = server;
        return s != null && s.isAlive();
    }
}
