package dev.natssandbox.jwt;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code "limits"} of an account JWT. Unlimited is {@code -1}, not absent; {@code 0} is a real limit (an
 * account with {@code conn: 0} admits no connection).
 *
 * @param subs           maximum subscriptions
 * @param data           maximum bytes
 * @param payload        maximum message payload in bytes
 * @param imports        maximum imports
 * @param exports        maximum exports
 * @param wildcards      whether exports may contain wildcards
 * @param disallowBearer whether bearer-token users are refused
 * @param conn           maximum client connections
 * @param leaf           maximum leaf node connections
 * @param jetStream      JetStream limits (untiered)
 * @param tieredLimits   JetStream limits per tier (e.g. {@code R1}, {@code R3}); when non-empty, {@code jetStream}
 *                       is ignored by the server
 */
public record AccountLimits(
        long subs,
        long data,
        long payload,
        long imports,
        long exports,
        boolean wildcards,
        boolean disallowBearer,
        long conn,
        long leaf,
        JetStreamLimits jetStream,
        Map<String, JetStreamLimits> tieredLimits) {

    /** Unlimited value of a limit. */
    public static final long UNLIMITED = -1;

    /** What {@code nsc add account} creates: everything unlimited, wildcard exports, JetStream off. */
    public static final AccountLimits DEFAULT = new AccountLimits(-1, -1, -1, -1, -1, true, false, -1, -1,
            JetStreamLimits.DISABLED, Map.of());

    /** Normalizes {@code null} and sorts the tiers. */
    public AccountLimits {
        jetStream = Objects.requireNonNullElse(jetStream, JetStreamLimits.DISABLED);
        tieredLimits = tieredLimits == null ? Map.of()
                : java.util.Collections.unmodifiableMap(GoJson.sorted(tieredLimits));
    }

    /**
     * @return a builder initialised with this value
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @return a builder initialised with {@link #DEFAULT}
     */
    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private long subs;
        private long data;
        private long payload;
        private long imports;
        private long exports;
        private boolean wildcards;
        private boolean disallowBearer;
        private long conn;
        private long leaf;
        private JetStreamLimits jetStream;
        private final Map<String, JetStreamLimits> tiers = new TreeMap<>(GoJson.ORDER);

        private Builder(AccountLimits from) {
            subs = from.subs;
            data = from.data;
            payload = from.payload;
            imports = from.imports;
            exports = from.exports;
            wildcards = from.wildcards;
            disallowBearer = from.disallowBearer;
            conn = from.conn;
            leaf = from.leaf;
            jetStream = from.jetStream;
            tiers.putAll(from.tieredLimits);
        }

        /** @param v maximum subscriptions @return this */
        public Builder subs(long v) {
            subs = v;
            return this;
        }

        /** @param v maximum bytes @return this */
        public Builder data(long v) {
            data = v;
            return this;
        }

        /** @param v maximum payload @return this */
        public Builder payload(long v) {
            payload = v;
            return this;
        }

        /** @param v maximum imports @return this */
        public Builder imports(long v) {
            imports = v;
            return this;
        }

        /** @param v maximum exports @return this */
        public Builder exports(long v) {
            exports = v;
            return this;
        }

        /** @param v whether exports may use wildcards @return this */
        public Builder wildcards(boolean v) {
            wildcards = v;
            return this;
        }

        /** @param v whether bearer users are refused @return this */
        public Builder disallowBearer(boolean v) {
            disallowBearer = v;
            return this;
        }

        /** @param v maximum connections @return this */
        public Builder conn(long v) {
            conn = v;
            return this;
        }

        /** @param v maximum leaf node connections @return this */
        public Builder leaf(long v) {
            leaf = v;
            return this;
        }

        /** @param v JetStream limits @return this */
        public Builder jetStream(JetStreamLimits v) {
            jetStream = v;
            return this;
        }

        /** @param tier tier name, e.g. {@code R1} @param v its limits @return this */
        public Builder tier(String tier, JetStreamLimits v) {
            tiers.put(tier, v);
            return this;
        }

        /** @return the immutable value */
        public AccountLimits build() {
            return new AccountLimits(subs, data, payload, imports, exports, wildcards, disallowBearer, conn, leaf,
                    jetStream, tiers);
        }
    }
}
