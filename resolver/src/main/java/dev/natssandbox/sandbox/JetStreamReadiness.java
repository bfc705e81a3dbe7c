package dev.natssandbox.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a clustered JetStream needs besides a meta leader before a user's first stream request succeeds, each
 * awaited on the servers' own answers.
 * <ul>
 *   <li><b>Peer statistics.</b> A server places a replica only on peers whose JetStream statistics it has received
 *   ({@code $SYS.SERVER.<id>.STATSZ}); until then it refuses an R3 stream with "no suitable peers for placement,
 *   peer offline", although the meta group already lists every peer as current. A server sends its statistics
 *   when it starts (often before its routes are up) and then every few seconds. {@link #awaitPeerStats} asks every
 *   server to send them now (a {@code $SYS.REQ.SERVER.PING} without reply subject broadcasts them), watches them
 *   arrive at every server, and then asks each server a question that it answers from the same internal queue that
 *   applies the statistics ({@code VARZ}): the answer comes after they were applied.</li>
 *   <li><b>Accounts.</b> The meta leader answers a JetStream API request of an account only once JetStream is
 *   enabled for that account on it. {@link #awaitAccounts} asks {@code $JS.API.INFO} as a short-lived user of
 *   every account with JetStream limits until the answer carries no error.</li>
 * </ul>
 */
final class JetStreamReadiness {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASK = Duration.ofSeconds(10);
    /** The JetStream API's "JetStream not enabled for account" error. */
    private static final int NOT_ENABLED_FOR_ACCOUNT = 10039;

    private JetStreamReadiness() {
    }

    /**
     * Returns once every server has applied JetStream statistics of every other one.
     *
     * @param systems  a system-account connection to each running server
     * @param deadline how long the statistics may take to arrive
     */
    static void awaitPeerStats(List<Connection> systems, Duration deadline) {
        if (systems.size() < 2) {
            return;
        }
        Instant end = Instant.now().plus(deadline);
        Set<String> ids = new HashSet<>();
        systems.forEach(c -> ids.add(c.getServerInfo().getServerId()));
        Subscription[] watches = new Subscription[systems.size()];
        try {
            for (int i = 0; i < systems.size(); i++) {
                watches[i] = systems.get(i).subscribe("$SYS.SERVER.*.STATSZ");
                flush(systems.get(i));
            }
            Connection first = systems.get(0);
            first.publish("$SYS.REQ.SERVER.PING", new byte[0]);
            flush(first);
            for (int i = 0; i < systems.size(); i++) {
                Connection c = systems.get(i);
                String self = c.getServerInfo().getServerId();
                Set<String> missing = new HashSet<>(ids);
                missing.remove(self);
                while (!missing.isEmpty()) {
                    Duration left = Duration.between(Instant.now(), end);
                    Message m = left.isNegative() ? null : watches[i].nextMessage(left);
                    if (m == null) {
                        throw new NatsSandboxException("server [" + c.getServerInfo().getServerName()
                                + "] did not receive the JetStream statistics of " + missing.size()
                                + " other server(s) " + missing + " within " + deadline.toSeconds() + " s");
                    }
                    JsonNode stats = JSON.readTree(m.getData());
                    JsonNode js = stats.path("statsz").path("jetstream");
                    if (js.hasNonNull("config") && js.hasNonNull("stats")) {
                        missing.remove(stats.path("server").path("id").asText());
                    }
                }
                // Answered from the queue that applied the statistics received above, after them.
                ask(c, "$SYS.REQ.SERVER." + self + ".VARZ", "{}");
            }
        } catch (IOException e) {
            throw new NatsSandboxException("a server sent statistics that are not JSON", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while waiting for JetStream statistics", e);
        } finally {
            for (Subscription s : watches) {
                if (s != null && s.isActive()) {
                    s.unsubscribe();
                }
            }
        }
    }

    /**
     * Returns once the JetStream API answers a request of every account with JetStream limits without an error.
     * Accounts whose users go to an authorization service, or that allow no connection, are not asked.
     *
     * @param clientUrl a running server's client URL
     * @param h         the hierarchy the servers run
     * @param deadline  how long each account may take
     */
    static void awaitAccounts(String clientUrl, Hierarchy h, Duration deadline) {
        for (AccountIdentity a : h.accounts()) {
            if (a.name().equals(h.systemAccount().name()) || !jetStream(a.claims().limits())
                    || a.claims().authorization().isEnabled()
                    || a.claims().limits().conn() == 0) {
                continue;
            }
            Optional<NatsKeyPair> signer = signer(a, h.spec().operator().strictSigningKeyUsage());
            if (signer.isEmpty()) {
                continue;
            }
            awaitAccount(clientUrl, a, signer.get(), deadline);
        }
    }

    private static void awaitAccount(String clientUrl, AccountIdentity a, NatsKeyPair signer, Duration deadline) {
        NatsKeyPair user = NatsKeyPair.generate(KeyKind.USER);
        String issuerAccount = signer.equals(a.keyPair()) ? "" : a.publicKey();
        String jwt = Jwts.encode(Jwts.Standard.builder(user.publicKey()).name("nats-sandbox-readiness")
                        .issuedAt(Instant.now().getEpochSecond()).build(),
                UserClaims.builder().issuerAccount(issuerAccount).build(), signer);
        Options options = SandboxConnections.options(clientUrl, jwt, user, "nats-sandbox readiness of " + a.name())
                .build();
        Connection c;
        try {
            c = Nats.connect(options);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot connect to [" + clientUrl + "] to ask whether JetStream is ready"
                    + " for account [" + a.name() + "]: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while connecting to [" + clientUrl + "]", e);
        }
        // The answer's error, null for no responders (the server has not set up the account's JetStream API yet).
        Supplier<JsonNode> error = () -> {
            try {
                return askOnce(c, "$JS.API.INFO", "").map(j -> j.path("error")).orElse(null);
            } catch (IOException e) {
                throw new NatsSandboxException("the JetStream API answered account [" + a.name() + "] with"
                        + " something that is not JSON", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NatsSandboxException("interrupted while waiting for JetStream of account [" + a.name()
                        + "]", e);
            }
        };
        Function<JsonNode, NatsSandboxException> refused = e -> new NatsSandboxException("the JetStream API did not"
                + " accept account [" + a.name() + "] within " + deadline.toSeconds() + " s: " + (e == null
                ? "no responders" : e.path("description").asText() + " [" + e.path("err_code").asInt() + "]"));
        try {
            RouteWatch.poll(error, e -> {
                if (e != null && e.isMissingNode()) {
                    return true;
                }
                if (e == null || e.path("err_code").asInt() == NOT_ENABLED_FOR_ACCOUNT) {
                    return false;
                }
                throw refused.apply(e);
            }, deadline, "JetStream of account [" + a.name() + "]", refused);
        } finally {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean jetStream(AccountLimits limits) {
        return limits.jetStream().isEnabled()
                || limits.tieredLimits().values().stream().anyMatch(JetStreamLimits::isEnabled);
    }

    /**
     * @return the key a user of the account is signed with: the account's own, or under strict signing-key usage
     *         its first unscoped signing key (empty when it has none: nats-server would accept no such user)
     */
    private static Optional<NatsKeyPair> signer(AccountIdentity a, boolean strict) {
        if (!strict) {
            return Optional.of(a.keyPair());
        }
        return a.spec().signingKeys().stream().filter(k -> !k.scoped()).map(SigningKeySpec::name)
                .map(a.signingKeys()::get).filter(Objects::nonNull).findFirst();
    }

    private static JsonNode ask(Connection c, String subject, String body) throws IOException, InterruptedException {
        return askOnce(c, subject, body).orElseThrow(() -> new NatsSandboxException("server ["
                + c.getServerInfo().getServerName() + "] has no responder for [" + subject + "]"));
    }

    /** @return the answer, or empty when the server reports no responders */
    private static Optional<JsonNode> askOnce(Connection c, String subject, String body)
            throws IOException, InterruptedException {
        Message reply;
        try {
            reply = c.request(subject, body.getBytes(StandardCharsets.UTF_8)).get(ASK.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            return Optional.empty(); // jnats cancels a request the server reports no responders for
        } catch (ExecutionException | TimeoutException e) {
            throw new NatsSandboxException("server [" + c.getServerInfo().getServerName() + "] did not answer ["
                    + subject + "] within " + ASK.toSeconds() + " s", e);
        }
        if (reply.isStatusMessage()) {
            return Optional.empty();
        }
        return Optional.of(JSON.readTree(reply.getData()));
    }

    private static void flush(Connection c) throws InterruptedException {
        try {
            c.flush(ASK);
        } catch (TimeoutException e) {
            throw new NatsSandboxException("server [" + c.getServerInfo().getServerName() + "] did not answer a"
                    + " PING within " + ASK.toSeconds() + " s", e);
        }
    }
}
