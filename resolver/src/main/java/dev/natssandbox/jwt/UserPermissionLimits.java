package dev.natssandbox.jwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a user may do: permissions and limits. Both a user JWT and a scoped signing key's {@code template} carry
 * one. Limits use the reference convention: {@code -1} is unlimited and {@code 0} is a real limit (a user JWT
 * without {@code subs} may not subscribe at all).
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class UserPermissionLimits {
    private final Permissions permissions;
    private final List<String> src;
    private final List<TimeRange> times;
    private final String timesLocation;
    private final long subs;
    private final long data;
    private final long payload;
    private final boolean bearerToken;
    private final boolean proxyRequired;
    private final List<String> allowedConnectionTypes;

    /** Unlimited value of a limit. */
    public static final long UNLIMITED = -1;

    /** What {@code nsc add user} creates: no permissions, no source or time restriction, unlimited limits. */
    public static final UserPermissionLimits DEFAULT = new UserPermissionLimits(Permissions.NONE, List.of(),
            List.of(), "", UNLIMITED, UNLIMITED, UNLIMITED, false, false, List.of());

    /** What a user signed by a scoped signing key carries: nothing at all (the scope's template applies). */
    public static final UserPermissionLimits EMPTY = new UserPermissionLimits(Permissions.NONE, List.of(),
            List.of(), "", 0, 0, 0, false, false, List.of());

    /** Normalizes {@code null} to empty and copies lists. */
    private UserPermissionLimits(Permissions permissions, List<String> src, List<TimeRange> times, String timesLocation,
                                 long subs, long data, long payload, boolean bearerToken, boolean proxyRequired,
                                 List<String> allowedConnectionTypes) {
        permissions = Objects.requireNonNullElse(permissions, Permissions.NONE);
        src = src == null ? List.of() : List.copyOf(src);
        times = times == null ? List.of() : List.copyOf(times);
        timesLocation = timesLocation == null ? "" : timesLocation;
        allowedConnectionTypes = allowedConnectionTypes == null ? List.of() : List.copyOf(allowedConnectionTypes);
        this.permissions = permissions;
        this.src = src;
        this.times = times;
        this.timesLocation = timesLocation;
        this.subs = subs;
        this.data = data;
        this.payload = payload;
        this.bearerToken = bearerToken;
        this.proxyRequired = proxyRequired;
        this.allowedConnectionTypes = allowedConnectionTypes;
    }

    /**
     * @return whether this is {@link #EMPTY}, as required for users of a scoped signing key
     */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /**
     * @return publish permission
     */
    public Permission pub() {
        return permissions.pub();
    }

    /**
     * @return subscribe permission
     */
    public Permission sub() {
        return permissions.sub();
    }

    /**
     * @return response permission, or {@code null}
     */
    public ResponsePermission resp() {
        return permissions.resp();
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
        private final List<String> pubAllow = new ArrayList<>();
        private final List<String> pubDeny = new ArrayList<>();
        private final List<String> subAllow = new ArrayList<>();
        private final List<String> subDeny = new ArrayList<>();
        private ResponsePermission resp;
        private final List<String> src = new ArrayList<>();
        private final List<TimeRange> times = new ArrayList<>();
        private String timesLocation;
        private long subs;
        private long data;
        private long payload;
        private boolean bearerToken;
        private boolean proxyRequired;
        private final List<String> allowedConnectionTypes = new ArrayList<>();

        private Builder(UserPermissionLimits from) {
            pubAllow.addAll(from.pub().allow());
            pubDeny.addAll(from.pub().deny());
            subAllow.addAll(from.sub().allow());
            subDeny.addAll(from.sub().deny());
            resp = from.resp();
            src.addAll(from.src());
            times.addAll(from.times());
            timesLocation = from.timesLocation();
            subs = from.subs();
            data = from.data();
            payload = from.payload();
            bearerToken = from.bearerToken();
            proxyRequired = from.proxyRequired();
            allowedConnectionTypes.addAll(from.allowedConnectionTypes());
        }

        /**
         * @param subjects subjects to add to the publish allow list
         * @return this
         */
        public Builder allowPub(String... subjects) {
            pubAllow.addAll(List.of(subjects));
            return this;
        }

        /**
         * @param subjects subjects to add to the publish deny list
         * @return this
         */
        public Builder denyPub(String... subjects) {
            pubDeny.addAll(List.of(subjects));
            return this;
        }

        /**
         * @param subjects subjects (optionally {@code "subject queue"}) to allow subscribing to
         * @return this
         */
        public Builder allowSub(String... subjects) {
            subAllow.addAll(List.of(subjects));
            return this;
        }

        /**
         * @param subjects subjects (optionally {@code "subject queue"}) to deny subscribing to
         * @return this
         */
        public Builder denySub(String... subjects) {
            subDeny.addAll(List.of(subjects));
            return this;
        }

        /**
         * @param resp response permission, or {@code null} for none
         * @return this
         */
        public Builder resp(ResponsePermission resp) {
            this.resp = resp;
            return this;
        }

        /**
         * @param cidrs CIDR blocks to add to those the user may connect from, e.g. {@code 127.0.0.1/32}
         * @return this
         */
        public Builder src(String... cidrs) {
            src.addAll(List.of(cidrs));
            return this;
        }

        /**
         * @param start window start {@code HH:mm:ss}
         * @param end window end {@code HH:mm:ss}
         * @return this
         */
        public Builder time(String start, String end) {
            times.add(new TimeRange(start, end));
            return this;
        }

        /**
         * @param zone IANA zone for the time windows
         * @return this
         */
        public Builder timesLocation(String zone) {
            this.timesLocation = zone;
            return this;
        }

        /**
         * @param subs maximum subscriptions, {@code -1} unlimited
         * @return this
         */
        public Builder subs(long subs) {
            this.subs = subs;
            return this;
        }

        /**
         * @param data maximum bytes, {@code -1} unlimited
         * @return this
         */
        public Builder data(long data) {
            this.data = data;
            return this;
        }

        /**
         * @param payload maximum payload bytes, {@code -1} unlimited
         * @return this
         */
        public Builder payload(long payload) {
            this.payload = payload;
            return this;
        }

        /**
         * @param bearer whether the JWT alone authenticates
         * @return this
         */
        public Builder bearerToken(boolean bearer) {
            this.bearerToken = bearer;
            return this;
        }

        /**
         * @param required whether connections must come through a proxy
         * @return this
         */
        public Builder proxyRequired(boolean required) {
            this.proxyRequired = required;
            return this;
        }

        /**
         * @param types allowed connection types to add, e.g. {@code STANDARD}
         * @return this
         */
        public Builder allowedConnectionTypes(String... types) {
            allowedConnectionTypes.addAll(List.of(types));
            return this;
        }

        /**
         * @param value publish, subscribe and response permissions, replacing any set so far
         * @return this
         */
        public Builder permissions(Permissions value) {
            pubAllow.clear();
            pubDeny.clear();
            subAllow.clear();
            subDeny.clear();
            pubAllow.addAll(value.pub().allow());
            pubDeny.addAll(value.pub().deny());
            subAllow.addAll(value.sub().allow());
            subDeny.addAll(value.sub().deny());
            resp = value.resp();
            return this;
        }

        /**
         * @param ranges daily connect windows, replacing any added before
         * @return this
         */
        public Builder times(List<TimeRange> ranges) {
            replace(times, ranges);
            return this;
        }

        /**
         * @param cidrs CIDR blocks the user may connect from, replacing any added before
         * @return this
         */
        public Builder src(List<String> cidrs) {
            replace(src, cidrs);
            return this;
        }

        /**
         * @param types allowed connection types, e.g. {@code STANDARD}, replacing any added before
         * @return this
         */
        public Builder allowedConnectionTypes(List<String> types) {
            replace(allowedConnectionTypes, types);
            return this;
        }

        /** Replaces the content of a builder's list, copying first so a list may be passed to itself. */
        private static <T> void replace(List<T> target, List<T> values) {
            List<T> copy = new ArrayList<>(values);
            target.clear();
            target.addAll(copy);
        }

        /**
         * @return the immutable value
         */
        public UserPermissionLimits build() {
            return new UserPermissionLimits(
                    new Permissions(new Permission(pubAllow, pubDeny), new Permission(subAllow, subDeny), resp),
                    src, times, timesLocation, subs, data, payload, bearerToken, proxyRequired,
                    allowedConnectionTypes);
        }
    }

    /**
     * @return publish, subscribe and response permissions
     */
    public Permissions permissions() {
        return permissions;
    }

    /**
     * @return CIDR blocks the user may connect from; empty means anywhere
     */
    public List<String> src() {
        return src;
    }

    /**
     * @return daily connect windows; empty means any time
     */
    public List<TimeRange> times() {
        return times;
    }

    /**
     * @return IANA zone for {@code times}, e.g. {@code "Europe/Berlin"}; empty means server local
     */
    public String timesLocation() {
        return timesLocation;
    }

    /**
     * @return maximum subscriptions, {@code -1} unlimited
     */
    public long subs() {
        return subs;
    }

    /**
     * @return maximum bytes, {@code -1} unlimited
     */
    public long data() {
        return data;
    }

    /**
     * @return maximum message payload in bytes, {@code -1} unlimited
     */
    public long payload() {
        return payload;
    }

    /**
     * @return whether the JWT alone authenticates (no nonce signature)
     */
    public boolean bearerToken() {
        return bearerToken;
    }

    /**
     * @return whether the user must connect through a proxy (nats-server 2.12+)
     */
    public boolean proxyRequired() {
        return proxyRequired;
    }

    /**
     * @return e.g. {@code STANDARD}, {@code WEBSOCKET}, {@code LEAFNODE}, {@code MQTT}; empty means all
     */
    public List<String> allowedConnectionTypes() {
        return allowedConnectionTypes;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof UserPermissionLimits other)) {
            return false;
        }
        return Objects.equals(permissions, other.permissions)
                && Objects.equals(src, other.src)
                && Objects.equals(times, other.times)
                && Objects.equals(timesLocation, other.timesLocation)
                && subs == other.subs
                && data == other.data
                && payload == other.payload
                && bearerToken == other.bearerToken
                && proxyRequired == other.proxyRequired
                && Objects.equals(allowedConnectionTypes, other.allowedConnectionTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(permissions, src, times, timesLocation, subs, data, payload, bearerToken, proxyRequired,
                allowedConnectionTypes);
    }

    @Override
    public String toString() {
        return "UserPermissionLimits[permissions=" + permissions + ", src=" + src + ", times=" + times
                + ", timesLocation=" + timesLocation + ", subs=" + subs + ", data=" + data + ", payload=" + payload
                + ", bearerToken=" + bearerToken + ", proxyRequired=" + proxyRequired
                + ", allowedConnectionTypes=" + allowedConnectionTypes + "]";
    }
}
