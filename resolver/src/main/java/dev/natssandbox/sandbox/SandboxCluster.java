package dev.natssandbox.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.config.ResolverDirectory;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.ServerSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.internal.server.LauncherOptions;
import dev.natssandbox.internal.server.Launchers;
import dev.natssandbox.internal.server.RunningServer;
import dev.natssandbox.internal.server.ServerLauncher;
import dev.natssandbox.internal.server.ServerRegistry;
import dev.natssandbox.internal.store.NscStore;
import dev.natssandbox.internal.store.StoreLayout;
import dev.natssandbox.internal.util.Parallel;
import dev.natssandbox.internal.util.SecureFiles;
import dev.natssandbox.server.ServerDiedException;
import dev.natssandbox.server.ServerDownload;
import dev.natssandbox.server.ServerStartException;
import io.nats.client.Connection;
import io.nats.client.Options;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Several nats-servers on loopback, routed to each other as one cluster, all with the same operator and accounts:
 * each server has its own port, directory, resolver directory, JetStream store and log. With the full NATS-based
 * resolver every server's directory is filled before start and changes are pushed to all of them; with the memory
 * resolver every server is reloaded. A spec that declares {@code server.cluster.size} gets one from
 * {@code Sandbox.builder(spec).start()} too ({@link Sandbox#cluster()}), with the builder's settings.
 *
 * <pre>{@code
 * try (SandboxCluster c = SandboxCluster.start(spec, 3)) {
 *     Connection sub = c.connect("TestService", 1);
 *     sub.subscribe("req.a");
 *     c.awaitInterest(0, "TestAccount", "req.a");     // server 0 now routes req.a to server 1
 *     c.connect("TestClient", 0).publish("req.a", data);
 * }
 * }</pre>
 *
 * <p>{@link #awaitInterest} is how a cross-server check stays deterministic: interest travels over routes
 * asynchronously, so before publishing on one server, ask that server until it lists the other server's subscription
 * among its routes' subscriptions ({@code ROUTEZ}); then the usual flush ordering decides delivery.
 */
public final class SandboxCluster implements AutoCloseable {
    /** The largest cluster a sandbox runs. */
    public static final int MAX_SIZE = ServerSpec.MAX_CLUSTER_SIZE;
    private static final System.Logger LOG = System.getLogger(SandboxCluster.class.getName());
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    /** A JetStream meta leader is elected within seconds; a slow, shared machine gets more. */
    private static final Duration JETSTREAM_READY = Duration.ofSeconds(60);
    /**
     * How long a start waits for the JetStream meta group to form before it starts the servers again on fresh
     * stores (not on its last attempt): groups form within about a second even on a busy machine.
     */
    private static final Duration JETSTREAM_FORMATION = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 5;
    /** Route ports come from the span of ports just below the ephemeral range. */
    private static final int ROUTE_PORT_SPAN = 8000;

    private final String id;
    private final Path directory;
    private final boolean ownsDirectory;
    private final KeepFiles keepFiles;
    private final StoreLayout layout;
    private final List<ClusterNode> nodes;
    private final ServerLauncher launcher;
    private final Duration startupTimeout;
    private volatile ServerRegistry.Registration registration;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object changeLock = new Object();
    /**
     * One daemon thread per server for the blocking work done for all servers at once (starts, route and JetStream
     * waits): never the common ForkJoinPool, whose few workers a caller's pool may be waiting on.
     */
    private final ExecutorService workers;
    private volatile Hierarchy hierarchy;
    private volatile boolean failed;

    private SandboxCluster(String id, Path directory, boolean ownsDirectory, KeepFiles keepFiles,
                           List<ClusterNode> nodes, ServerLauncher launcher, Hierarchy hierarchy,
                           Duration startupTimeout) {
        this.id = id;
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        this.keepFiles = keepFiles;
        this.layout = new StoreLayout(directory);
        this.nodes = List.copyOf(nodes);
        this.launcher = launcher;
        this.hierarchy = hierarchy;
        this.startupTimeout = startupTimeout;
        AtomicInteger worker = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(nodes.size(), r -> {
            Thread t = new Thread(r, id + "-worker-" + worker.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the cluster the spec declares ({@code server.cluster.size}) with the local nats-server binary and waits
     * until every server is ready and routed to every other (and, with JetStream, has a meta leader).
     *
     * @param spec what to run, with {@code server.cluster.size} set
     * @return the running cluster
     */
    public static SandboxCluster start(SandboxSpec spec) {
        if (!spec.server().clustered()) {
            throw new InvalidInputException("the spec declares no cluster (server.cluster.size is not set); set it, "
                    + "e.g. server: {cluster: {size: 3}}, or use start(spec, size)");
        }
        return start(spec, spec.server().clusterSize());
    }

    /**
     * Starts the cluster with the local nats-server binary and waits until every server is ready and routed to
     * every other (and, with JetStream, has a meta leader).
     *
     * @param spec what to run; resolver {@code full} (what production clusters run) or {@code memory}
     * @param size how many servers, 1 to {@value #MAX_SIZE}
     * @return the running cluster
     */
    public static SandboxCluster start(SandboxSpec spec, int size) {
        if (spec.server().clustered() && spec.server().clusterSize() != size) {
            throw new InvalidInputException("cluster size [" + size + "] differs from the spec's server.cluster.size ["
                    + spec.server().clusterSize() + "]; use start(spec) for the spec's, or make them agree");
        }
        return start(spec, size, SandboxSettings.defaults(), null);
    }

    /**
     * Starts a cluster with the builder's settings: directory, keep-files, key source, startup timeout, binary, and
     * the server download ({@code null}: none) when no binary is installed, as a single server's start uses it.
     */
    static SandboxCluster start(SandboxSpec spec, int size, SandboxSettings s, ServerDownload download) {
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("cluster size [" + size + "] must be between 1 and " + MAX_SIZE
                    + "; use e.g. 3");
        }
        ResolverType resolver = spec.server().resolver();
        if (resolver == ResolverType.URL || resolver == ResolverType.CACHE) {
            throw new InvalidInputException("resolver [" + resolver.name().toLowerCase(Locale.ROOT)
                    + "] is not supported in a cluster sandbox; use full (every server stores every account) or "
                    + "memory");
        }
        if (s.launcher() == null && s.launcherKind() == LauncherKind.DOCKER) {
            throw new InvalidInputException("launcher [docker] cannot run a cluster sandbox (its servers route to "
                    + "each other on loopback and share the sandbox directory); use launcher binary or auto");
        }
        ServerLauncher launcher = s.launcher() != null ? s.launcher() : download == null
                ? Launchers.resolve(LauncherKind.BINARY, s.serverPath(), s.docker())
                : Launchers.resolve(LauncherKind.BINARY, new LauncherOptions(s.serverPath(), s.docker(), download),
                        Launchers.installed());
        String id = String.format("cluster-%08x", ThreadLocalRandom.current().nextInt());
        boolean owns = s.directory() == null;
        Path dir = owns ? SecureFiles.createPrivateTempDirectory(s.baseDirectory(), "nats-sandbox-" + id + "-")
                : SecureFiles.createPrivateDirectories(s.directory()).toAbsolutePath();
        SandboxCluster cluster = null;
        try {
            Hierarchy h = Provisioner.provision(spec, s.keySource() == null ? KeySource.generating() : s.keySource(),
                    Clock.systemUTC());
            if (owns) {
                NscStore.writeTree(h, null, new StoreLayout(dir));
            } else {
                NscStore.update(h, null, new StoreLayout(dir));
            }
            List<ClusterNode> nodes = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                ClusterNode node = new ClusterNode(i, id + "-node-" + i, SecureFiles.createPrivateDirectories(
                        dir.resolve("node-" + i)));
                if (resolver == ResolverType.FULL) {
                    ResolverDirectory.write(h, node.resolverDirectory());
                }
                nodes.add(node);
            }
            cluster = new SandboxCluster(id, dir, owns, s.keepFiles(), nodes, launcher, h, s.startupTimeout());
            // Each server's registry entry stops it after a killed JVM; this entry (no process of its own, and named
            // so that it is reaped after theirs) removes the cluster's directory with every node's files.
            cluster.registration = ServerRegistry.register(id, cluster, -1, null,
                    owns && !s.keepFiles().keeps(false) ? dir : null);
            ServerRegistry.closeAtExit(cluster);
            cluster.startAll();
            return cluster;
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            } else if (owns) {
                SecureFiles.deleteRecursively(dir);
            }
            throw e;
        }
    }

    /**
     * Starts every server at once. Each listens for routes on a port chosen here (below the system's ephemeral
     * range, so that no server's client port, picked by the system, can take it, and bound a moment ago to check it
     * is free) and has routes to all servers ({@link #routes}): whichever of two servers dials second finds the other
     * listening, so no server waits for a route retry. A route port taken in between makes that server fail or exit with
     * "address already in use"; then every server is stopped and the start is tried again with other ports.
     *
     * <p>With JetStream, a server can stay outside the meta group for good although all its routes are up: the
     * first meta leader sometimes counts it out and shrinks the group (in 1 start of 5 to 10 on 2.10.27, 3 servers on
     * 2 cores; the leader then reports a {@code cluster_size} below the number of servers). Such a start, or one
     * whose group has not formed within {@link #JETSTREAM_FORMATION}, is tried again the same way on emptied
     * JetStream stores, and says so in the log; the last attempt waits the full {@link #JETSTREAM_READY}.
     */
    private void startAll() {
        for (int attempt = 1; ; attempt++) {
            List<Integer> ports = freeRoutePorts(nodes.size(), spec().server().host());
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (ClusterNode n : nodes) {
                List<Integer> peers = routes(ports);
                starts.add(CompletableFuture.runAsync(() -> {
                    n.start(launcher, id, hierarchy, id, ports.get(n.index), peers, startupTimeout);
                    // Connected while the others may still be starting: the route checks then only ask.
                    n.system(hierarchy);
                }, workers));
            }
            try {
                Parallel.join(CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)));
                awaitMesh();
                if (spec().server().jetStream()) {
                    if (attempt < START_ATTEMPTS) {
                        awaitJetStream(JETSTREAM_FORMATION, true);
                    } else {
                        awaitJetStream(JETSTREAM_READY, false);
                    }
                }
                return;
            } catch (RuntimeException e) {
                // Every start has ended (allOf completes after all of them): stop what did start.
                boolean clash = portClash(e);
                MetaGroupNotFormed unformed = cause(e, MetaGroupNotFormed.class);
                nodes.forEach(ClusterNode::stop);
                if (attempt >= START_ATTEMPTS || !(clash || unformed != null)) {
                    throw e;
                }
                if (unformed != null) {
                    nodes.forEach(ClusterNode::clearJetStream);
                    LOG.log(System.Logger.Level.INFO, "[" + id + "] the JetStream meta group did not form ("
                            + unformed.getMessage() + "); starting the servers again on empty stores");
                } else {
                    LOG.log(System.Logger.Level.DEBUG, () -> "[" + id + "] a route port was taken; starting again");
                }
            }
        }
    }

    /**
     * Every server is given the route ports of all servers, its own included, as nats-server's documentation
     * advises: a server ignores the route to itself, and JetStream sizes its first meta group from the number of
     * routes (at least 2). Without its own port a server of 3 counted 2, and two servers could form the group
     * without the third, which then stayed out of it.
     *
     * @return the ports each server routes to; none for a single server
     */
    private static List<Integer> routes(List<Integer> ports) {
        return ports.size() > 1 ? ports : List.of();
    }

    /**
     * @return whether a port was taken: said by the failure (a server that did not start) or in the log of a server
     *         that started and then could not listen on its route port
     */
    private boolean portClash(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(ClusterNode.PORT_TAKEN)
                    || t instanceof ServerStartException s && s.logTail().stream()
                    .anyMatch(l -> l.contains(ClusterNode.PORT_TAKEN))) {
                return true;
            }
        }
        return nodes.stream().map(n -> n.server).filter(Objects::nonNull)
                .anyMatch(s -> s.logTail(20).stream().anyMatch(l -> l.contains(ClusterNode.PORT_TAKEN)));
    }

    /**
     * @return {@code count} distinct ports below the ephemeral range ({@code ip_local_port_range}, by default from
     *         32768) that were free on {@code host} a moment ago; any free ports when that range is unknown or low
     */
    private static List<Integer> freeRoutePorts(int count, String host) {
        int ephemeralLow = ephemeralLow();
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ports.add(bindFree(host, ephemeralLow, sockets));
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot release a probe socket: " + e);
                }
            }
        }
    }

    private static int bindFree(String host, int ephemeralLow, List<ServerSocket> sockets) {
        IOException last = null;
        int low = ephemeralLow - ROUTE_PORT_SPAN;
        for (int tries = 0; tries < 50; tries++) {
            int port = low >= 1024 ? low + ThreadLocalRandom.current().nextInt(ROUTE_PORT_SPAN) : 0;
            ServerSocket socket = null;
            try {
                socket = new ServerSocket();
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(host, port));
                sockets.add(socket);
                return socket.getLocalPort();
            } catch (IOException e) {
                last = e;
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException ignored) {
                    // never bound
                }
            }
        }
        throw new NatsSandboxException("cannot find a free route port on [" + host + "] below " + ephemeralLow
                + ": " + last, last);
    }

    /** @return the lowest port the system hands out for port 0, by default 32768 */
    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    /** @return this cluster's id (its servers' log lines carry it; also the cluster's {@code name}) */
    public String id() {
        return id;
    }

    /** @return how many servers */
    public int size() {
        return nodes.size();
    }

    /** @return every server's client URL, by index (a stopped server's last URL) */
    public List<String> serverUrls() {
        return nodes.stream().map(n -> n.server.clientUrl()).toList();
    }

    /**
     * @param node a server index
     * @return its client URL
     */
    public String serverUrl(int node) {
        return node(node).server.clientUrl();
    }

    /**
     * @param node a server index
     * @return its name: {@code server_name} in its configuration, the prefix of its log lines, and
     *         {@code <cluster id>-node-<index>}
     */
    public String serverName(int node) {
        return node(node).name;
    }

    /**
     * @param node a server index
     * @return whether that server is running
     */
    public boolean isRunning(int node) {
        return !closed.get() && node(node).isAlive();
    }

    /** @return the private directory: nsc store, keystore and creds, and one {@code node-N} directory per server */
    public Path directory() {
        return directory;
    }

    /**
     * @param node a server index
     * @return that server's directory (config, resolver directory, JetStream store, log)
     */
    public Path serverDirectory(int node) {
        return node(node).directory;
    }

    /** @return the current identities and JWTs */
    public Hierarchy hierarchy() {
        return hierarchy;
    }

    /** @return the current spec */
    public SandboxSpec spec() {
        return hierarchy.spec();
    }

    /**
     * @param user {@code "User"} or {@code "Account/User"}
     * @return its creds file
     */
    public Path credsFile(String user) {
        UserIdentity u = hierarchy.user(user);
        return layout.creds(hierarchy.operator().name(), u.account(), u.name());
    }

    /**
     * @param node a server index
     * @param lines how many
     * @return the last lines of that server's log
     */
    public List<String> logTail(int node, int lines) {
        return node(node).server.logTail(lines);
    }

    /**
     * @param node a server index
     * @return that server's configuration file
     */
    public Path configFile(int node) {
        return node(node).server.configFile();
    }

    /**
     * @param node a server index
     * @return that server's log file
     */
    public Path logFile(int node) {
        return node(node).server.logFile();
    }

    /**
     * @param node a server index
     * @return that server's process id; empty when it runs in a container
     */
    public OptionalLong pid(int node) {
        return node(node).server.pid();
    }

    /**
     * @param lines how many per server
     * @return the last lines of every server's log, each block headed by the server's name
     */
    public String logTails(int lines) {
        StringBuilder sb = new StringBuilder();
        for (ClusterNode n : nodes) {
            if (n.server != null) {
                sb.append("--- ").append(n.name).append(" (").append(n.server.logFile()).append(")\n");
                n.server.logTail(lines).forEach(l -> sb.append(l).append('\n'));
            }
        }
        return sb.toString();
    }

    /**
     * @param user {@code "User"} or {@code "Account/User"}
     * @param node the server to connect to
     * @return a connection authenticated as the user, closed with the cluster
     * @throws ConnectionRefusedException when the server refuses the user
     */
    public Connection connect(String user, int node) {
        checkOpen();
        Hierarchy h = hierarchy;
        UserIdentity u = h.user(user);
        Connection c = SandboxConnections.connect(u, SandboxConnections.options(serverUrl(node), h, u).build());
        connections.add(c);
        return c;
    }

    /**
     * @param user {@code "User"} or {@code "Account/User"}
     * @param node the server to connect to
     * @return options for that server's URL and the user's credentials (connections made with them are the
     *         caller's to close)
     */
    public Options.Builder options(String user, int node) {
        checkOpen();
        Hierarchy h = hierarchy;
        return SandboxConnections.options(serverUrl(node), h, h.user(user));
    }

    /**
     * Returns once server {@code publishingNode} knows, through its routes, of a subscription of {@code account}
     * matching {@code subject} on another server: from then on a message published there is forwarded to it.
     *
     * @param publishingNode the server a message will be published on
     * @param account        the account's name
     * @param subject        a literal subject
     */
    public void awaitInterest(int publishingNode, String account, String subject) {
        checkOpen();
        String key = hierarchy.account(account).publicKey();
        RouteWatch.await(node(publishingNode).system(hierarchy), "{\"subscriptions_detail\":true}",
                data -> RouteWatch.hasInterest(data, key, subject), CONVERGE,
                "interest of account [" + account + "] in [" + subject + "] from another server");
    }

    /**
     * Stops one server (SIGTERM, bounded wait, kill); its directory stays, the others keep running. Returns once
     * every running server reports routes to all other running ones (and, with JetStream, a meta leader).
     *
     * @param node a server index
     */
    public void stopServer(int node) {
        synchronized (changeLock) {
            checkOpen();
            node(node).stop();
            awaitMesh();
            if (spec().server().jetStream()) {
                awaitJetStream();
            }
        }
    }

    /**
     * Starts a stopped server again with its directory as it was (resolver directory, JetStream store), on its route
     * port, routed to the others, and returns once every running server is routed to every other (and, with
     * JetStream, sees a meta leader). Accounts pushed while it was down are looked up from the others when a client
     * of theirs arrives.
     *
     * @param node a server index
     */
    public void restartServer(int node) {
        synchronized (changeLock) {
            checkOpen();
            ClusterNode n = node(node);
            if (n.isAlive()) {
                throw new InvalidInputException("server [" + n.name + "] is running; stop it first");
            }
            List<Integer> peers = routes(nodes.stream().map(o -> o.routePort).toList());
            n.start(launcher, id, hierarchy, id, n.routePort, peers, startupTimeout);
            awaitMesh();
            if (spec().server().jetStream()) {
                awaitJetStream();
            }
        }
    }

    /**
     * Applies a changed spec to every running server: pushed (full resolver, every server answers) or reloaded
     * (memory resolver, each server); returns once all of them applied it.
     *
     * @param next the new spec
     */
    public void apply(SandboxSpec next) {
        synchronized (changeLock) {
            checkOpen();
            Hierarchy current = hierarchy;
            ServerSetup.requireReloadable(current.spec(), next);
            List<ClusterNode> alive = nodes.stream().filter(ClusterNode::isAlive).toList();
            if (alive.isEmpty()) {
                // Refused before anything is written: no server would take the change.
                throw new InvalidInputException("every server of cluster [" + id + "] is stopped, so none can take "
                        + "the change; restart one first (restartServer(0))");
            }
            Hierarchy changed = Provisioner.reprovision(next, current, Clock.systemUTC());
            NscStore.sync(current, changed, null, layout);
            try {
                if (changed.spec().server().resolver() == ResolverType.FULL) {
                    try (NatsAccounts accounts = NatsAccounts.start(ResolverType.FULL, current,
                            alive.get(0).server.clientUrl(), alive.size())) {
                        accounts.apply(current, changed, null);
                    }
                } else if (!ServerSetup.serverState(current).equals(ServerSetup.serverState(changed))) {
                    for (ClusterNode n : alive) {
                        List<Integer> peers = routes(nodes.stream().map(o -> o.routePort).toList());
                        n.server.reload(n.renderer(changed, id, peers));
                    }
                }
            } catch (RuntimeException e) {
                failed = true;
                NscStore.sync(changed, current, null, layout);
                throw e;
            }
            hierarchy = changed;
        }
    }

    /** @param change edits a builder holding the current spec */
    public void change(Consumer<SandboxSpec.Builder> change) {
        synchronized (changeLock) {
            SandboxSpec.Builder b = hierarchy.spec().toBuilder();
            change.accept(b);
            apply(b.build());
        }
    }

    /** @param account a new account (or a replacement for one of the same name) */
    public void addAccount(AccountSpec account) {
        change(b -> b.account(account));
    }

    /** @param name the account to remove */
    public void removeAccount(String name) {
        hierarchy.account(name);
        change(b -> b.removeAccount(name));
    }

    /**
     * Every running server routed to every other running one with all the routes it keeps to a peer, asked of each
     * ({@code ROUTEZ}, all servers at once, with a bounded back-off between questions). From 2.10 a server keeps a
     * pool of routes to each peer ({@code VARZ cluster.pool_size}, 3 by default) plus one route of its own for the
     * system account; until that one is up, system-account messages (account pushes, JetStream's meta group and
     * statistics) do not reach the peer, so one route per peer is not enough.
     */
    private void awaitMesh() {
        List<ClusterNode> alive = nodes.stream().filter(ClusterNode::isAlive).toList();
        Hierarchy h = hierarchy;
        eachAtOnce(alive, n -> {
            int pool = RouteWatch.ask(n.system(h), "VARZ", "{}").path("data").path("cluster").path("pool_size")
                    .asInt(0);
            RouteWatch.await(n.system(h), "{}", data -> meshed(data, alive.size() - 1, pool), CONVERGE,
                    "routes to all " + (alive.size() - 1) + " other running servers"
                            + (pool > 0 ? " (" + pool + " pooled and one for the system account to each)" : ""));
        });
    }

    /**
     * @param routes ROUTEZ data
     * @param peers  how many other servers run
     * @param pool   the route pool size ({@code 0} before 2.10: one route per peer, no system-account route)
     * @return whether the server has all its routes to exactly {@code peers} other servers
     */
    static boolean meshed(JsonNode routes, int peers, int pool) {
        Map<String, int[]> byPeer = new HashMap<>();
        for (JsonNode r : routes.path("routes")) {
            int[] counts = byPeer.computeIfAbsent(r.path("remote_id").asText(), k -> new int[2]);
            counts[r.path("account").asText("").isEmpty() ? 0 : 1]++;
        }
        if (byPeer.size() != peers) {
            return false;
        }
        for (int[] counts : byPeer.values()) {
            if (counts[0] < Math.max(pool, 1) || (pool > 0 && counts[1] < 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every running server knows the JetStream meta leader ({@code $SYS.REQ.SERVER.<id>.JSZ}: {@code meta_cluster}
     * names a leader), the leader reports every other running server as a current, online peer, every server has
     * applied every other one's JetStream statistics, and the API answers every account with JetStream limits (see
     * {@link JetStreamReadiness}): from then on a stream with as many replicas as running servers can be placed.
     */
    private void awaitJetStream() {
        awaitJetStream(JETSTREAM_READY, false);
    }

    /**
     * @param formation how long the meta group may take to form
     * @param failFast  whether a meta leader that counts fewer servers than run ends the wait at once
     */
    private void awaitJetStream(Duration formation, boolean failFast) {
        Hierarchy h = hierarchy;
        List<ClusterNode> alive = nodes.stream().filter(ClusterNode::isAlive).toList();
        eachAtOnce(alive, n -> awaitMetaGroup(n, h, alive.size(), formation, failFast));
        JetStreamReadiness.awaitPeerStats(alive.stream().map(n -> n.system(h)).toList(), JETSTREAM_READY);
        JetStreamReadiness.awaitAccounts(alive.get(0).server.clientUrl(), h, JETSTREAM_READY);
    }

    /**
     * Waits until the server knows a meta leader and, if it is that leader, reports every other running server as a
     * current peer. Every server is routed to as many servers as run, so the group starts with that size; a leader
     * that shrank it ({@code meta_cluster.cluster_size}) counted a server out, which then stays out of the group.
     */
    private static void awaitMetaGroup(ClusterNode n, Hierarchy h, int running, Duration formation,
                                       boolean failFast) {
        try {
            RouteWatch.awaitReply(n.system(h), "JSZ", "{}", data -> {
                JsonNode meta = data.path("meta_cluster");
                String leader = meta.path("leader").asText("");
                if (leader.isEmpty()) {
                    return false;
                }
                if (!leader.equals(n.name)) {
                    return true;
                }
                if (failFast && running > 1 && meta.path("cluster_size").asInt(running) < running) {
                    throw new MetaGroupNotFormed("meta leader [" + leader + "] counts a group of "
                            + meta.path("cluster_size").asInt() + " of the " + running + " servers; its meta_cluster: "
                            + meta);
                }
                int current = 0;
                for (JsonNode peer : meta.path("replicas")) {
                    if (peer.path("current").asBoolean(false) && !peer.path("offline").asBoolean(false)) {
                        current++;
                    }
                }
                return current >= running - 1;
            }, formation, "a JetStream meta leader with every running server as a current peer", "meta_cluster");
        } catch (MetaGroupNotFormed e) {
            throw e;
        } catch (NatsSandboxException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            throw new MetaGroupNotFormed(e);
        }
    }

    /** The JetStream meta group did not form in time. */
    private static final class MetaGroupNotFormed extends NatsSandboxException {
        private static final long serialVersionUID = 1L;

        MetaGroupNotFormed(NatsSandboxException e) {
            super(e.getMessage(), e);
        }

        MetaGroupNotFormed(String message) {
            super(message);
        }
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Runs the action for each node at once, on this cluster's own threads, and returns when all are done. */
    private void eachAtOnce(List<ClusterNode> nodes, Consumer<ClusterNode> action) {
        List<CompletableFuture<Void>> all = nodes.stream()
                .map(n -> CompletableFuture.runAsync(() -> action.accept(n), workers)).toList();
        Parallel.join(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
    }

    private ClusterNode node(int node) {
        if (node < 0 || node >= nodes.size()) {
            throw new InvalidInputException("server index [" + node + "] must be between 0 and "
                    + (nodes.size() - 1) + " (the cluster has " + nodes.size() + " servers)");
        }
        return nodes.get(node);
    }

    /**
     * Checks that a server of the cluster still runs.
     *
     * @param node a server index
     * @throws dev.natssandbox.server.ServerDiedException when that server ended (not by {@link #stopServer})
     */
    public void requireRunning(int node) {
        checkOpen();
        ClusterNode n = node(node);
        try {
            n.server.checkAlive();
        } catch (ServerDiedException e) {
            failed = true; // it ended while it should run: keep its log (ON_FAILURE)
            throw e;
        }
    }

    /**
     * Checks that every server not stopped on purpose ({@link #stopServer}) still runs.
     *
     * @throws ServerDiedException naming the first server that ended
     */
    void requireRunningServers() {
        checkOpen();
        for (ClusterNode n : nodes) {
            if (n.expectedAlive()) {
                requireRunning(n.index);
            }
        }
    }

    /**
     * @param node a server index
     * @return the running server (for the sandbox that wraps this cluster)
     */
    RunningServer runningServer(int node) {
        return node(node).server;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new NatsSandboxException("cluster [" + id + "] is closed");
        }
    }

    /** Marks the cluster as failed, so that {@link KeepFiles#ON_FAILURE} keeps its files for inspection. */
    void markFailed() {
        failed = true;
    }

    /**
     * Closes every connection, stops every server and removes the directory unless it is kept (keep-files policy,
     * or a directory the caller chose). Idempotent.
     */
    @Override
    public void close() {
        close(false);
    }

    /**
     * @param afterStopSignal whether the stop was asked for by a signal that also reached the servers (a terminal's
     *                        Ctrl-C), so that a server that has already exited is no failure
     */
    void close(boolean afterStopSignal) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ServerRegistry.forgetAtExit(this);
        if (!afterStopSignal && nodes.stream().anyMatch(n -> n.expectedAlive() && !n.isAlive())) {
            failed = true; // a server died while open, even if no operation noticed: keep its log (ON_FAILURE)
        }
        try {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            try {
                // After a stop, restart or change in progress: none of them leaves a server running behind close.
                synchronized (changeLock) {
                    for (ClusterNode n : nodes) {
                        n.stop();
                    }
                }
            } finally {
                workers.shutdownNow();
                if (registration != null) {
                    registration.close();
                }
                if (ownsDirectory && !keepFiles.keeps(failed)) {
                    SecureFiles.deleteRecursively(directory);
                } else if (ownsDirectory) {
                    LOG.log(System.Logger.Level.INFO, "[" + id + "] kept cluster files in " + directory);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SandboxCluster[" + id + ", " + nodes.size() + " servers]";
    }
}
