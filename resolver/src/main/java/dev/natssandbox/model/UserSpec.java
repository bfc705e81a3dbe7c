package dev.natssandbox.model;

import dev.natssandbox.jwt.ResponsePermission;
import dev.natssandbox.jwt.UserPermissionLimits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A user of an account, as {@code nsc add user} would create it.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class UserSpec {
    private final String name;
    private final UserPermissionLimits limits;
    private final String signingKey;
    private final Duration expires;
    private final Instant notBefore;
    private final boolean revoked;
    private final List<String> tags;
    private final Instant revokedAt;

    /** Checks the name, subjects, CIDRs, times, limits and durations. */
    private UserSpec(String name, UserPermissionLimits limits, String signingKey, Duration expires, Instant notBefore,
                     boolean revoked, List<String> tags, Instant revokedAt) {
        Checks.name("users", "user", name);
        String at = "users." + name;
        limits = Objects.requireNonNullElse(limits, UserPermissionLimits.DEFAULT);
        Checks.userPermissionLimits(at, limits);
        if (signingKey != null) {
            Checks.name(at + ".signing_key", "signing key", signingKey);
        }
        Checks.positive(at + ".expires", expires);
        tags = tags == null ? List.of() : List.copyOf(Checks.tags(at + ".tags", tags));
        if (revokedAt != null && revokedAt.getEpochSecond() < 0) {
            throw new InvalidSpecException(at + ".revoked_at", "revocation time [" + revokedAt
                    + "] is before 1970; give a time like 2026-01-01T00:00:00Z");
        }
        this.name = name;
        this.limits = limits;
        this.signingKey = signingKey;
        this.expires = expires;
        this.notBefore = notBefore;
        this.revoked = revoked;
        this.tags = tags;
        this.revokedAt = revokedAt;
    }

    /**
     * @param name the user's name
     * @return a user with default permissions and limits
     */
    public static UserSpec named(String name) {
        return builder(name).build();
    }

    /**
     * @param name the user's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * @return a builder initialised with this user
     */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.limits = limits.toBuilder();
        b.signingKey = signingKey;
        b.expires = expires;
        b.notBefore = notBefore;
        b.revoked = revoked;
        b.revokedAt = revokedAt;
        b.tags.addAll(tags);
        return b;
    }

    /**
     * Builds a user the way {@code nsc add user} flags read: {@code allowPub("_INBOX.>").allowSub("req.a")}.
     * Mutable; not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private UserPermissionLimits.Builder limits = UserPermissionLimits.builder();
        private String signingKey;
        private Duration expires;
        private Instant notBefore;
        private boolean revoked;
        private Instant revokedAt;
        private final List<String> tags = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param subjects {@code --allow-pub}
         * @return this
         */
        public Builder allowPub(String... subjects) {
            limits.allowPub(subjects);
            return this;
        }

        /**
         * @param subjects {@code --deny-pub}
         * @return this
         */
        public Builder denyPub(String... subjects) {
            limits.denyPub(subjects);
            return this;
        }

        /**
         * @param subjects {@code --allow-sub}; an entry may be {@code "subject queue"}
         * @return this
         */
        public Builder allowSub(String... subjects) {
            limits.allowSub(subjects);
            return this;
        }

        /**
         * @param subjects {@code --deny-sub}
         * @return this
         */
        public Builder denySub(String... subjects) {
            limits.denySub(subjects);
            return this;
        }

        /**
         * @param subjects allowed for both publish and subscribe ({@code --allow-pubsub})
         * @return this
         */
        public Builder allowPubSub(String... subjects) {
            limits.allowPub(subjects).allowSub(subjects);
            return this;
        }

        /**
         * @param subjects denied for both publish and subscribe ({@code --deny-pubsub})
         * @return this
         */
        public Builder denyPubSub(String... subjects) {
            limits.denyPub(subjects).denySub(subjects);
            return this;
        }

        /**
         * @param maxMessages replies allowed per request ({@code --allow-pub-response})
         * @param ttl         how long the reply subject stays allowed ({@code --response-ttl}); zero for no limit
         * @return this
         */
        public Builder allowResponses(int maxMessages, Duration ttl) {
            limits.resp(new ResponsePermission(maxMessages, ttl));
            return this;
        }

        /**
         * @param cidrs {@code --source-network}, e.g. {@code 127.0.0.1/32}
         * @return this
         */
        public Builder sourceNetwork(String... cidrs) {
            limits.src(cidrs);
            return this;
        }

        /**
         * @param start {@code HH:mm:ss}
         * @param end {@code HH:mm:ss}
         * @return this ({@code --time})
         */
        public Builder time(String start, String end) {
            limits.time(start, end);
            return this;
        }

        /**
         * @param zone IANA zone of the time windows ({@code --locale})
         * @return this
         */
        public Builder timesLocation(String zone) {
            limits.timesLocation(zone);
            return this;
        }

        /**
         * @param subs maximum subscriptions, -1 unlimited ({@code --subs})
         * @return this
         */
        public Builder maxSubscriptions(long subs) {
            limits.subs(subs);
            return this;
        }

        /**
         * @param data maximum bytes, -1 unlimited ({@code --data})
         * @return this
         */
        public Builder maxData(long data) {
            limits.data(data);
            return this;
        }

        /**
         * @param payload maximum payload, -1 unlimited ({@code --payload})
         * @return this
         */
        public Builder maxPayload(long payload) {
            limits.payload(payload);
            return this;
        }

        /**
         * @param bearer whether the JWT alone authenticates ({@code --bearer})
         * @return this
         */
        public Builder bearer(boolean bearer) {
            limits.bearerToken(bearer);
            return this;
        }

        /**
         * @param required whether the user must connect through a trusted proxy (nats-server 2.12+,
         *                 {@code --proxy-required})
         * @return this
         */
        public Builder proxyRequired(boolean required) {
            limits.proxyRequired(required);
            return this;
        }

        /**
         * @param types {@code --conn-type}, e.g. {@code STANDARD}
         * @return this
         */
        public Builder allowedConnectionTypes(String... types) {
            limits.allowedConnectionTypes(types);
            return this;
        }

        /**
         * @param limits replaces all permissions and limits
         * @return this
         */
        public Builder limits(UserPermissionLimits limits) {
            this.limits = limits.toBuilder();
            return this;
        }

        /**
         * @param keyName the account signing key that signs this user ({@code -K})
         * @return this
         */
        public Builder signingKey(String keyName) {
            this.signingKey = keyName;
            return this;
        }

        /**
         * @param validFor how long the JWT stays valid ({@code --expiry})
         * @return this
         */
        public Builder expires(Duration validFor) {
            this.expires = validFor;
            return this;
        }

        /**
         * @param at when the JWT becomes valid ({@code --start})
         * @return this
         */
        public Builder notBefore(Instant at) {
            this.notBefore = at;
            return this;
        }

        /**
         * @param at the account revokes this user's JWTs issued at or before this time ({@code nsc revocations
         *           add-user --at})
         * @return this
         */
        public Builder revokedAt(Instant at) {
            this.revokedAt = at;
            return this;
        }

        /**
         * @param revoked whether the account revokes this user
         * @return this
         */
        public Builder revoked(boolean revoked) {
            this.revoked = revoked;
            return this;
        }

        /**
         * @param values tags to add to those set before
         * @return this
         */
        public Builder tags(String... values) {
            tags.addAll(List.of(values));
            return this;
        }

        /**
         * @param values the user's tags, replacing any set before
         * @return this
         */
        public Builder tags(List<String> values) {
            List<String> copy = new ArrayList<>(values);
            tags.clear();
            tags.addAll(copy);
            return this;
        }

        /**
         * @return the user
         */
        public UserSpec build() {
            return new UserSpec(name, limits.build(), signingKey, expires, notBefore, revoked, tags, revokedAt);
        }
    }

    /**
     * @return the user's name, unique within its account
     */
    public String name() {
        return name;
    }

    /**
     * @return permissions and limits ({@link UserPermissionLimits#DEFAULT}: allowed everything, unlimited)
     */
    public UserPermissionLimits limits() {
        return limits;
    }

    /**
     * @return the name of the account signing key that signs this user, or {@code null} for the account identity;
     *         when that key is scoped, {@code limits} must stay {@link UserPermissionLimits#DEFAULT}
     */
    public String signingKey() {
        return signingKey;
    }

    /**
     * @return how long after issuing the JWT expires, or {@code null} for never
     */
    public Duration expires() {
        return expires;
    }

    /**
     * @return when the JWT becomes valid, or {@code null} for immediately
     */
    public Instant notBefore() {
        return notBefore;
    }

    /**
     * @return whether the account revokes this user (it keeps its creds but cannot connect)
     */
    public boolean revoked() {
        return revoked;
    }

    /**
     * @return tags
     */
    public List<String> tags() {
        return tags;
    }

    /**
     * @return when set, the account revokes this user's JWTs issued at or before that time (the user stays revoked
     *         only if its JWT is not newer); {@code null} for {@code revoked}'s own rule
     */
    public Instant revokedAt() {
        return revokedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof UserSpec other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(limits, other.limits)
                && Objects.equals(signingKey, other.signingKey)
                && Objects.equals(expires, other.expires)
                && Objects.equals(notBefore, other.notBefore)
                && revoked == other.revoked
                && Objects.equals(tags, other.tags)
                && Objects.equals(revokedAt, other.revokedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, limits, signingKey, expires, notBefore, revoked, tags, revokedAt);
    }

    @Override
    public String toString() {
        return "UserSpec[name=" + name + ", limits=" + limits + ", signingKey=" + signingKey + ", expires=" + expires
                + ", notBefore=" + notBefore + ", revoked=" + revoked + ", tags=" + tags + ", revokedAt=" + revokedAt
                + "]";
    }
}
