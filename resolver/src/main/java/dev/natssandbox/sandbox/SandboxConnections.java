package dev.natssandbox.sandbox;

import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.probe.ProbeUser;
import dev.natssandbox.probe.ViolationRecorder;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.internal.util.NativeCrypto;
import io.nats.client.AuthHandler;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The connections a sandbox opens: for callers ({@link Sandbox#connect}) and for probes (one per user, reused, and
 * replaced when the user's JWT changes). All are closed with the sandbox.
 *
 * <p>Two things differ from connecting with jnats's own credential handlers:
 * <ul>
 *   <li>The CONNECT carries the user JWT and the nonce signature but not the user's public nkey. jnats sends the
 *   nkey as well, and nats-server (up to the fix for nats-io/nats-server#8606) takes a client with an nkey for an
 *   nkey user on every configuration reload, finds no such user and closes the connection: every live change would
 *   drop every connection. The Go client sends no nkey with a JWT; the server does not need it.</li>
 *   <li>A refusal (authorization violation, revoked, connection limit) fails the connect as soon as the server says
 *   so. jnats itself waits for the PONG the server never sends, until the connection timeout.</li>
 * </ul>
 */
final class SandboxConnections {
    static {
        NativeCrypto.pureJavaUnlessChosen(); // before jnats loads BouncyCastle: see NativeCrypto
    }

    private static final System.Logger LOG = System.getLogger(SandboxConnections.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // One pool for everything connections need to run: the connects themselves (on a thread of their own, so that a
    // refusal can end the wait early) and the executors jnats would otherwise build for every connection (its
    // connect executor, reader and writer). Daemon threads; idle ones expire; jnats does not shut down executors it
    // was given. The callback executor stays per connection: probes rely on its order.
    private static final ExecutorService POOL = new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemon("nats-sandbox-jnats"));
    private static final ScheduledExecutorService TIMERS =
            Executors.newScheduledThreadPool(2, daemon("nats-sandbox-jnats-timer"));

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private final Map<String, ProbeConnection> probes = new ConcurrentHashMap<>();

    record ProbeConnection(String jwt, Connection connection) {
    }

    static Options.Builder options(String serverUrl, Hierarchy hierarchy, UserIdentity user) {
        return options(serverUrl, hierarchy, user, null);
    }

    static Options.Builder options(String serverUrl, Hierarchy hierarchy, UserIdentity user, ErrorListener also) {
        return options(serverUrl, user.jwt(), user.keyPair(), user.qualifiedName())
                .errorListener(new ViolationRecorder(ProbeUser.of(hierarchy, user), also));
    }

    /**
     * The settings every sandbox connection shares, for a user known only by JWT and key (one the sandbox makes for
     * itself), without the error listener that records a declared user's permission violations.
     */
    static Options.Builder options(String serverUrl, String jwt, NatsKeyPair key, String connectionName) {
        return new Options.Builder()
                .server(serverUrl)
                .authHandler(new JwtAuthHandler(jwt, key))
                .connectionName(connectionName)
                .connectionTimeout(CONNECT_TIMEOUT)
                .executor(POOL)
                .connectExecutor(POOL)
                .scheduledExecutor(TIMERS)
                .readerExecutor(POOL)
                .writerExecutor(POOL)
                // A sandbox server does not come back on its own: fail fast instead of retrying.
                .maxReconnects(0)
                // A connection is to this server: in a cluster, jnats would otherwise also try the servers the
                // first one announces (connect_urls), so a refused user was tried on every server, each after the
                // server's account lookup timed out, and a connection meant for one server could land on another.
                .ignoreDiscoveredServers();
    }

    /** Connects on a pool thread; connections of one test can then be opened at the same time. */
    CompletableFuture<Connection> connectAsync(String serverUrl, Hierarchy hierarchy, UserIdentity user,
                                               Consumer<Options.Builder> customizer) {
        return CompletableFuture.supplyAsync(() -> connect(serverUrl, hierarchy, user, customizer), POOL);
    }

    Connection connect(String serverUrl, Hierarchy hierarchy, UserIdentity user,
                       Consumer<Options.Builder> customizer) {
        RefusalWatch watch = new RefusalWatch();
        Options.Builder b = options(serverUrl, hierarchy, user, watch);
        if (customizer != null) {
            customizer.accept(b);
        }
        Options first = b.build();
        Connection c = connectRetrying(user, w -> {
            if (w == watch) {
                return first;
            }
            Options.Builder again = options(serverUrl, hierarchy, user, w);
            if (customizer != null) {
                customizer.accept(again);
            }
            return again.build();
        }, watch);
        open.add(c);
        return c;
    }

    /**
     * A connection that is not the sandbox's to hand out (a cluster's system link): connected like
     * {@link #connect(String, Hierarchy, UserIdentity, Consumer)}, transient refusals tried again, not kept.
     */
    static Connection connectUnkept(String serverUrl, Hierarchy hierarchy, UserIdentity user) {
        return connectRetrying(user, w -> options(serverUrl, hierarchy, user, w).build(), new RefusalWatch());
    }

    /** How often a transient refusal is tried again at most, and within how long. */
    static final int MAX_ATTEMPTS = 5;
    static final Duration RETRY_BUDGET = Duration.ofSeconds(30);

    /**
     * Connects; a transient refusal (see {@link RefusalWatch#isTransient}) is tried again, up to
     * {@value #MAX_ATTEMPTS} attempts within {@link #RETRY_BUDGET}, and reported with the number of attempts if it
     * persists. Any other refusal fails at once.
     *
     * @param options the options of an attempt, whose error listener feeds the given watch
     * @param first   the watch of the first attempt
     */
    static Connection connectRetrying(UserIdentity user, Function<RefusalWatch, Options> options,
                                      RefusalWatch first) {
        long deadline = System.nanoTime() + RETRY_BUDGET.toNanos();
        RefusalWatch watch = first;
        for (int attempt = 1; ; attempt++) {
            try {
                return connect(user, options.apply(watch), watch);
            } catch (ConnectionRefusedException e) {
                if (!RefusalWatch.isTransient(e.serverMessage())) {
                    throw e;
                }
                if (attempt >= MAX_ATTEMPTS || System.nanoTime() > deadline) {
                    throw new ConnectionRefusedException(user.qualifiedName(), e.serverMessage(), attempt, e);
                }
                LOG.log(System.Logger.Level.DEBUG, () -> "user [" + user.qualifiedName() + "]: transient refusal ["
                        + e.serverMessage() + "], trying again");
                pause(attempt);
            }
            watch = new RefusalWatch();
        }
    }

    /** A pause that grows with the attempts, to let a busy machine catch up; nothing to wait for. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while connecting", e);
        }
    }

    /**
     * Connects, failing as soon as the server refuses the user.
     *
     * @param watch the refusal watch the options' error listener feeds (see {@link #options})
     */
    static Connection connect(UserIdentity user, Options options, RefusalWatch watch) {
        CompletableFuture<Connection> attempt = CompletableFuture.supplyAsync(() -> connect(user, options),
                POOL);
        try {
            CompletableFuture.anyOf(attempt, watch.refused).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.thenAccept(SandboxConnections::closeQuietly);
            throw new NatsSandboxException("interrupted while connecting user [" + user.qualifiedName() + "]", e);
        } catch (ExecutionException e) {
            // the attempt failed: reported below
        }
        if (!attempt.isDone()) {
            // jnats is still waiting for a PONG that will not come; let it give up on its own.
            attempt.thenAccept(SandboxConnections::closeQuietly);
            throw new ConnectionRefusedException(user.qualifiedName(), watch.refused.getNow(""), null);
        }
        try {
            return attempt.join();
        } catch (CompletionException e) {
            String refusal = watch.refused.getNow(null);
            if (refusal != null && !(e.getCause() instanceof ConnectionRefusedException)) {
                // jnats reports a refusal it does not know (Authentication Timeout) only as "Unable to connect";
                // the server's text reached the error listener, which runs before jnats gives up.
                throw new ConnectionRefusedException(user.qualifiedName(), refusal, e.getCause());
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new NatsSandboxException("user [" + user.qualifiedName() + "] cannot connect: " + e.getCause(),
                    e.getCause());
        }
    }

    static Connection connect(UserIdentity user, Options options) {
        Connection connection;
        try {
            connection = Nats.connect(options);
        } catch (AuthenticationException e) {
            throw new ConnectionRefusedException(user.qualifiedName(), e.getMessage(), e);
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            if (RefusalWatch.isRefusal(msg)) {
                throw new ConnectionRefusedException(user.qualifiedName(), msg, e);
            }
            throw new NatsSandboxException("user [" + user.qualifiedName() + "] cannot connect to "
                    + options.getServers() + ": " + msg, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while connecting user [" + user.qualifiedName() + "]", e);
        }
        awaitConnectionInfo(user, connection, options.getConnectionTimeout());
        return connection;
    }

    /**
     * After authenticating a client, nats-server answers the connect's PING with PONG and only then sends an INFO
     * carrying the connection's own {@code max_payload}: the smallest of the user's, the account's and the server's
     * limit ({@code processPing} in client.go, 2.9.10). jnats returns from connect on that PONG, so without one more
     * round trip the connection may still hold the server-wide limit, and a message over the user's limit is either
     * refused by jnats or sent and answered by the server closing the connection, depending on a race. The PONG of
     * a flush comes after that INFO.
     */
    private static void awaitConnectionInfo(UserIdentity user, Connection connection, Duration timeout) {
        try {
            connection.flush(timeout);
        } catch (TimeoutException e) {
            String lastError = connection.getLastError();
            closeQuietly(connection);
            throw new NatsSandboxException("the connection of user [" + user.qualifiedName() + "] did not answer a "
                    + "flush within " + timeout + " right after connecting (status [" + connection.getStatus() + "]"
                    + (lastError == null ? "" : ", the server said [" + lastError + "]") + "): the server closed it "
                    + "or stopped answering", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(connection);
            throw new NatsSandboxException("interrupted while connecting user [" + user.qualifiedName() + "]", e);
        }
    }

    /** The probe connection of a user, opened on first use and replaced when the user's JWT changed. */
    Connection probeConnection(String serverUrl, Hierarchy hierarchy, UserIdentity user) {
        ProbeConnection pc = probes.compute(user.qualifiedName(), (k, existing) -> {
            if (existing != null && existing.jwt().equals(user.jwt())
                    && existing.connection().getStatus() == Connection.Status.CONNECTED) {
                return existing;
            }
            if (existing != null) {
                closeQuietly(existing.connection());
            }
            return new ProbeConnection(user.jwt(), connectRetrying(user, w -> options(serverUrl, hierarchy, user, w)
                    .connectionName(user.qualifiedName() + " (probe)").build(), new RefusalWatch()));
        });
        return pc.connection();
    }

    /** Drops probe connections of users that are gone or whose JWT changed. */
    void retain(Map<String, String> jwtByUser) {
        for (Iterator<Map.Entry<String, ProbeConnection>> it = probes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ProbeConnection> e = it.next();
            if (!e.getValue().jwt().equals(jwtByUser.get(e.getKey()))) {
                closeQuietly(e.getValue().connection());
                it.remove();
            }
        }
    }

    void closeAll() {
        List<Connection> all = new ArrayList<>(open);
        probes.values().forEach(p -> all.add(p.connection()));
        probes.clear();
        open.clear();
        all.forEach(SandboxConnections::closeQuietly);
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ignored) {
            // closing a broken connection: nothing more to do
        }
    }

    /** Completed with the server's text when it refuses the connection. */
    static final class RefusalWatch implements ErrorListener {
        final CompletableFuture<String> refused = new CompletableFuture<>();

        /**
         * @param error what the server said
         * @return whether it refused only because the client was slow: {@code Authentication Timeout} (no CONNECT
         *         within {@code authorization.timeout} of the INFO), which a busy machine causes and a retry cures
         */
        static boolean isTransient(String error) {
            return error != null && error.toLowerCase(Locale.ROOT).contains("authentication timeout");
        }

        static boolean isRefusal(String error) {
            String e = error.toLowerCase(Locale.ROOT);
            return e.contains("authorization") || e.contains("authentication") || e.contains("revoked")
                    || e.contains("expired") || e.contains("maximum") && e.contains("connections");
        }

        @Override
        public void errorOccurred(Connection conn, String error) {
            if (error != null && isRefusal(error)) {
                refused.complete(error.strip());
            }
        }
    }

    /**
     * Presents the JWT and signs the nonce, but sends no nkey (see the class comment). Signs with the user's
     * {@link NatsKeyPair}, which keeps its key material decoded: jnats' own handler decodes the
     * seed and derives the key pair again for every signature, a millisecond of every connect.
     */
    private static final class JwtAuthHandler implements AuthHandler {
        private final char[] jwt;
        private final NatsKeyPair key;

        JwtAuthHandler(String jwt, NatsKeyPair key) {
            this.jwt = jwt.toCharArray();
            this.key = key;
        }

        @Override
        public byte[] sign(byte[] nonce) {
            return key.sign(nonce);
        }

        @Override
        public char[] getID() {
            return null;
        }

        @Override
        public char[] getJWT() {
            return jwt.clone();
        }

        @Override
        public String toString() {
            return "JwtAuthHandler[" + key.publicKey() + "]";
        }
    }
}
