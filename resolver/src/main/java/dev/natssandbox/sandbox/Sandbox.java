package dev.natssandbox.sandbox;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.creds.Creds;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.UserSpec;
import dev.natssandbox.probe.PermissionProbe;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.internal.sandbox.SandboxInternals;
import dev.natssandbox.internal.server.RunningServer;
import dev.natssandbox.internal.server.ServerLauncher;
import dev.natssandbox.server.ServerDiedException;
import dev.natssandbox.internal.server.ServerRegistry;
import dev.natssandbox.internal.store.NscStore;
import dev.natssandbox.internal.store.StoreLayout;
import dev.natssandbox.internal.util.SecureFiles;
import io.nats.client.Connection;
import io.nats.client.Options;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A running nats-server with real decentralized auth, built from a {@link SandboxSpec}: keys, JWTs, config and
 * creds in a private directory (0700), the server started and ready, authenticated connections on request, and
 * live changes applied through reloads.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(spec)) {
 *     Connection client = sandbox.connect("TestClient");
 *     ProbeResult r = sandbox.probe().publish("TestClient", "req.b");   // denied, with the server's text
 *     sandbox.updateUser("TestClient", u -> u.allowPub("req.b"));        // returns once the server applied it
 * }
 * }</pre>
 *
 * <p>Every operation first checks that the server is still running and fails with its log tail if it died.
 * {@link #close()} is idempotent: connections closed, server stopped (SIGTERM, bounded wait, kill), directory
 * removed unless kept ({@link KeepFiles}). Several sandboxes may run in one JVM; each is independent.
 */
public final class Sandbox implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Sandbox.class.getName());

    static {
        SandboxInternals.set(new SandboxInternals.Door() {
            @Override
            public SandboxBuilder launcher(SandboxBuilder builder, ServerLauncher launcher) {
                return builder.launcher(launcher);
            }

            @Override
            public RunningServer server(Sandbox sandbox) {
                return sandbox.server();
            }

            @Override
            public void markFailed(Sandbox sandbox) {
                sandbox.markFailed();
            }

            @Override
            public void closeAfterStopSignal(Sandbox sandbox) {
                sandbox.close(true);
            }
        });
    }

    private final String id;
    private final SandboxSettings settings;
    private final Path directory;
    private final boolean ownsDirectory;
    private final StoreLayout layout;
    private final RunningServer server;
    private final SandboxCluster cluster;
    private final LiveAccounts liveAccounts;
    private final SandboxConnections connections = new SandboxConnections();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PermissionProbe probe = PermissionProbe.of(new SandboxProbeUsers(this));
    private final Object changeLock = new Object();
    private volatile Hierarchy hierarchy;
    private volatile boolean failed;

    Sandbox(String id, SandboxSettings settings, Path directory, boolean ownsDirectory, Hierarchy hierarchy,
            RunningServer server, LiveAccounts liveAccounts) {
        this.liveAccounts = liveAccounts;
        this.id = id;
        this.settings = settings;
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        this.layout = new StoreLayout(directory);
        this.hierarchy = hierarchy;
        this.server = server;
        this.cluster = null;
    }

    /** A sandbox over a cluster: its own operations go to server 0, the cluster handle reaches every server. */
    Sandbox(SandboxSettings settings, SandboxCluster cluster, boolean ownsDirectory) {
        this.liveAccounts = null;
        this.id = cluster.id();
        this.settings = settings;
        this.directory = cluster.directory();
        this.ownsDirectory = ownsDirectory;
        this.layout = new StoreLayout(directory);
        this.hierarchy = null; // the cluster holds the identities: changes made through it are seen here too
        this.server = null;
        this.cluster = cluster;
    }

    /**
     * Starts a sandbox with default settings (launcher {@code auto}, temporary directory).
     *
     * @param spec what to run
     * @return the running sandbox
     */
    public static Sandbox start(SandboxSpec spec) {
        return builder(spec).start();
    }

    /**
     * @param spec what to run
     * @return a builder for settings such as the launcher, directory and timeouts
     */
    public static SandboxBuilder builder(SandboxSpec spec) {
        return new SandboxBuilder(spec);
    }

    /** @return this sandbox's instance id (also on its log lines) */
    public String id() {
        return id;
    }

    /** @return the URL to connect to, e.g. {@code nats://127.0.0.1:34073} */
    public String serverUrl() {
        checkOpen();
        return server().clientUrl();
    }

    /** @return the port the server listens on */
    public int port() {
        return server().port();
    }

    /** @return the sandbox's private directory (config, nsc store and keystore, creds, log) */
    public Path directory() {
        return directory;
    }

    /** @return the file layout of {@link #directory()} */
    StoreLayout layout() {
        return layout;
    }

    /**
     * @return the nsc store in {@link #directory()}: {@code <operator>/<operator>.jwt},
     *         {@code <operator>/accounts/<account>/<account>.jwt} and {@code …/users/<user>.jwt}, as nsc lays them out
     *         ({@code nsc env --store} points at it)
     */
    public Path storeDirectory() {
        return layout.stores();
    }

    /**
     * @return the keystore in {@link #directory()}: seeds at {@code keys/<first char>/<chars 2-3>/<public key>.nk}
     *         and creds at {@code creds/<operator>/<account>/<user>.creds}, as nsc keeps them ({@code NKEYS_PATH}
     *         points at it); files 0600
     */
    public Path keysDirectory() {
        return layout.keys();
    }

    /** @return the server's configuration file, as the server reads it (seeds are never in it) */
    public Path configFile() {
        return server().configFile();
    }

    /** @return the server's log file */
    public Path logFile() {
        return server().logFile();
    }

    /**
     * @return the server's process id on this machine; empty when it runs in a container
     */
    public OptionalLong pid() {
        return server().pid();
    }

    /** @return how the server was started: its command line (with the pid) or the container's description */
    public String serverDescription() {
        return server().description();
    }

    /**
     * @param lines how many
     * @return the last lines of server output
     */
    public List<String> logTail(int lines) {
        return server().logTail(lines);
    }

    /** @return the running server (server 0 of a cluster), for this package's tests and the sandbox's own use */
    RunningServer server() {
        return cluster != null ? cluster.runningServer(0) : server;
    }

    /**
     * @return the cluster when the spec declares one ({@code server.cluster.size}): every server's URL, connections
     *         to a chosen server, cross-server interest waits, stopping and restarting a server. The sandbox's own
     *         methods ({@link #serverUrl()}, {@link #connect}, {@link #probe()} …) use server 0; live changes reach
     *         every running server.
     */
    public Optional<SandboxCluster> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** @return every server's client URL: one for a single server, one per server of a cluster */
    public List<String> serverUrls() {
        checkOpen();
        return cluster != null ? cluster.serverUrls() : List.of(server.clientUrl());
    }

    /** @return the current spec (after live changes) */
    public SandboxSpec spec() {
        return hierarchy().spec();
    }

    /**
     * @return the current identities and JWTs (of a cluster sandbox: the cluster's, also after changes made through
     *         {@link #cluster()})
     */
    public Hierarchy hierarchy() {
        return cluster != null ? cluster.hierarchy() : hierarchy;
    }

    /**
     * @param user {@code "User"} or {@code "Account/User"}
     * @return the user's credentials, in memory
     * @throws dev.natssandbox.provision.UnknownIdentityException listing the users when there is no such user
     */
    public Creds creds(String user) {
        return hierarchy().user(user).creds();
    }

    /**
     * @param user {@code "User"} or {@code "Account/User"}
     * @return the user's {@code .creds} file (mode 0600)
     */
    public Path credsFile(String user) {
        UserIdentity u = hierarchy().user(user);
        return layout.creds(hierarchy().operator().name(), u.account(), u.name());
    }

    /**
     * @param user {@code "User"} or {@code "Account/User"}
     * @return a connection authenticated as the user (JWT and seed from memory), closed with the sandbox
     * @throws ConnectionRefusedException when the server refuses the user
     */
    public Connection connect(String user) {
        return connect(user, null);
    }

    /**
     * @param user       {@code "User"} or {@code "Account/User"}
     * @param customizer adjusts the options before connecting, or {@code null}
     * @return a connection authenticated as the user, closed with the sandbox
     * @throws ConnectionRefusedException when the server refuses the user
     */
    public Connection connect(String user, Consumer<Options.Builder> customizer) {
        checkOpen();
        Hierarchy h = hierarchy();
        UserIdentity u = h.user(user);
        try {
            return connections.connect(server().clientUrl(), h, u, customizer);
        } catch (ConnectionRefusedException e) {
            throw e;
        } catch (NatsSandboxException e) {
            // A connection that fails for any other reason may be the first sign that the server died: say that.
            checkOpen();
            throw e;
        }
    }

    /**
     * Opens a connection on a pool thread, so that several can be opened at the same time (a test that needs two
     * connections waits for one connect, not two).
     *
     * @param user {@code "User"} or {@code "Account/User"}
     * @return completed with the connection (closed with the sandbox), or exceptionally with
     *         {@link ConnectionRefusedException} or the reason it could not connect
     * @throws dev.natssandbox.provision.UnknownIdentityException at once, listing the users, for an unknown name
     */
    public CompletableFuture<Connection> connectAsync(String user) {
        checkOpen();
        Hierarchy h = hierarchy();
        return connections.connectAsync(server().clientUrl(), h, h.user(user), null);
    }

    /**
     * @param user {@code "User"} or {@code "Account/User"}
     * @return options for the server URL and the user's credentials, for callers that connect themselves (those
     *         connections are theirs to close)
     */
    public Options.Builder options(String user) {
        checkOpen();
        Hierarchy h = hierarchy();
        return SandboxConnections.options(server().clientUrl(), h, h.user(user));
    }

    /**
     * A connection reserved for probes of this user: opened on first use, replaced after a change to the user's
     * JWT, closed with the sandbox.
     *
     * @param user {@code "User"} or {@code "Account/User"}
     * @return the connection
     */
    Connection probeConnection(String user) {
        checkOpen();
        Hierarchy h = hierarchy();
        return connections.probeConnection(server().clientUrl(), h, h.user(user));
    }

    /**
     * Deterministic permission checks against this sandbox's server: by user name (on a connection of that user
     * reserved for probes, opened on first use and replaced after a change to the user's JWT) or on any connection, with the users' effective permissions in
     * the results.
     *
     * <pre>{@code
     * ProbeResult r = sandbox.probe().publish("TestClient", "req.b");
     * r.allowed();   // false
     * r.refusal();   // Permissions Violation for Publish to "req.b"
     * }</pre>
     *
     * @return the probe (immutable, thread-safe)
     */
    public PermissionProbe probe() {
        checkOpen();
        return probe;
    }

    // ---- live changes ----

    /**
     * Applies a changed spec to the running server: identities keep their keys, changed JWTs are re-issued, files
     * are rewritten (removed users' creds vanish), and the server reloads. Returns once the server has applied
     * the change, so the next connection already sees it.
     *
     * <p>What open connections see: account changes reach them at once (the server re-checks its clients: a
     * revoked user's connections are closed, connections over a new connection limit are closed, a new payload
     * limit or import applies). A user's own permissions come from the user JWT presented at connect, so an open
     * connection keeps the permissions it connected with; new connections (and probes, which reconnect) get the new
     * ones. Connections made by the sandbox ({@link #connect}, {@link #options}) survive reloads; a connection a
     * caller makes from a creds file with jnats's own credential handlers sends its nkey, and nats-server versions
     * without the fix for nats-io/nats-server#8606 close such connections on every reload.
     *
     * @param next the new spec
     * @throws InvalidInputException when the change needs a restart (operator, system account, server settings)
     * @throws dev.natssandbox.server.ServerReloadException when the server rejects it (files are rolled back)
     */
    public void apply(SandboxSpec next) {
        synchronized (changeLock) {
            checkOpen();
            if (cluster != null) {
                // Every running server of the cluster: pushed (full resolver) or reloaded (memory), all answered.
                changeCluster(() -> cluster.apply(next));
                return;
            }
            Hierarchy current = hierarchy;
            ServerSetup.requireReloadable(current.spec(), next);
            Hierarchy changed = Provisioner.reprovision(next, current, Clock.systemUTC());
            NscStore.sync(current, changed, null, layout);
            try {
                if (liveAccounts != null) {
                    // URL or NATS-based resolver: the config never changes; accounts are served and pushed instead.
                    liveAccounts.apply(current, changed, () -> systemConnection(changed));
                } else if (!ServerSetup.serverState(current).equals(ServerSetup.serverState(changed))) {
                    // Only the operator and account JWTs are in the server's config; a change to users alone needs
                    // no reload (user JWTs are presented by clients).
                    server().reload(ServerSetup.renderer(changed, null));
                }
            } catch (RuntimeException e) {
                failed = true;
                NscStore.sync(changed, current, null, layout);
                throw e;
            }
            hierarchy = changed;
            Map<String, String> jwts = new HashMap<>();
            changed.users().forEach(u -> jwts.put(u.qualifiedName(), u.jwt()));
            connections.retain(jwts);
            LOG.log(System.Logger.Level.DEBUG, () -> "[" + id + "] applied a change");
        }
    }

    /**
     * @param change edits a builder holding the current spec
     */
    public void change(Consumer<SandboxSpec.Builder> change) {
        if (cluster != null) {
            // The cluster reads, edits and applies as one step, also against changes made through its own handle.
            synchronized (changeLock) {
                checkOpen();
                changeCluster(() -> cluster.change(change));
            }
            return;
        }
        // Read, edit and apply as one step: two concurrent changes must not both start from the same spec.
        synchronized (changeLock) {
            SandboxSpec.Builder b = hierarchy().spec().toBuilder();
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
        hierarchy().account(name);
        change(b -> b.removeAccount(name));
    }

    /**
     * @param name an account
     * @param edit changes its limits, exports, imports, users …
     */
    public void updateAccount(String name, Consumer<AccountSpec.Builder> edit) {
        hierarchy().account(name);
        change(b -> b.account(name, edit));
    }

    /**
     * @param account an account
     * @param user a new user (or a replacement for one of the same name)
     */
    public void addUser(String account, UserSpec user) {
        updateAccount(account, a -> a.user(user));
    }

    /**
     * @param user {@code "User"} or {@code "Account/User"}
     * @param edit changes the user's permissions, limits …
     */
    public void updateUser(String user, Consumer<UserSpec.Builder> edit) {
        UserIdentity u = hierarchy().user(user);
        updateAccount(u.account(), a -> a.user(u.name(), edit));
    }

    /** @param user {@code "User"} or {@code "Account/User"} to remove */
    public void removeUser(String user) {
        UserIdentity u = hierarchy().user(user);
        updateAccount(u.account(), a -> a.removeUser(u.name()));
    }

    /**
     * Revokes a user: its account lists it in {@code revocations}, the server drops its connections and refuses
     * new ones. The user keeps its creds.
     *
     * @param user {@code "User"} or {@code "Account/User"}
     */
    public void revokeUser(String user) {
        updateUser(user, u -> u.revoked(true));
    }

    /** Runs a change of the cluster; probe connections of users whose JWT changed are closed after it. */
    private void changeCluster(Runnable change) {
        try {
            change.run();
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
        Map<String, String> jwts = new HashMap<>();
        cluster.hierarchy().users().forEach(u -> jwts.put(u.qualifiedName(), u.jwt()));
        connections.retain(jwts);
    }

    /** A connection of the system account's first user, for account pushes (URL resolver mode). */
    private Connection systemConnection(Hierarchy h) {
        var sys = h.systemAccount().users();
        if (sys.isEmpty()) {
            throw new NatsSandboxException("system account [" + h.spec().systemAccount() + "] has no user to push "
                    + "account updates with; give it one");
        }
        return connections.probeConnection(server().clientUrl(), h, sys.get(0));
    }

    /** @return the embedded account server's URL in URL-resolver mode, else empty */
    public Optional<String> accountServerUrl() {
        return liveAccounts instanceof UrlAccounts url ? Optional.of(url.url()) : Optional.empty();
    }

    // ---- lifecycle ----

    /** Marks the sandbox as failed, so that {@link KeepFiles#ON_FAILURE} keeps its files for inspection. */
    void markFailed() {
        failed = true;
    }

    /** @return whether the server is still running and the sandbox open */
    public boolean isRunning() {
        return !closed.get() && server().isAlive();
    }

    /**
     * @throws dev.natssandbox.server.ServerDiedException with the server's last log lines when the server no longer
     *         runs
     * @throws NatsSandboxException when the sandbox was closed
     */
    public void requireRunning() {
        checkOpen();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new NatsSandboxException("sandbox [" + id + "] is closed");
        }
        try {
            if (cluster != null) {
                // A server of a cluster may be stopped on purpose (the others keep serving); one that died is not.
                cluster.requireRunningServers();
            } else {
                server().checkAlive();
            }
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Closes every connection the sandbox opened, stops the server (SIGTERM, bounded wait, kill) and removes the
     * directory unless it is kept. Idempotent.
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
        if (cluster != null) {
            try {
                connections.closeAll();
            } finally {
                if (failed) {
                    cluster.markFailed();
                }
                cluster.close(afterStopSignal);
            }
            return;
        }
        try {
            server().checkAlive();
        } catch (ServerDiedException e) {
            // it died while open, even if no operation noticed: keep its log (ON_FAILURE)
            failed = failed || !afterStopSignal;
        } catch (NatsSandboxException e) {
            // already closed (by the JVM's shutdown hook): not a failure
        }
        try {
            connections.closeAll();
        } finally {
            try {
                try {
                    server().close();
                } finally {
                    if (liveAccounts != null) {
                        liveAccounts.close();
                    }
                }
            } finally {
                boolean keep = settings.keepFiles().keeps(failed) || !ownsDirectory;
                if (keep) {
                    if (ownsDirectory) {
                        LOG.log(System.Logger.Level.INFO, "[" + id + "] kept sandbox files in " + directory);
                    }
                } else {
                    SecureFiles.deleteRecursively(directory);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Sandbox[" + id + " " + (closed.get() ? "closed" : server().clientUrl()) + ", operator "
                + hierarchy().operator().name() + "]";
    }
}
