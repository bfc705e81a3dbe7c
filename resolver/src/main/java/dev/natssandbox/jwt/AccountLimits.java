package dev.natssandbox.jwt;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code "limits"} of an account JWT. Unlimited is {@code -1}, not absent; {@code 0} is a real limit (an
 * account with {@code conn: 0} admits no connection).
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class AccountLimits {
    private final long subs;
    private final long data;
    private final long payload;
    private final long imports;
    private final long exports;
    private final boolean wildcards;
    private final boolean disallowBearer;
    private final long conn;
    private final long leaf;
    private final JetStreamLimits jetStream;
    private final Map<String, JetStreamLimits> tieredLimits;

    /** Unlimited value of a limit. */
    public static final long UNLIMITED = -1;

    /** What {@code nsc add account} creates: everything unlimited, wildcard exports, JetStream off. */
    public static final AccountLimits DEFAULT = new AccountLimits(-1, -1, -1, -1, -1, true, false, -1, -1,
            JetStreamLimits.DISABLED, Map.of());

    /** Normalizes {@code null} and sorts the tiers. */
    private AccountLimits(long subs, long data, long payload, long imports, long exports, boolean wildcards,
                          boolean disallowBearer, long conn, long leaf, JetStreamLimits jetStream,
                          Map<String, JetStreamLimits> tieredLimits) {
        jetStream = Objects.requireNonNullElse(jetStream, JetStreamLimits.DISABLED);
        tieredLimits = tieredLimits == null ? Map.of()
                : java.util.Collections.unmodifiableMap(GoJson.sorted(tieredLimits));
        this.subs = subs;
        this.data = data;
        this.payload = payload;
        this.imports = imports;
        this.exports = exports;
        this.wildcards = wildcards;
        this.disallowBearer = disallowBearer;
        this.conn = conn;
        this.leaf = leaf;
        this.jetStream = jetStream;
        this.tieredLimits = tieredLimits;
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

        /**
         * @param v maximum subscriptions
         * @return this
         */
        public Builder subs(long v) {
            subs = v;
            return this;
        }

        /**
         * @param v maximum bytes
         * @return this
         */
        public Builder data(long v) {
            data = v;
            return this;
        }

        /**
         * @param v maximum payload
         * @return this
         */
        public Builder payload(long v) {
            payload = v;
            return this;
        }

        /**
         * @param v maximum imports
         * @return this
         */
        public Builder imports(long v) {
            imports = v;
            return this;
        }

        /**
         * @param v maximum exports
         * @return this
         */
        public Builder exports(long v) {
            exports = v;
            return this;
        }

        /**
         * @param v whether exports may use wildcards
         * @return this
         */
        public Builder wildcards(boolean v) {
            wildcards = v;
            return this;
        }

        /**
         * @param v whether bearer users are refused
         * @return this
         */
        public Builder disallowBearer(boolean v) {
            disallowBearer = v;
            return this;
        }

        /**
         * @param v maximum connections
         * @return this
         */
        public Builder conn(long v) {
            conn = v;
            return this;
        }

        /**
         * @param v maximum leaf node connections
         * @return this
         */
        public Builder leaf(long v) {
            leaf = v;
            return this;
        }

        /**
         * @param v JetStream limits
         * @return this
         */
        public Builder jetStream(JetStreamLimits v) {
            jetStream = v;
            return this;
        }

        /**
         * @param tier tier name, e.g. {@code R1}
         * @param v its limits
         * @return this
         */
        public Builder tier(String tier, JetStreamLimits v) {
            tiers.put(tier, v);
            return this;
        }

        /**
         * @param limits JetStream limits per tier, added to (or replacing) the tiers set so far
         * @return this
         */
        public Builder tieredLimits(Map<String, JetStreamLimits> limits) {
            tiers.putAll(limits);
            return this;
        }

        /**
         * @return the immutable value
         */
        public AccountLimits build() {
            return new AccountLimits(subs, data, payload, imports, exports, wildcards, disallowBearer, conn, leaf,
                    jetStream, tiers);
        }
    }

    /**
     * @return maximum subscriptions
     */
    public long subs() {
        return subs;
    }

    /**
     * @return maximum bytes
     */
    public long data() {
        return data;
    }

    /**
     * @return maximum message payload in bytes
     */
    public long payload() {
        return payload;
    }

    /**
     * @return maximum imports
     */
    public long imports() {
        return imports;
    }

    /**
     * @return maximum exports
     */
    public long exports() {
        return exports;
    }

    /**
     * @return whether exports may contain wildcards
     */
    public boolean wildcards() {
        return wildcards;
    }

    /**
     * @return whether bearer-token users are refused
     */
    public boolean disallowBearer() {
        return disallowBearer;
    }

    /**
     * @return maximum client connections
     */
    public long conn() {
        return conn;
    }

    /**
     * @return maximum leaf node connections
     */
    public long leaf() {
        return leaf;
    }

    /**
     * @return JetStream limits (untiered)
     */
    public JetStreamLimits jetStream() {
        return jetStream;
    }

    /**
     * @return JetStream limits per tier (e.g. {@code R1}, {@code R3}); when non-empty, {@code jetStream} is ignored
     *         by the server
     */
    public Map<String, JetStreamLimits> tieredLimits() {
        return tieredLimits;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AccountLimits other)) {
            return false;
        }
        return subs == other.subs
                && data == other.data
                && payload == other.payload
                && imports == other.imports
                && exports == other.exports
                && wildcards == other.wildcards
                && disallowBearer == other.disallowBearer
                && conn == other.conn
                && leaf == other.leaf
                && Objects.equals(jetStream, other.jetStream)
                && Objects.equals(tieredLimits, other.tieredLimits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subs, data, payload, imports, exports, wildcards, disallowBearer, conn, leaf, jetStream,
                tieredLimits);
    }

    @Override
    public String toString() {
        return "AccountLimits[subs=" + subs + ", data=" + data + ", payload=" + payload + ", imports=" + imports
                + ", exports=" + exports + ", wildcards=" + wildcards + ", disallowBearer=" + disallowBearer
                + ", conn=" + conn + ", leaf=" + leaf + ", jetStream=" + jetStream + ", tieredLimits=" + tieredLimits
                + "]";
    }
}
