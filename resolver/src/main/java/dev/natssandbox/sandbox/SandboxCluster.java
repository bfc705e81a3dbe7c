package dev.natssandbox.sandbox;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.config.ResolverDirectory;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.internal.server.Launchers;
import dev.natssandbox.internal.server.ServerLauncher;
import dev.natssandbox.internal.server.ServerRegistry;
import dev.natssandbox.internal.store.NscStore;
import dev.natssandbox.internal.store.StoreLayout;
import dev.natssandbox.internal.util.SecureFiles;
import io.nats.client.Connection;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Several nats-servers on loopback, routed to each other as one cluster, all with the same operator and accounts:
 * each server has its own port, directory, resolver directory and log. With the full NATS-based resolver (the
 * default for a cluster) every server's directory is filled before start and changes are pushed to all of them;
 * with the memory resolver every server is reloaded.
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
    public static final int MAX_SIZE = 7;
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration CONVERGE = Duration.ofSeconds(30);

    private final String id;
    private final Path directory;
    private final StoreLayout layout;
    private final List<ClusterNode> nodes;
    private final ServerLauncher launcher;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object changeLock = new Object();
    private volatile Hierarchy hierarchy;

    private SandboxCluster(String id, Path directory, List<ClusterNode> nodes, ServerLauncher launcher,
                           Hierarchy hierarchy) {
        this.id = id;
        this.directory = directory;
        this.layout = new StoreLayout(directory);
        this.nodes = nodes;
        this.launcher = launcher;
        this.hierarchy = hierarchy;
    }

    /**
     * Starts the cluster with the local nats-server binary and waits until every server is ready and routed to
     * every other.
     *
     * @param spec what to run; resolver {@code full} (what production clusters run) or {@code memory}
     * @param size how many servers, 1 to {@value #MAX_SIZE}
     * @return the running cluster
     */
    public static SandboxCluster start(SandboxSpec spec, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("cluster size [" + size + "] must be between 1 and " + MAX_SIZE);
        }
        ResolverType resolver = spec.server().resolver();
        if (resolver == ResolverType.URL || resolver == ResolverType.CACHE) {
            throw new InvalidInputException("resolver [" + resolver.name().toLowerCase(java.util.Locale.ROOT)
                    + "] is not supported in a cluster sandbox; use full (every server stores every account) or "
                    + "memory");
        }
        ServerLauncher launcher = Launchers.resolve(LauncherKind.BINARY, null, DockerSettings.fromEnvironment());
        String id = String.format("cluster-%08x", ThreadLocalRandom.current().nextInt());
        Path dir = SecureFiles.createPrivateTempDirectory(null, "nats-sandbox-" + id + "-");
        List<ClusterNode> nodes = new ArrayList<>();
        SandboxCluster cluster = null;
        try {
            Hierarchy h = Provisioner.provision(spec, KeySource.generating(), Clock.systemUTC());
            NscStore.writeTree(h, null, new StoreLayout(dir));
            for (int i = 0; i < size; i++) {
                ClusterNode node = new ClusterNode(i, "node-" + i, SecureFiles.createPrivateDirectories(
                        dir.resolve("node-" + i)));
                if (resolver == ResolverType.FULL) {
                    ResolverDirectory.write(h, node.resolverDirectory());
                }
                nodes.add(node);
            }
            cluster = new SandboxCluster(id, dir, nodes, launcher, h);
            ServerRegistry.closeAtExit(cluster);
            // The first server is the seed; the others start together, routed to it, and learn of each other.
            nodes.get(0).start(launcher, id, h, id, List.of(), STARTUP);
            int seed = nodes.get(0).routePort;
            List<CompletableFuture<Void>> rest = nodes.subList(1, size).stream().map(n -> CompletableFuture.runAsync(
                    () -> n.start(launcher, id, h, id, List.of(seed), STARTUP))).toList();
            CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).join();
            cluster.awaitMesh();
            return cluster;
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            } else {
                SecureFiles.deleteRecursively(dir);
            }
            throw e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof RuntimeException r
                    ? r : e;
        }
    }

    /** @return this cluster's id (its servers' log lines carry it) */
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
     * @return its name ({@code server_name})
     */
    public String serverName(int node) {
        return node(node).name;
    }

    /** @return the private directory: nsc store, keystore and creds, and one {@code node-N} directory per server */
    public Path directory() {
        return directory;
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
     * Returns once server {@code publishingNode} knows, through its routes, of a subscription of {@code account}
     * matching {@code subject} on another server: from then on a message published there is forwarded to it.
     *
     * @param publishingNode the server a message will be published on
     * @param account        the account's name
     * @param subject        a literal subject
     */
    public void awaitInterest(int publishingNode, String account, String subject) {
        String key = hierarchy.account(account).publicKey();
        try (SystemLink link = system(publishingNode)) {
            RouteWatch.await(link.connection, "{\"subscriptions_detail\":true}",
                    data -> RouteWatch.hasInterest(data, key, subject), CONVERGE,
                    "interest of account [" + account + "] in [" + subject + "] from another server");
        }
    }

    /**
     * Stops one server (SIGTERM, bounded wait, kill); its directory stays, the others keep running.
     *
     * @param node a server index
     */
    public void stopServer(int node) {
        synchronized (changeLock) {
            ClusterNode n = node(node);
            n.server.close();
            awaitMesh();
        }
    }

    /**
     * Starts a stopped server again with its directory as it was, routed to the running ones, and returns once
     * every running server is routed to every other. Accounts pushed while it was down are looked up from the
     * others when a client of theirs arrives.
     *
     * @param node a server index
     */
    public void restartServer(int node) {
        synchronized (changeLock) {
            ClusterNode n = node(node);
            if (n.isAlive()) {
                throw new InvalidInputException("server [" + n.name + "] is running; stop it first");
            }
            List<Integer> seeds = nodes.stream().filter(ClusterNode::isAlive).map(o -> o.routePort).toList();
            n.start(launcher, id, hierarchy, id, seeds, STARTUP);
            awaitMesh();
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
            Hierarchy changed = Provisioner.reprovision(next, current, Clock.systemUTC());
            NscStore.sync(current, changed, null, layout);
            List<ClusterNode> alive = nodes.stream().filter(ClusterNode::isAlive).toList();
            if (changed.spec().server().resolver() == ResolverType.FULL) {
                try (NatsAccounts accounts = NatsAccounts.start(ResolverType.FULL, current,
                        alive.get(0).server.clientUrl(), alive.size())) {
                    accounts.apply(current, changed, null);
                }
            } else if (!ServerSetup.serverState(current).equals(ServerSetup.serverState(changed))) {
                for (ClusterNode n : alive) {
                    List<Integer> seeds = alive.stream().filter(o -> o != n).map(o -> o.routePort).toList();
                    n.server.reload(n.renderer(changed, id, seeds));
                }
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

    /** Every running server routed to every other running one, asked of each (ROUTEZ). */
    private void awaitMesh() {
        List<ClusterNode> alive = nodes.stream().filter(ClusterNode::isAlive).toList();
        for (ClusterNode n : alive) {
            try (SystemLink link = system(n.index)) {
                RouteWatch.await(link.connection, "{}", data -> {
                    java.util.Set<String> ids = new java.util.HashSet<>();
                    data.path("routes").forEach(r -> ids.add(r.path("remote_id").asText()));
                    return ids.size() == alive.size() - 1;
                }, CONVERGE, "routes to all " + (alive.size() - 1) + " other running servers");
            }
        }
    }

    /** A system-account connection to one server, closed after use. */
    private final class SystemLink implements AutoCloseable {
        final Connection connection;

        SystemLink(int node) {
            UserIdentity sys = hierarchy.systemAccount().users().get(0);
            connection = SandboxConnections.connect(sys, SandboxConnections.options(serverUrl(node), hierarchy, sys)
                    .build());
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private SystemLink system(int node) {
        return new SystemLink(node);
    }

    private ClusterNode node(int node) {
        if (node < 0 || node >= nodes.size()) {
            throw new InvalidInputException("server index [" + node + "] must be between 0 and "
                    + (nodes.size() - 1));
        }
        return nodes.get(node);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new NatsSandboxException("cluster [" + id + "] is closed");
        }
    }

    /** Closes every connection, stops every server and removes the directory. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ServerRegistry.forgetAtExit(this);
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
                for (ClusterNode n : nodes) {
                    if (n.server != null) {
                        n.server.close();
                    }
                }
            } finally {
                SecureFiles.deleteRecursively(directory);
            }
        }
    }

    @Override
    public String toString() {
        return "SandboxCluster[" + id + ", " + nodes.size() + " servers]";
    }
}
