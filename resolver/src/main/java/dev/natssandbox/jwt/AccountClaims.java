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
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class AccountClaims implements NatsClaims {
    private final List<Import> imports;
    private final List<Export> exports;
    private final AccountLimits limits;
    private final List<SigningKey> signingKeys;
    private final Map<String, Long> revocations;
    private final Permissions defaultPermissions;
    private final Map<String, List<WeightedMapping>> mappings;
    private final ExternalAuthorization authorization;
    private final String description;
    private final String infoUrl;
    private final List<String> tags;
    private final MessageTrace trace;
    private final String clusterTraffic;

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
    private AccountClaims(List<Import> imports, List<Export> exports, AccountLimits limits,
                          List<SigningKey> signingKeys, Map<String, Long> revocations, Permissions defaultPermissions,
                          Map<String, List<WeightedMapping>> mappings, ExternalAuthorization authorization,
                          String description, String infoUrl, List<String> tags, MessageTrace trace,
                          String clusterTraffic) {
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
        this.imports = imports;
        this.exports = exports;
        this.limits = limits;
        this.signingKeys = signingKeys;
        this.revocations = revocations;
        this.defaultPermissions = defaultPermissions;
        this.mappings = mappings;
        this.authorization = authorization;
        this.description = description;
        this.infoUrl = infoUrl;
        this.tags = tags;
        this.trace = trace;
        this.clusterTraffic = clusterTraffic;
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

    /**
     * @return streams and services taken from other accounts
     */
    public List<Import> imports() {
        return imports;
    }

    /**
     * @return streams and services offered to other accounts
     */
    public List<Export> exports() {
        return exports;
    }

    /**
     * @return account limits
     */
    public AccountLimits limits() {
        return limits;
    }

    /**
     * @return signing keys that may issue users, plain or scoped
     */
    public List<SigningKey> signingKeys() {
        return signingKeys;
    }

    /**
     * @return revoked users: user public key (or {@code *} for all) to unix seconds; users issued at or before that
     *         time are refused
     */
    public Map<String, Long> revocations() {
        return revocations;
    }

    /**
     * @return permissions for users whose JWT carries none
     */
    public Permissions defaultPermissions() {
        return defaultPermissions;
    }

    /**
     * @return subject mappings: source subject to weighted destinations
     */
    public Map<String, List<WeightedMapping>> mappings() {
        return mappings;
    }

    /**
     * @return auth callout: the users the authorization service connects as, the accounts it may place users in, its
     *         xkey ({@link ExternalAuthorization#NONE} when off)
     */
    public ExternalAuthorization authorization() {
        return authorization;
    }

    /**
     * @return a description
     */
    public String description() {
        return description;
    }

    /**
     * @return a link to more information
     */
    public String infoUrl() {
        return infoUrl;
    }

    /**
     * @return tags
     */
    public List<String> tags() {
        return tags;
    }

    /**
     * @return message tracing (nats-server 2.11+), or {@code null} for none
     */
    public MessageTrace trace() {
        return trace;
    }

    /**
     * @return which account carries this account's JetStream cluster traffic (nats-server 2.11+): {@value
     *         #CLUSTER_TRAFFIC_SYSTEM}, {@value #CLUSTER_TRAFFIC_OWNER}, or empty for the server's default (system)
     */
    public String clusterTraffic() {
        return clusterTraffic;
    }

    /**
     * Starts a builder; every other value starts at its default.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder that starts from this value
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.imports = imports;
        b.exports = exports;
        b.limits = limits;
        b.signingKeys = signingKeys;
        b.revocations = revocations;
        b.defaultPermissions = defaultPermissions;
        b.mappings = mappings;
        b.authorization = authorization;
        b.description = description;
        b.infoUrl = infoUrl;
        b.tags = tags;
        b.trace = trace;
        b.clusterTraffic = clusterTraffic;
        return b;
    }

    /**
     * Builds {@link AccountClaims} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private List<Import> imports;
        private List<Export> exports;
        private AccountLimits limits;
        private List<SigningKey> signingKeys;
        private Map<String, Long> revocations;
        private Permissions defaultPermissions;
        private Map<String, List<WeightedMapping>> mappings;
        private ExternalAuthorization authorization;
        private String description;
        private String infoUrl;
        private List<String> tags;
        private MessageTrace trace;
        private String clusterTraffic;

        private Builder() {
        }

        /**
         * @param imports streams and services taken from other accounts
         * @return this builder
         */
        public Builder imports(List<Import> imports) {
            this.imports = imports;
            return this;
        }

        /**
         * @param exports streams and services offered to other accounts
         * @return this builder
         */
        public Builder exports(List<Export> exports) {
            this.exports = exports;
            return this;
        }

        /**
         * @param limits account limits
         * @return this builder
         */
        public Builder limits(AccountLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * @param signingKeys signing keys that may issue users, plain or scoped
         * @return this builder
         */
        public Builder signingKeys(List<SigningKey> signingKeys) {
            this.signingKeys = signingKeys;
            return this;
        }

        /**
         * @param revocations revoked users: user public key (or {@code *} for all) to unix seconds; users issued at
         *                   or before that time are refused
         * @return this builder
         */
        public Builder revocations(Map<String, Long> revocations) {
            this.revocations = revocations;
            return this;
        }

        /**
         * @param defaultPermissions permissions for users whose JWT carries none
         * @return this builder
         */
        public Builder defaultPermissions(Permissions defaultPermissions) {
            this.defaultPermissions = defaultPermissions;
            return this;
        }

        /**
         * @param mappings subject mappings: source subject to weighted destinations
         * @return this builder
         */
        public Builder mappings(Map<String, List<WeightedMapping>> mappings) {
            this.mappings = mappings;
            return this;
        }

        /**
         * @param authorization auth callout: the users the authorization service connects as, the accounts it may
         *                     place users in, its xkey ({@link ExternalAuthorization#NONE} when off)
         * @return this builder
         */
        public Builder authorization(ExternalAuthorization authorization) {
            this.authorization = authorization;
            return this;
        }

        /**
         * @param description a description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @param infoUrl a link to more information
         * @return this builder
         */
        public Builder infoUrl(String infoUrl) {
            this.infoUrl = infoUrl;
            return this;
        }

        /**
         * @param tags tags
         * @return this builder
         */
        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        /**
         * @param trace message tracing (nats-server 2.11+), or {@code null} for none
         * @return this builder
         */
        public Builder trace(MessageTrace trace) {
            this.trace = trace;
            return this;
        }

        /**
         * @param clusterTraffic which account carries this account's JetStream cluster traffic (nats-server 2.11+):
         *                      {@value #CLUSTER_TRAFFIC_SYSTEM}, {@value #CLUSTER_TRAFFIC_OWNER}, or empty for the
         *                      server's default (system)
         * @return this builder
         */
        public Builder clusterTraffic(String clusterTraffic) {
            this.clusterTraffic = clusterTraffic;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public AccountClaims build() {
            return new AccountClaims(imports, exports, limits, signingKeys, revocations, defaultPermissions, mappings,
                    authorization, description, infoUrl, tags, trace, clusterTraffic);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AccountClaims other)) {
            return false;
        }
        return Objects.equals(imports, other.imports)
                && Objects.equals(exports, other.exports)
                && Objects.equals(limits, other.limits)
                && Objects.equals(signingKeys, other.signingKeys)
                && Objects.equals(revocations, other.revocations)
                && Objects.equals(defaultPermissions, other.defaultPermissions)
                && Objects.equals(mappings, other.mappings)
                && Objects.equals(authorization, other.authorization)
                && Objects.equals(description, other.description)
                && Objects.equals(infoUrl, other.infoUrl)
                && Objects.equals(tags, other.tags)
                && Objects.equals(trace, other.trace)
                && Objects.equals(clusterTraffic, other.clusterTraffic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(imports, exports, limits, signingKeys, revocations, defaultPermissions, mappings,
                authorization, description, infoUrl, tags, trace, clusterTraffic);
    }

    @Override
    public String toString() {
        return "AccountClaims[imports=" + imports + ", exports=" + exports + ", limits=" + limits
                + ", signingKeys=" + signingKeys + ", revocations=" + revocations
                + ", defaultPermissions=" + defaultPermissions + ", mappings=" + mappings
                + ", authorization=" + authorization + ", description=" + description + ", infoUrl=" + infoUrl
                + ", tags=" + tags + ", trace=" + trace + ", clusterTraffic=" + clusterTraffic + "]";
    }
}
