package dev.natssandbox.jwt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code "nats"} section of an account JWT.
 *
 * @param imports            streams and services taken from other accounts
 * @param exports            streams and services offered to other accounts
 * @param limits             account limits
 * @param signingKeys        signing keys that may issue users, plain or scoped
 * @param revocations        revoked users: user public key (or {@code *} for all) to unix seconds; users issued at or
 *                           before that time are refused
 * @param defaultPermissions permissions for users whose JWT carries none
 * @param mappings           subject mappings: source subject to weighted destinations
 * @param authorization      auth callout: the users the authorization service connects as, the accounts it may
 *                           place users in, its xkey ({@link ExternalAuthorization#NONE} when off)
 * @param description        a description
 * @param infoUrl            a link to more information
 * @param tags               tags
 * @param trace              message tracing (nats-server 2.11+), or {@code null} for none
 * @param clusterTraffic     which account carries this account's JetStream cluster traffic (nats-server 2.11+):
 *                           {@value #CLUSTER_TRAFFIC_SYSTEM}, {@value #CLUSTER_TRAFFIC_OWNER}, or empty for the
 *                           server's default (system)
 */
public record AccountClaims(
        List<Import> imports,
        List<Export> exports,
        AccountLimits limits,
        List<SigningKey> signingKeys,
        Map<String, Long> revocations,
        Permissions defaultPermissions,
        Map<String, List<WeightedMapping>> mappings,
        ExternalAuthorization authorization,
        String description,
        String infoUrl,
        List<String> tags,
        MessageTrace trace,
        String clusterTraffic) implements NatsClaims {

    /** Wire value of {@link #type()}. */
    public static final String TYPE = "account";

    /** {@link #clusterTraffic()}: the system account carries the cluster traffic. */
    public static final String CLUSTER_TRAFFIC_SYSTEM = "system";
    /** {@link #clusterTraffic()}: the account itself carries its cluster traffic. */
    public static final String CLUSTER_TRAFFIC_OWNER = "owner";

    /** What {@code nsc add account} creates. */
    public static final AccountClaims DEFAULT = new AccountClaims(List.of(), List.of(), AccountLimits.DEFAULT,
            List.of(), Map.of(), Permissions.NONE, Map.of(), ExternalAuthorization.NONE, "", "", List.of(), null, "");

    /**
     * Normalizes {@code null}, copies lists and sorts them as they go on the wire (in Go's string order): maps by key,
     * signing keys by key
     * (a map in the reference, written here in key order), exports and imports by subject (the reference's
     * {@code AccountClaims.Encode} sorts both before signing, so a token made from the same claims by nsc lists them
     * in that order; the sort is stable, which the reference's is for the short lists accounts have).
     */
    public AccountClaims {
        imports = imports == null ? List.of() : sortedBy(imports, Import::subject);
        exports = exports == null ? List.of() : sortedBy(exports, Export::subject);
        limits = Objects.requireNonNullElse(limits, AccountLimits.DEFAULT);
        signingKeys = signingKeys == null ? List.of() : sortedBy(signingKeys, SigningKey::key);
        revocations = revocations == null ? Map.of() : Collections.unmodifiableMap(GoJson.sorted(revocations));
        defaultPermissions = Objects.requireNonNullElse(defaultPermissions, Permissions.NONE);
        if (mappings == null) {
            mappings = Map.of();
        } else {
            Map<String, List<WeightedMapping>> sorted = new TreeMap<>(GoJson.ORDER);
            mappings.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
            mappings = Collections.unmodifiableMap(sorted);
        }
        authorization = Objects.requireNonNullElse(authorization, ExternalAuthorization.NONE);
        description = description == null ? "" : description;
        infoUrl = infoUrl == null ? "" : infoUrl;
        tags = tags == null ? List.of() : List.copyOf(tags);
        clusterTraffic = clusterTraffic == null ? "" : clusterTraffic;
    }

    /**
     * The claims without auth callout ({@link ExternalAuthorization#NONE}).
     *
     * @param imports            streams and services taken from other accounts
     * @param exports            streams and services offered to other accounts
     * @param limits             account limits
     * @param signingKeys        signing keys that may issue users, plain or scoped
     * @param revocations        revoked users: user public key (or {@code *}) to unix seconds
     * @param defaultPermissions permissions for users whose JWT carries none
     * @param mappings           subject mappings
     * @param description        a description
     * @param infoUrl            a link to more information
     * @param tags               tags
     * @param trace              message tracing, or {@code null} for none
     * @param clusterTraffic     {@value #CLUSTER_TRAFFIC_SYSTEM}, {@value #CLUSTER_TRAFFIC_OWNER} or empty
     */
    public AccountClaims(List<Import> imports, List<Export> exports, AccountLimits limits,
                         List<SigningKey> signingKeys, Map<String, Long> revocations, Permissions defaultPermissions,
                         Map<String, List<WeightedMapping>> mappings, String description, String infoUrl,
                         List<String> tags, MessageTrace trace, String clusterTraffic) {
        this(imports, exports, limits, signingKeys, revocations, defaultPermissions, mappings,
                ExternalAuthorization.NONE, description, infoUrl, tags, trace, clusterTraffic);
    }

    /**
     * @param messageTrace   message tracing, or {@code null} for none
     * @param clusterTraffic {@value #CLUSTER_TRAFFIC_SYSTEM}, {@value #CLUSTER_TRAFFIC_OWNER} or empty
     * @return a copy with those two claims replaced
     */
    public AccountClaims withTracing(MessageTrace messageTrace, String clusterTraffic) {
        return new AccountClaims(imports, exports, limits, signingKeys, revocations, defaultPermissions, mappings,
                authorization, description, infoUrl, tags, messageTrace, clusterTraffic);
    }

    /**
     * Claims without auth callout ({@link ExternalAuthorization#NONE}); see the canonical constructor.
     *
     * @param imports            streams and services taken from other accounts
     * @param exports            streams and services offered to other accounts
     * @param limits             account limits
     * @param signingKeys        signing keys that may issue users, plain or scoped
     * @param revocations        revoked users: user public key (or {@code *}) to unix seconds
     * @param defaultPermissions permissions for users whose JWT carries none
     * @param mappings           subject mappings
     * @param description        a description
     * @param infoUrl            a link to more information
     * @param tags               tags
     */
    public AccountClaims(List<Import> imports, List<Export> exports, AccountLimits limits, List<SigningKey> signingKeys,
                         Map<String, Long> revocations, Permissions defaultPermissions,
                         Map<String, List<WeightedMapping>> mappings, String description, String infoUrl,
                         List<String> tags) {
        this(imports, exports, limits, signingKeys, revocations, defaultPermissions, mappings,
                ExternalAuthorization.NONE, description, infoUrl, tags, null, "");
    }

    /**
     * @param value the auth callout section
     * @return a copy with that section
     */
    public AccountClaims withAuthorization(ExternalAuthorization value) {
        return new AccountClaims(imports, exports, limits, signingKeys, revocations, defaultPermissions, mappings,
                value, description, infoUrl, tags, trace, clusterTraffic);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** In Go's string order ({@link GoJson#ORDER}); the sort is stable. */
    private static <T> List<T> sortedBy(List<T> items, java.util.function.Function<T, String> key) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(key, GoJson.ORDER));
        return List.copyOf(sorted);
    }

    /**
     * @param key a public key
     * @return the signing key entry with that key, when listed
     */
    public java.util.Optional<SigningKey> signingKey(String key) {
        return signingKeys.stream().filter(k -> k.key().equals(key)).findFirst();
    }

    /**
     * @param userKey  a user public key
     * @param issuedAt when the user JWT was issued (unix seconds)
     * @return whether a revocation (for this user or {@code *}) covers a JWT issued at that time
     */
    public boolean isRevoked(String userKey, long issuedAt) {
        Long at = revocations.get(userKey);
        Long all = revocations.get("*");
        return (at != null && issuedAt <= at) || (all != null && issuedAt <= all);
    }

    /**
     * @param extra revocations to add (user key to unix seconds)
     * @return a copy with the revocations added
     */
    public AccountClaims withRevocations(Map<String, Long> extra) {
        Map<String, Long> merged = new LinkedHashMap<>(revocations);
        merged.putAll(extra);
        return new AccountClaims(imports, exports, limits, signingKeys, merged, defaultPermissions, mappings,
                authorization, description, infoUrl, tags, trace, clusterTraffic);
    }

    /**
     * @param more exports to add
     * @return a copy with the exports added
     */
    public AccountClaims withExports(List<Export> more) {
        List<Export> all = new ArrayList<>(exports);
        all.addAll(more);
        return new AccountClaims(imports, all, limits, signingKeys, revocations, defaultPermissions, mappings,
                authorization, description, infoUrl, tags, trace, clusterTraffic);
    }
}
