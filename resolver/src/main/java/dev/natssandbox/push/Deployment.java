package dev.natssandbox.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.creds.Creds;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.OtherClaims;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A running NATS deployment with the NATS-based resolver, reached as a system-account user: the JVM's
 * {@code nsc push}. Pushes account JWTs ({@code $SYS.REQ.CLAIMS.UPDATE}), lists ({@code $SYS.REQ.CLAIMS.LIST}),
 * pulls ({@code $SYS.REQ.ACCOUNT.<key>.CLAIMS.LOOKUP}) and deletes ({@code $SYS.REQ.CLAIMS.DELETE}) them, and
 * reports every server's answer.
 *
 * <pre>{@code
 * try (Deployment d = Deployment.builder("nats://127.0.0.1:4222").creds(Path.of("sys.creds")).connect()) {
 *     d.push(List.of(accountJwt)).requireApplied();
 *     d.list();                                   // per server: the account keys it holds
 * }
 * }</pre>
 *
 * <p>How many servers answer: every server of the cluster runs the resolver and answers each request. Without
 * {@link Builder#expectServers(int)} the count is read from the connected server: itself plus the distinct servers
 * it has routes to ({@code ROUTEZ}); a full-mesh cluster, the only kind nats-server builds, has them all. Servers
 * behind gateways or leaf nodes are not counted: give the count. Each call returns once that many servers answered
 * (or fails after the timeout saying which did); it never waits longer than the answers take.
 *
 * <p>Before anything is sent, the connection is checked: the credentials must belong to the system account (else
 * the server's own {@code $SYS} requests go unanswered), and the deployment's trusted operator is read ({@code VARZ})
 * so that JWTs from another operator are refused up front instead of being stored and never trusted.
 */
public final class Deployment implements AutoCloseable {
    private final Connection nc;
    private final String url;
    private final Duration timeout;
    private final TrustedOperator operator;
    private final String systemAccount;
    private final int servers;

    private Deployment(Connection nc, String url, Duration timeout, TrustedOperator operator, String systemAccount,
                       int servers) {
        this.nc = nc;
        this.url = url;
        this.timeout = timeout;
        this.operator = operator;
        this.systemAccount = systemAccount;
        this.servers = servers;
    }

    /**
     * @param url a server of the deployment, e.g. {@code nats://127.0.0.1:4222}
     * @return a builder; give the system-account user's creds
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** @return the URL connected to */
    public String url() {
        return url;
    }

    /** @return the operator the deployment trusts */
    public TrustedOperator operator() {
        return operator;
    }

    /** @return the deployment's system account public key */
    public String systemAccount() {
        return systemAccount;
    }

    /** @return how many servers each request waits for */
    public int servers() {
        return servers;
    }

    /**
     * Pushes account JWTs, one after the other; a failed account does not stop the others.
     *
     * @param accountJwts account JWTs issued by the deployment's operator or one of its signing keys
     * @return per account, every server's answer
     * @throws InvalidInputException before anything is sent, when a token is not an account JWT or its issuer is
     *                               not trusted by the deployment
     */
    public PushReport push(Collection<String> accountJwts) {
        List<Jwt> decoded = accountJwts.stream().map(this::checkAccount).toList();
        List<AccountPush> results = new ArrayList<>();
        for (Jwt a : decoded) {
            List<Message> replies = Replies.collect(nc, "$SYS.REQ.CLAIMS.UPDATE",
                    a.token().getBytes(StandardCharsets.US_ASCII), servers, timeout);
            List<ServerAnswer> answers = replies.stream()
                    .map(m -> Replies.answer(Replies.json(m, "$SYS.REQ.CLAIMS.UPDATE"))).toList();
            results.add(new AccountPush(a.name(), a.subject(), answers, servers));
        }
        return new PushReport(results);
    }

    /**
     * @return per server (by name), the account keys its resolver holds
     * @throws DeploymentException when fewer servers answer than expected
     */
    public Map<String, List<String>> list() {
        String subject = "$SYS.REQ.CLAIMS.LIST";
        List<Message> replies = Replies.collect(nc, subject, new byte[0], servers, timeout);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Message m : replies) {
            JsonNode reply = Replies.json(m, subject);
            List<String> keys = new ArrayList<>();
            reply.path("data").forEach(k -> keys.add(k.asText()));
            JsonNode server = reply.path("server");
            out.put(server.path("name").asText(server.path("id").asText("")), List.copyOf(keys));
        }
        requireAll(subject, out.keySet());
        return out;
    }

    /**
     * Pulls account JWTs: every server that lists an account is asked for it, the newest answer wins.
     *
     * @param accountKeys the accounts, or empty for every account any server holds
     * @return account key to JWT, for the accounts some server holds
     */
    public Map<String, String> pull(Collection<String> accountKeys) {
        Map<String, Integer> holders = new LinkedHashMap<>();
        list().values().forEach(keys -> keys.forEach(k -> holders.merge(k, 1, Integer::sum)));
        Set<String> wanted = accountKeys.isEmpty() ? holders.keySet() : new LinkedHashSet<>(accountKeys);
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : wanted) {
            Integer count = holders.get(key);
            if (count == null) {
                continue;
            }
            // Only the servers holding it answer (older servers stay silent for an unknown account): wait for them.
            String subject = "$SYS.REQ.ACCOUNT." + key + ".CLAIMS.LOOKUP";
            Jwt newest = null;
            for (Message m : Replies.collect(nc, subject, new byte[0], count, timeout)) {
                if (m.getData().length > 0) {
                    Jwt jwt = Jwts.decode(new String(m.getData(), StandardCharsets.US_ASCII));
                    if (newest == null || jwt.issuedAt() > newest.issuedAt()) {
                        newest = jwt;
                    }
                }
            }
            if (newest != null) {
                out.put(key, newest.token());
            }
        }
        return out;
    }

    /**
     * @param accountKey an account public key
     * @return its JWT as the deployment holds it
     */
    public Optional<String> pull(String accountKey) {
        return Optional.ofNullable(pull(List.of(accountKey)).get(accountKey));
    }

    /**
     * Deletes accounts from every full resolver: a generic claim listing them, self-signed by an operator key the
     * deployment trusts (as {@code nsc push --prune} sends it). The servers need {@code allow_delete: true}; they
     * rename the files to {@code .deleted} and disconnect the accounts' clients.
     *
     * @param accountKeys the accounts to delete
     * @param signer      the operator's key or one of its signing keys
     * @return every server's answer
     */
    public List<ServerAnswer> delete(Collection<String> accountKeys, NatsKeyPair signer) {
        if (signer.kind() != KeyKind.OPERATOR) {
            throw new InvalidInputException("delete requests are signed by an operator key; got a "
                    + signer.kind().label() + " key [" + signer.publicKey() + "]");
        }
        if (!operator.trusts(signer.publicKey())) {
            throw new InvalidInputException("operator key [" + signer.publicKey() + "] is not trusted by the "
                    + "deployment at [" + url + "], which trusts operator [" + operator.name() + "] with keys "
                    + operator.issuers() + "; sign with one of those");
        }
        for (String key : accountKeys) {
            NatsKeyPair.requirePublicKey(key, KeyKind.ACCOUNT);
            if (key.equals(systemAccount)) {
                throw new InvalidInputException("account [" + key + "] is the system account; nats-server refuses "
                        + "to delete it");
            }
        }
        StringBuilder json = new StringBuilder("{\"accounts\":[");
        accountKeys.stream().sorted().forEach(k -> json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                .append('"').append(k).append('"'));
        json.append("],\"version\":2}");
        String token = Jwts.encode(Jwts.Standard.builder(signer.publicKey()).build(),
                new OtherClaims("", json.toString(), List.of()), signer);
        String subject = "$SYS.REQ.CLAIMS.DELETE";
        List<ServerAnswer> answers = Replies.collect(nc, subject, token.getBytes(StandardCharsets.US_ASCII), servers,
                timeout).stream().map(m -> Replies.answer(Replies.json(m, subject))).toList();
        requireAll(subject, answers.stream().map(ServerAnswer::server).toList());
        return answers;
    }

    private Jwt checkAccount(String token) {
        Jwt jwt = Jwts.decode(token);
        if (!"account".equals(jwt.type())) {
            throw new InvalidInputException("[" + jwt.name() + "] is a " + jwt.type() + " JWT; push account JWTs");
        }
        if (!operator.trusts(jwt.issuer())) {
            throw new InvalidInputException("account [" + jwt.name() + "] " + jwt.subject() + " is issued by ["
                    + jwt.issuer() + "], which the deployment at [" + url + "] does not trust: it trusts operator ["
                    + operator.name() + "] with keys " + operator.issuers() + ". Issue the accounts with that "
                    + "operator's key or one of its signing keys");
        }
        return jwt;
    }

    private void requireAll(String subject, Collection<String> answered) {
        if (answered.size() < servers) {
            throw new DeploymentException("only " + answered.size() + " of " + servers + " servers answered ["
                    + subject + "] within " + timeout.toMillis() + " ms: " + answered + ". A server is down or does "
                    + "not run the NATS-based resolver; check it, or set the expected server count");
        }
    }

    @Override
    public void close() {
        try {
            nc.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Deployment[" + url + ", " + servers + " servers, operator " + operator.name() + "]";
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String url;
        private Creds creds;
        private int expectServers;
        private Duration timeout = Duration.ofSeconds(5);

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /**
         * @param file the {@code .creds} of a system-account user
         * @return this
         */
        public Builder creds(java.nio.file.Path file) {
            this.creds = Creds.read(file);
            return this;
        }

        /**
         * @param creds the credentials of a system-account user
         * @return this
         */
        public Builder creds(Creds creds) {
            this.creds = creds;
            return this;
        }

        /**
         * @param count how many servers answer each request (default: read from the server)
         * @return this
         */
        public Builder expectServers(int count) {
            if (count < 1) {
                throw new InvalidInputException("expected server count [" + count + "] must be at least 1");
            }
            this.expectServers = count;
            return this;
        }

        /**
         * @param timeout how long to wait for missing answers before failing (default 5 s)
         * @return this
         */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidInputException("timeout [" + timeout + "] must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Connects and checks the credentials and the deployment.
         *
         * @return the deployment
         * @throws DeploymentException when the server refuses the credentials, they are not the system account's,
         *                             or the server cannot be reached
         */
        public Deployment connect() {
            if (creds == null) {
                throw new InvalidInputException("no credentials: give the .creds of a system-account user");
            }
            Options options = new Options.Builder().server(url).maxReconnects(0).connectionTimeout(timeout)
                    .authHandler(Nats.staticCredentials(creds.jwt().toCharArray(), creds.seed())).build();
            Connection nc;
            try {
                nc = Nats.connect(options);
            } catch (AuthenticationException e) {
                throw new DeploymentException("the server at [" + url + "] refused the credentials of user ["
                        + creds.userPublicKey() + "] (" + e.getMessage() + "); give the creds of a current user of "
                        + "the deployment's system account", e);
            } catch (IOException e) {
                throw new DeploymentException("cannot connect to [" + url + "]: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentException("interrupted while connecting to [" + url + "]", e);
            }
            try {
                return ServerFacts.read(nc, url, creds, timeout, expectServers);
            } catch (RuntimeException e) {
                try {
                    nc.close();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                throw e;
            }
        }
    }

    static Deployment of(Connection nc, String url, Duration timeout, TrustedOperator operator, String system,
                         int servers) {
        return new Deployment(nc, url, timeout, operator, system, servers);
    }
}
