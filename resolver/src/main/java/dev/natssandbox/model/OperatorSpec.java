package dev.natssandbox.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The operator, as {@code nsc add operator} and {@code nsc edit operator} would shape it.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class OperatorSpec {
    private final String name;
    private final int signingKeys;
    private final boolean strictSigningKeyUsage;
    private final String accountServerUrl;
    private final List<String> serviceUrls;
    private final String assertServerVersion;
    private final List<String> tags;
    private final Duration expires;

    /** Checks the name and signing key settings. */
    private OperatorSpec(String name, int signingKeys, boolean strictSigningKeyUsage, String accountServerUrl,
                         List<String> serviceUrls, String assertServerVersion, List<String> tags, Duration expires) {
        Checks.name("operator.name", "operator", name);
        if (signingKeys < 0 || signingKeys > 16) {
            throw new InvalidSpecException("operator.signing_keys", "signing key count [" + signingKeys
                    + "] must be between 0 and 16");
        }
        if (strictSigningKeyUsage && signingKeys == 0) {
            throw new InvalidSpecException("operator.strict_signing_keys", "strict signing key usage needs at "
                    + "least one signing key; set signing_keys: 1 or more");
        }
        accountServerUrl = accountServerUrl == null ? "" : accountServerUrl;
        serviceUrls = serviceUrls == null ? List.of() : List.copyOf(serviceUrls);
        for (int i = 0; i < serviceUrls.size(); i++) {
            String u = serviceUrls.get(i);
            String problem = serviceUrlProblem(u);
            if (problem != null) {
                throw new InvalidSpecException("operator.service_urls[" + i + "]", "service URL [" + u + "] "
                        + problem + "; write it like nats://host:4222");
            }
        }
        assertServerVersion = assertServerVersion == null ? "" : assertServerVersion;
        if (!assertServerVersion.isEmpty() && !assertServerVersion.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new InvalidSpecException("operator.assert_server_version", "version [" + assertServerVersion
                    + "] must look like 2.9.0");
        }
        tags = tags == null ? List.of() : List.copyOf(Checks.tags("operator.tags", tags));
        Checks.positive("operator.expires", expires);
        this.name = name;
        this.signingKeys = signingKeys;
        this.strictSigningKeyUsage = strictSigningKeyUsage;
        this.accountServerUrl = accountServerUrl;
        this.serviceUrls = serviceUrls;
        this.assertServerVersion = assertServerVersion;
        this.tags = tags;
        this.expires = expires;
    }

    /**
     * @param validFor how long after issuing the operator JWT expires, or {@code null} for never
     * @return a copy with that expiry
     */
    public OperatorSpec withExpires(Duration validFor) {
        return new OperatorSpec(name, signingKeys, strictSigningKeyUsage, accountServerUrl, serviceUrls,
                assertServerVersion, tags, validFor);
    }

    /**
     * @param name the operator's name
     * @return an operator with no signing keys
     */
    public static OperatorSpec named(String name) {
        return new OperatorSpec(name, 0, false, "", List.of(), "", List.of(), null);
    }

    /** As the reference validates operator service URLs: nats, tls, ws or wss, with a host, no path or user. */
    static String serviceUrlProblem(String url) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("nats", "tls", "ws", "wss").contains(scheme)) {
            return "must use nats://, tls://, ws:// or wss://";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "has no host";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry a user or password";
        }
        // Not even "/": the reference refuses any path, a trailing slash included.
        if (uri.getPath() != null && !uri.getPath().isEmpty()) {
            return "must not have a path (not even a trailing /)";
        }
        return null;
    }

    /**
     * @return the operator's name
     */
    public String name() {
        return name;
    }

    /**
     * @return how many operator signing keys to generate; when at least one, accounts are signed by the first (as nsc
     *         does with {@code -K})
     */
    public int signingKeys() {
        return signingKeys;
    }

    /**
     * @return whether accounts must be signed by a signing key (requires {@code signingKeys > 0})
     */
    public boolean strictSigningKeyUsage() {
        return strictSigningKeyUsage;
    }

    /**
     * @return account server URL for tools, or empty
     */
    public String accountServerUrl() {
        return accountServerUrl;
    }

    /**
     * @return NATS URLs for tools
     */
    public List<String> serviceUrls() {
        return serviceUrls;
    }

    /**
     * @return minimum server version, or empty
     */
    public String assertServerVersion() {
        return assertServerVersion;
    }

    /**
     * @return tags
     */
    public List<String> tags() {
        return tags;
    }

    /**
     * @return how long after issuing the operator JWT expires, or {@code null} for never; an expired operator makes
     *         nats-server refuse to start
     */
    public Duration expires() {
        return expires;
    }

    /**
     * Starts a builder; every other value starts at its default.
     *
     * @param name the operator's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * @return a builder that starts from this value
     */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.signingKeys = signingKeys;
        b.strictSigningKeyUsage = strictSigningKeyUsage;
        b.accountServerUrl = accountServerUrl;
        b.serviceUrls = serviceUrls;
        b.assertServerVersion = assertServerVersion;
        b.tags = tags;
        b.expires = expires;
        return b;
    }

    /**
     * Builds {@link OperatorSpec} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private String name;
        private int signingKeys;
        private boolean strictSigningKeyUsage;
        private String accountServerUrl;
        private List<String> serviceUrls;
        private String assertServerVersion;
        private List<String> tags;
        private Duration expires;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param name the operator's name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param signingKeys how many operator signing keys to generate; when at least one, accounts are signed by
         *                   the first (as nsc does with {@code -K})
         * @return this builder
         */
        public Builder signingKeys(int signingKeys) {
            this.signingKeys = signingKeys;
            return this;
        }

        /**
         * @param strictSigningKeyUsage whether accounts must be signed by a signing key (requires {@code signingKeys
         *                             > 0})
         * @return this builder
         */
        public Builder strictSigningKeyUsage(boolean strictSigningKeyUsage) {
            this.strictSigningKeyUsage = strictSigningKeyUsage;
            return this;
        }

        /**
         * @param accountServerUrl account server URL for tools, or empty
         * @return this builder
         */
        public Builder accountServerUrl(String accountServerUrl) {
            this.accountServerUrl = accountServerUrl;
            return this;
        }

        /**
         * @param serviceUrls NATS URLs for tools
         * @return this builder
         */
        public Builder serviceUrls(List<String> serviceUrls) {
            this.serviceUrls = serviceUrls;
            return this;
        }

        /**
         * @param assertServerVersion minimum server version, or empty
         * @return this builder
         */
        public Builder assertServerVersion(String assertServerVersion) {
            this.assertServerVersion = assertServerVersion;
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
         * @param expires how long after issuing the operator JWT expires, or {@code null} for never; an expired
         *               operator makes nats-server refuse to start
         * @return this builder
         */
        public Builder expires(Duration expires) {
            this.expires = expires;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public OperatorSpec build() {
            return new OperatorSpec(name, signingKeys, strictSigningKeyUsage, accountServerUrl, serviceUrls,
                    assertServerVersion, tags, expires);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OperatorSpec other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && signingKeys == other.signingKeys
                && strictSigningKeyUsage == other.strictSigningKeyUsage
                && Objects.equals(accountServerUrl, other.accountServerUrl)
                && Objects.equals(serviceUrls, other.serviceUrls)
                && Objects.equals(assertServerVersion, other.assertServerVersion)
                && Objects.equals(tags, other.tags)
                && Objects.equals(expires, other.expires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, signingKeys, strictSigningKeyUsage, accountServerUrl, serviceUrls,
                assertServerVersion, tags, expires);
    }

    @Override
    public String toString() {
        return "OperatorSpec[name=" + name + ", signingKeys=" + signingKeys
                + ", strictSigningKeyUsage=" + strictSigningKeyUsage + ", accountServerUrl=" + accountServerUrl
                + ", serviceUrls=" + serviceUrls + ", assertServerVersion=" + assertServerVersion + ", tags=" + tags
                + ", expires=" + expires + "]";
    }
}
