package dev.natssandbox.model;

import java.util.Locale;
import java.util.Objects;

/**
 * How the sandbox's nats-server listens and what it enables; with a cluster size, how many routed servers run.
 * Immutable; built with {@link #builder()} or {@link #toBuilder()}.
 */
public final class ServerSpec {
    /** The largest cluster a sandbox runs. */
    public static final int MAX_CLUSTER_SIZE = 7;

    /** Loopback, any free port, no JetStream, memory resolver, one server without a cluster. */
    public static final ServerSpec DEFAULT = builder().build();

    private final String host;
    private final int port;
    private final boolean jetStream;
    private final ResolverType resolver;
    private final String extraConfig;
    private final int clusterSize;

    private ServerSpec(Builder b) {
        String h = b.host == null || b.host.isBlank() ? "127.0.0.1" : b.host.strip();
        if (b.port < -1 || b.port > 65535) {
            throw new InvalidSpecException("server.port", "port [" + b.port
                    + "] must be -1 (any free port) or between 0 and 65535");
        }
        if (!h.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw new InvalidSpecException("server.host", "host [" + h + "] is not a host name or IP address");
        }
        ResolverType r = Objects.requireNonNullElse(b.resolver, ResolverType.MEMORY);
        if (b.clusterSize != 0 && (b.clusterSize < 1 || b.clusterSize > MAX_CLUSTER_SIZE)) {
            throw new InvalidSpecException("server.cluster.size", "cluster size [" + b.clusterSize
                    + "] must be between 1 and " + MAX_CLUSTER_SIZE + "; use e.g. size: 3, or remove server.cluster "
                    + "for a single server");
        }
        if (b.clusterSize > 0 && (r == ResolverType.URL || r == ResolverType.CACHE)) {
            throw new InvalidSpecException("server.resolver", "resolver [" + r.name().toLowerCase(Locale.ROOT)
                    + "] is not supported with server.cluster (size " + b.clusterSize + "): every server of a "
                    + "cluster must know every account; use resolver: full (what production clusters run) or memory");
        }
        if (b.clusterSize > 0 && b.port != -1) {
            throw new InvalidSpecException("server.port", "port [" + b.port + "] cannot be used with server.cluster "
                    + "(size " + b.clusterSize + "): each server of a cluster lets the system pick its own port; "
                    + "remove server.port");
        }
        this.host = h;
        this.port = b.port;
        this.jetStream = b.jetStream;
        this.resolver = r;
        this.extraConfig = b.extraConfig == null ? "" : b.extraConfig;
        this.clusterSize = b.clusterSize;
    }

    /** @return a builder with the defaults of {@link #DEFAULT} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this spec's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.jetStream = jetStream;
        b.resolver = resolver;
        b.extraConfig = extraConfig;
        b.clusterSize = clusterSize;
        return b;
    }

    /** @return listen address; loopback by default */
    public String host() {
        return host;
    }

    /** @return listen port; {@code -1} lets the server pick a free one */
    public int port() {
        return port;
    }

    /** @return whether JetStream is enabled (accounts then get unlimited JetStream unless their limits set it) */
    public boolean jetStream() {
        return jetStream;
    }

    /** @return how the server finds account JWTs */
    public ResolverType resolver() {
        return resolver;
    }

    /** @return extra server configuration appended verbatim (e.g. {@code max_payload: 2MB}), or empty */
    public String extraConfig() {
        return extraConfig;
    }

    /**
     * @return how many servers run routed to each other as one cluster ({@code server.cluster.size}, 1 to
     *         {@value #MAX_CLUSTER_SIZE}), or {@code 0} for a single server without a cluster block
     */
    public int clusterSize() {
        return clusterSize;
    }

    /** @return whether a cluster is declared ({@link #clusterSize()} is at least 1) */
    public boolean clustered() {
        return clusterSize > 0;
    }

    /**
     * @param port a port, or -1 for any free one
     * @return a copy listening on {@code port}
     */
    public ServerSpec withPort(int port) {
        return toBuilder().port(port).build();
    }

    /**
     * @param resolver resolver type
     * @return a copy with that resolver
     */
    public ServerSpec withResolver(ResolverType resolver) {
        return toBuilder().resolver(resolver).build();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ServerSpec s && s.host.equals(host) && s.port == port
                && s.jetStream == jetStream && s.resolver == resolver && s.extraConfig.equals(extraConfig)
                && s.clusterSize == clusterSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, jetStream, resolver, extraConfig, clusterSize);
    }

    @Override
    public String toString() {
        return "ServerSpec[host=" + host + ", port=" + port + ", jetStream=" + jetStream + ", resolver=" + resolver
                + ", extraConfig=" + extraConfig + ", clusterSize=" + clusterSize + "]";
    }

    /** Builds a {@link ServerSpec}; checks happen in {@link #build()}. Mutable; not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = -1;
        private boolean jetStream;
        private ResolverType resolver = ResolverType.MEMORY;
        private String extraConfig = "";
        private int clusterSize;

        private Builder() {
        }

        /**
         * @param host listen address; {@code null} or blank for loopback
         * @return this
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * @param port listen port, {@code -1} for any free one
         * @return this
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * @param jetStream whether JetStream is enabled (on every server of a cluster)
         * @return this
         */
        public Builder jetStream(boolean jetStream) {
            this.jetStream = jetStream;
            return this;
        }

        /**
         * @param resolver how the server finds account JWTs; {@code null} for memory
         * @return this
         */
        public Builder resolver(ResolverType resolver) {
            this.resolver = resolver;
            return this;
        }

        /**
         * @param extraConfig configuration appended verbatim; {@code null} for none
         * @return this
         */
        public Builder extraConfig(String extraConfig) {
            this.extraConfig = extraConfig;
            return this;
        }

        /**
         * @param size how many routed servers, 1 to {@value ServerSpec#MAX_CLUSTER_SIZE}; {@code 0} for a single
         *             server without a cluster
         * @return this
         */
        public Builder clusterSize(int size) {
            this.clusterSize = size;
            return this;
        }

        /**
         * @return the spec
         * @throws InvalidSpecException for a bad port, host or cluster size, or a cluster with a fixed port or a
         *                              resolver a cluster cannot run
         */
        public ServerSpec build() {
            return new ServerSpec(this);
        }
    }
}
