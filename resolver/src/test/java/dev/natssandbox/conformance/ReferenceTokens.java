package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;

import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code jwtcheck generate} made with the reference library (see {@code src/test/go/jwtcheck/generate.go}),
 * each token decoded by ours. The seeds stay in this object; nothing here prints them.
 */
final class ReferenceTokens {
    private final JsonNode out;
    private final Jwt operator;
    private final Map<String, Jwt> accounts = new LinkedHashMap<>();
    private final Map<String, Jwt> users = new LinkedHashMap<>();
    private final Jwt activation;

    private ReferenceTokens(JsonNode out) {
        this.out = out;
        this.operator = Jwts.decode(out.get("operator").get("jwt").asText());
        out.get("accounts").properties().forEach(e -> accounts.put(e.getKey(),
                Jwts.decode(e.getValue().get("jwt").asText())));
        out.get("users").properties().forEach(e -> users.put(e.getKey(),
                Jwts.decode(e.getValue().get("jwt").asText())));
        this.activation = Jwts.decode(out.get("activation").get("jwt").asText());
    }

    /**
     * @param harness the built Go program
     * @return reference tokens with times relative to now
     */
    static ReferenceTokens generate(GoHarness harness) {
        return new ReferenceTokens(harness.generate(Instant.now().getEpochSecond()));
    }

    /** @return the unix time the tokens' exp, nbf and revocations are relative to */
    long now() {
        return out.get("now").asLong();
    }

    Jwt operator() {
        return operator;
    }

    Map<String, Jwt> accounts() {
        return Collections.unmodifiableMap(accounts);
    }

    Jwt account(String name) {
        return accounts.get(name);
    }

    Map<String, Jwt> users() {
        return Collections.unmodifiableMap(users);
    }

    Jwt user(String name) {
        return users.get(name);
    }

    Jwt activation() {
        return activation;
    }

    /** @return every token: operator, accounts, users, activation */
    Stream<Jwt> all() {
        return Stream.of(Stream.of(operator), accounts.values().stream(), users.values().stream(),
                Stream.of(activation)).flatMap(s -> s);
    }

    /** @return the creds file jwt.FormatUserConfig wrote for the user */
    String creds(String user) {
        return out.get("users").get(user).get("creds").asText();
    }

    /**
     * @param section {@code accounts} or {@code users}
     * @param name    the account or user name
     * @return its public key
     */
    String publicKey(String section, String name) {
        return out.get(section).get(name).get("key").get("public_key").asText();
    }

    /** @return the public key of the operator signing key labelled {@code first} or {@code second} */
    String operatorSigningKey(String which) {
        return out.get("operator").get("signing_keys").get(which).get("public_key").asText();
    }

    /** @return the public key of an account signing key ({@code plain} or {@code scoped} of GoExporter) */
    String accountSigningKey(String account, String which) {
        return out.get("accounts").get(account).get("signing_keys").get(which).get("public_key").asText();
    }

    /** @return the account key that GoExporter's private export revokes */
    String revokedImporter() {
        return out.get("revoked_importer").asText();
    }

    /**
     * @return the key pair of an account or user identity
     */
    NatsKeyPair key(String section, String name, KeyKind kind) {
        return NatsKeyPair.fromSeed(out.get(section).get(name).get("key").get("seed").asText(), kind);
    }

    /**
     * @param jwt a reference token
     * @return the key pair that signed it (an identity or signing key of the output)
     */
    NatsKeyPair signer(Jwt jwt) {
        for (JsonNode section : java.util.List.of(out.get("operator"), out.get("accounts"), out.get("users"))) {
            Iterator<JsonNode> owners = section.has("key") ? java.util.List.of(section).iterator()
                    : section.elements();
            while (owners.hasNext()) {
                JsonNode owner = owners.next();
                if (owner.get("key").get("public_key").asText().equals(jwt.issuer())) {
                    return NatsKeyPair.fromSeed(owner.get("key").get("seed").asText(), null);
                }
                for (JsonNode sk : iterable(owner.get("signing_keys"))) {
                    if (sk.get("public_key").asText().equals(jwt.issuer())) {
                        return NatsKeyPair.fromSeed(sk.get("seed").asText(), null);
                    }
                }
            }
        }
        throw new AssertionError("no key in the reference output signed " + jwt + " (issuer " + jwt.issuer() + ")");
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null ? java.util.List.of() : node::elements;
    }
}
