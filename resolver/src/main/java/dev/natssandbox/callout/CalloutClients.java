package dev.natssandbox.callout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.creds.Creds;
import dev.natssandbox.probe.ViolationRecorder;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.NUID;
import io.nats.client.Options;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Connects clients with arbitrary credentials (user name and password, token) through auth callout and tells a
 * refusal apart from any other failure, with the server's reason. In operator mode a client also presents a
 * "sentinel" user JWT of the callout account (the server calls out for every user of that account but the auth
 * users); in config mode it presents only its credentials. Connections are closed with {@link #close()}.
 *
 * <p>The reason comes from the server's auth error event ({@value #AUTH_ERROR_SUBJECT}, nats-server 2.10+) in the
 * callout account, matched by the client's connection name; the refusal itself is what the client library threw.
 * nats-server never sends the reason to the client (it sends {@code -ERR 'Authorization Violation'}), so this is
 * the only place a test can read it; {@link #refusalReason(String)} gives it for clients of any library.
 */
public final class CalloutClients implements AutoCloseable {
    /** The account-scoped event nats-server publishes when a client fails authorization. */
    public static final String AUTH_ERROR_SUBJECT = "$SYS.ACCOUNT.CLIENT.AUTH.ERR";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // Only how long to wait for the reason of a refusal that has already happened; never decides allow or deny.
    private static final Duration REASON_DEADLINE = Duration.ofSeconds(10);

    private final String serverUrl;
    private final Creds sentinel;
    private final Connection watcher;
    private final Map<String, CompletableFuture<String>> reasons = new ConcurrentHashMap<>();
    private final List<Connection> connections = new ArrayList<>();

    private CalloutClients(String serverUrl, Creds sentinel, Options.Builder watcherOptions) {
        this.serverUrl = serverUrl;
        this.sentinel = sentinel;
        try {
            this.watcher = Nats.connect(watcherOptions.connectionName("auth-callout-refusal-watcher")
                    .connectionTimeout(CONNECT_TIMEOUT).build());
            Dispatcher d = watcher.createDispatcher(m -> onAuthError(m.getData()));
            d.subscribe(AUTH_ERROR_SUBJECT);
            watcher.flush(CONNECT_TIMEOUT);
        } catch (IOException | TimeoutException e) {
            throw new NatsSandboxException("cannot watch auth errors on [" + serverUrl + "] as the auth user: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while connecting the auth error watcher", e);
        }
    }

    /**
     * Operator mode: clients present the sentinel's JWT with their credentials.
     *
     * @param sandbox      the running sandbox
     * @param environment  the callout's environment (the auth user watches the auth errors)
     * @param sentinelUser a user of the callout account that is not an auth user, e.g. {@code "AUTH/sentinel"}
     * @return the client factory; close it
     */
    public static CalloutClients of(Sandbox sandbox, CalloutEnvironment environment, String sentinelUser) {
        return new CalloutClients(environment.serverUrl(), sandbox.creds(sentinelUser), environment.options());
    }

    /**
     * Config mode: clients present only their credentials.
     *
     * @param environment the callout's environment (the auth user watches the auth errors)
     * @return the client factory; close it
     */
    public static CalloutClients of(CalloutEnvironment environment) {
        return new CalloutClients(environment.serverUrl(), null, environment.options());
    }

    /**
     * @param username the user name the client sends
     * @param password the password it sends
     * @return the admitted connection
     * @throws CalloutRefusedException when the server refuses the client, with the reason
     */
    public Connection connect(String username, String password) {
        return connect(username, b -> b.userInfo(username, password));
    }

    /**
     * @param token the auth token the client sends
     * @return the admitted connection
     * @throws CalloutRefusedException when the server refuses the client, with the reason
     */
    public Connection connectWithToken(String token) {
        return connect("token client", b -> b.token(token.toCharArray()));
    }

    /**
     * @param who        names the client in messages
     * @param credentials adds the client's credentials to the options
     * @return the admitted connection
     * @throws CalloutRefusedException when the server refuses the client, with the reason
     */
    public Connection connect(String who, Consumer<Options.Builder> credentials) {
        String name = "callout-client-" + NUID.nextGlobal();
        CompletableFuture<String> reason = refusalReason(name);
        CompletableFuture<String> refused = new CompletableFuture<>();
        ErrorListener refusals = new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                if (error != null && error.toLowerCase(Locale.ROOT).contains("authorization violation")) {
                    refused.complete(error.strip());
                }
            }
        };
        Options.Builder b = new Options.Builder().server(serverUrl).connectionName(name)
                .connectionTimeout(CONNECT_TIMEOUT).maxReconnects(0)
                .errorListener(new ViolationRecorder(who, refusals));
        if (sentinel != null) {
            b.authHandler(Nats.staticCredentials(sentinel.jwt().toCharArray(), sentinel.seed()));
        }
        credentials.accept(b);
        Options options = b.build();
        CompletableFuture<Connection> attempt = CompletableFuture.supplyAsync(() -> open(who, options));
        try {
            // jnats reports the server's -ERR at once but its connect waits for a PONG until its timeout.
            CompletableFuture.anyOf(attempt, refused).get();
        } catch (ExecutionException e) {
            // the attempt failed: decided below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason.cancel(false);
            attempt.thenAccept(CalloutClients::closeQuietly);
            throw new NatsSandboxException("interrupted while connecting client [" + who + "]", e);
        }
        Throwable failure = attempt.isCompletedExceptionally() ? attempt.handle((c, t) -> t).join().getCause()
                : null;
        if (refused.isDone() || failure instanceof AuthenticationException) {
            attempt.thenAccept(CalloutClients::closeQuietly);
            String clientError = refused.isDone() ? refused.join() : failure.getMessage();
            throw new CalloutRefusedException(who, awaitReason(reason), clientError, failure);
        }
        reason.cancel(false);
        try {
            Connection c = attempt.join();
            synchronized (connections) {
                connections.add(c);
            }
            return c;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re
                    : new NatsSandboxException("client [" + who + "] cannot connect: " + e.getCause(), e.getCause());
        }
    }

    private Connection open(String who, Options options) {
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while connecting client [" + who + "]", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the reason of a refusal of a client of any library (the reference Go client, a CLI …) that connects
     * with this connection name: call before the client connects; the future completes with the reason the server
     * records once it publishes the auth error event. Cancel it when the client was admitted.
     *
     * @param clientName the connection name the client sends in its CONNECT
     * @return the server's reason for refusing that client (for a service's refusal, "Auth callout service
     *         returned an error: " and the service's reason; see {@link CalloutRefusedException#serviceReason()})
     */
    public CompletableFuture<String> refusalReason(String clientName) {
        CompletableFuture<String> reason = new CompletableFuture<>();
        reasons.put(clientName, reason);
        reason.whenComplete((r, t) -> reasons.remove(clientName, reason));
        return reason;
    }

    private static String awaitReason(CompletableFuture<String> reason) {
        try {
            return reason.get(REASON_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "Authorization Violation (the server published no auth error event within " + REASON_DEADLINE
                    + ")";
        } catch (ExecutionException e) {
            return "Authorization Violation";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Authorization Violation (interrupted while waiting for the reason)";
        } finally {
            reason.cancel(false);
        }
    }

    private void onAuthError(byte[] data) {
        try {
            JsonNode event = JSON.readTree(data);
            String name = event.path("client").path("name").asText("");
            // Only clients of this factory wait for a reason; events of other clients are not kept.
            CompletableFuture<String> waiting = reasons.get(name);
            if (waiting != null) {
                waiting.complete(event.path("reason").asText("Authorization Violation"));
            }
        } catch (IOException e) {
            System.getLogger(CalloutClients.class.getName()).log(System.Logger.Level.WARNING,
                    "unreadable auth error event: " + e.getMessage());
        }
    }

    /** Closes every connection this factory opened and the watcher. */
    @Override
    public void close() {
        List<Connection> all;
        synchronized (connections) {
            all = new ArrayList<>(connections);
            connections.clear();
        }
        all.add(watcher);
        for (Connection c : all) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
