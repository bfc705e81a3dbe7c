package dev.natssandbox.internal.accountserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An account server inside the JVM: answers nats-server's URL resolver ({@code resolver: URL(…)}) the way the
 * legacy nats-account-server did, over loopback HTTP.
 * <ul>
 *   <li>{@code GET /jwt/v1/accounts/} → 200 (the server checks this at start);</li>
 *   <li>{@code GET /jwt/v1/accounts/<public key>} → 200 {@code application/jwt} with the JWT, {@code ETag: "<jti>"};
 *   304 when {@code If-None-Match} names the current jti; 404 when the account is unknown;</li>
 *   <li>{@code GET /jwt/v1/operator} → 200 with the operator JWT.</li>
 * </ul>
 * The port is chosen by the operating system (bound to port 0) and read back. Account JWTs are added or replaced with
 * {@link #put(String)}; they are decoded and verified first. Thread-safe; {@link #close()} is idempotent.
 */
public final class AccountServer implements AutoCloseable {
    /** Path prefix nats-server appends account public keys to. */
    public static final String ACCOUNTS_PATH = "/jwt/v1/accounts/";
    /** Path of the operator JWT. */
    public static final String OPERATOR_PATH = "/jwt/v1/operator";

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final String operatorJwt;
    private final HttpServer http;
    private final ExecutorService executor;
    private final Map<String, Entry> accounts = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Entry(String jwt, String jti) {
    }

    private AccountServer(String operatorJwt, HttpServer http, ExecutorService executor) {
        this.operatorJwt = operatorJwt;
        this.http = http;
        this.executor = executor;
    }

    /**
     * Starts an account server on 127.0.0.1 with a port the operating system picks.
     *
     * @param operatorJwt the operator JWT served at {@value #OPERATOR_PATH}
     * @return the running server
     */
    public static AccountServer start(String operatorJwt) {
        Jwts.decode(operatorJwt).operator();
        // The JDK server writes a response's headers and body as separate TCP segments; with Nagle's algorithm on,
        // the body waits for the client's delayed ACK (about 40 ms) on every account fetch. The property is read
        // when the JDK's HTTP server is first used; an explicit setting is left alone.
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot start the embedded account server on 127.0.0.1: " + e, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "nats-sandbox-account-server-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AccountServer server = new AccountServer(operatorJwt, http, executor);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    /** @return the URL resolver base, e.g. {@code http://127.0.0.1:39211/jwt/v1/accounts/} */
    public String url() {
        return "http://127.0.0.1:" + port() + ACCOUNTS_PATH;
    }

    /** @return the port the server listens on */
    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * Adds or replaces an account JWT.
     *
     * @param accountJwt a signed account JWT
     * @return the account's public key
     * @throws dev.natssandbox.jwt.JwtException when the token is not a valid account JWT
     */
    public String put(String accountJwt) {
        Jwt jwt = Jwts.decode(accountJwt);
        jwt.account();
        accounts.put(jwt.subject(), new Entry(accountJwt, jwt.id()));
        return jwt.subject();
    }

    /**
     * @param accountKey an account public key
     * @return whether it was served before
     */
    public boolean remove(String accountKey) {
        return accounts.remove(accountKey) != null;
    }

    /**
     * @param accountKey an account public key
     * @return the JWT served for it
     */
    public Optional<String> get(String accountKey) {
        return Optional.ofNullable(accounts.get(accountKey)).map(Entry::jwt);
    }

    /** @return how many requests have been answered, for diagnostics */
    public long requestCount() {
        return requests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(ex, 405, "text/plain", "method not allowed\n", null);
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.equals(ACCOUNTS_PATH) || path.equals(ACCOUNTS_PATH.substring(0, ACCOUNTS_PATH.length() - 1))) {
                respond(ex, 200, "text/plain", "", null);
            } else if (path.equals(OPERATOR_PATH)) {
                respond(ex, 200, "application/jwt", operatorJwt, null);
            } else if (path.startsWith(ACCOUNTS_PATH)) {
                String key = path.substring(ACCOUNTS_PATH.length());
                Entry e = accounts.get(key);
                if (e == null) {
                    respond(ex, 404, "text/plain", "account [" + key + "] not found\n", null);
                    return;
                }
                String etag = "\"" + e.jti() + "\"";
                String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
                if (etag.equals(ifNoneMatch)) {
                    ex.getResponseHeaders().set("ETag", etag);
                    ex.sendResponseHeaders(304, -1);
                    return;
                }
                respond(ex, 200, "application/jwt", e.jwt(), etag);
            } else {
                respond(ex, 404, "text/plain", "not found\n", null);
            }
        }
    }

    private static void respond(HttpExchange ex, int code, String type, String body, String etag)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        if (etag != null) {
            ex.getResponseHeaders().set("ETag", etag);
        }
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(code, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops the HTTP server and its threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "AccountServer[" + (closed.get() ? "closed" : url()) + ", " + accounts.size() + " accounts]";
    }
}
