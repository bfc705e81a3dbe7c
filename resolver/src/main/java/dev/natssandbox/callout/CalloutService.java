package dev.natssandbox.callout;

import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.jwt.AuthorizationRequestClaims;
import dev.natssandbox.jwt.AuthorizationResponseClaims;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.JwtException;
import dev.natssandbox.jwt.Jwts;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An auth callout service in this JVM: connected as the callout account's auth user, it answers the server's
 * {@value #SUBJECT} requests with what a {@link CalloutHandler} decides, opening and sealing them with the xkey when
 * the server encrypts. Start it with {@link #start}; {@link #close()} disconnects it (idempotent).
 *
 * <p>Needs nats-server 2.10 or newer; on an older server {@link #start} refuses, naming the server's version.
 */
public final class CalloutService implements AutoCloseable {
    /** Where nats-server sends authorization requests, in the callout account. */
    public static final String SUBJECT = "$SYS.REQ.USER.AUTH";
    /** The header carrying the server's public xkey when the request is encrypted. */
    public static final String XKEY_HEADER = "Nats-Server-Xkey";

    private static final System.Logger LOG = System.getLogger(CalloutService.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Connection connection;
    private final CalloutResponder responder;
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private CalloutService(Connection connection, CalloutResponder responder) {
        this.connection = connection;
        this.responder = responder;
    }

    /**
     * Connects the service and subscribes; when this returns, the server routes requests to it.
     *
     * @param environment where to connect and which keys to use
     * @param handler     the decisions
     * @return the running service
     * @throws CalloutUnsupportedException when the server is older than 2.10
     * @throws NatsSandboxException        when the service cannot connect or subscribe
     */
    public static CalloutService start(CalloutEnvironment environment, CalloutHandler handler) {
        Connection connection;
        try {
            connection = Nats.connect(environment.options().connectionTimeout(CONNECT_TIMEOUT).build());
        } catch (IOException e) {
            throw new NatsSandboxException("auth callout service cannot connect to [" + environment.serverUrl()
                    + "]: " + e.getMessage() + "; is the server running and the auth user allowed?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while connecting the auth callout service", e);
        }
        boolean ok = false;
        try {
            CalloutUnsupportedException.check(connection.getServerInfo().getVersion(), environment.serverUrl());
            CalloutService service = new CalloutService(connection, new CalloutResponder(environment, handler));
            Dispatcher dispatcher = connection.createDispatcher(service::onRequest);
            dispatcher.subscribe(SUBJECT);
            // Once the server has answered the PING after SUB, the subscription is in place for every client.
            connection.flush(CONNECT_TIMEOUT);
            ok = true;
            return service;
        } catch (TimeoutException e) {
            throw new NatsSandboxException("auth callout service: the server did not confirm the subscription to ["
                    + SUBJECT + "] within " + CONNECT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while subscribing the auth callout service", e);
        } finally {
            if (!ok) {
                closeQuietly(connection);
            }
        }
    }

    private void onRequest(Message message) {
        if (message.getReplyTo() == null) {
            LOG.log(System.Logger.Level.WARNING, "auth callout request without a reply subject; ignored");
            return;
        }
        try {
            byte[] reply = responder.respond(message.getData(),
                    message.hasHeaders() ? message.getHeaders().getFirst(XKEY_HEADER) : null);
            // Counted before the answer goes out: whoever sees a client admitted or refused then sees it counted.
            decisions.incrementAndGet();
            connection.publish(message.getReplyTo(), reply);
        } catch (NatsSandboxException e) {
            // Without a readable request there is no user nkey and server id to answer to; the server times out.
            LOG.log(System.Logger.Level.WARNING, "auth callout request not answered: " + e.getMessage());
        }
    }

    /** @return how many requests the service has decided and answered (admitted or refused) */
    public long decisions() {
        return decisions.get();
    }

    /** @return the service's connection (its server URL, status) */
    public Connection connection() {
        return connection;
    }

    /** Disconnects the service; clients connecting afterwards are refused by the server (no answer). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Decodes a request token, for handlers and tests that receive one by other means. */
    static CalloutRequest decode(String token, boolean encrypted) {
        Jwt jwt = Jwts.decode(token);
        if (!(jwt.claims() instanceof AuthorizationRequestClaims claims)) {
            throw new JwtException("token is " + Jwt.class.getSimpleName() + " of type [" + jwt.type()
                    + "]; expected " + AuthorizationRequestClaims.TYPE);
        }
        return new CalloutRequest(jwt, claims, encrypted);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static AuthorizationResponseClaims refusal(String reason) {
        return AuthorizationResponseClaims.refuse(reason);
    }
}
