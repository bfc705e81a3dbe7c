package dev.natssandbox.jwt;

import java.util.List;
import java.util.Objects;

/**
 * The {@code "nats"} section of an operator JWT (self-signed, or signed by one of its signing keys).
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class OperatorClaims implements NatsClaims {
    private final List<String> signingKeys;
    private final String accountServerUrl;
    private final List<String> operatorServiceUrls;
    private final String systemAccount;
    private final String assertServerVersion;
    private final boolean strictSigningKeyUsage;
    private final List<String> tags;

    /** Wire value of {@link #type()}. */
    public static final String TYPE = "operator";

    /** Normalizes {@code null} and copies lists. */
    private OperatorClaims(List<String> signingKeys, String accountServerUrl, List<String> operatorServiceUrls,
                           String systemAccount, String assertServerVersion, boolean strictSigningKeyUsage,
                           List<String> tags) {
        signingKeys = signingKeys == null ? List.of() : List.copyOf(signingKeys);
        accountServerUrl = accountServerUrl == null ? "" : accountServerUrl;
        operatorServiceUrls = operatorServiceUrls == null ? List.of() : List.copyOf(operatorServiceUrls);
        systemAccount = systemAccount == null ? "" : systemAccount;
        assertServerVersion = assertServerVersion == null ? "" : assertServerVersion;
        tags = tags == null ? List.of() : List.copyOf(tags);
        this.signingKeys = signingKeys;
        this.accountServerUrl = accountServerUrl;
        this.operatorServiceUrls = operatorServiceUrls;
        this.systemAccount = systemAccount;
        this.assertServerVersion = assertServerVersion;
        this.strictSigningKeyUsage = strictSigningKeyUsage;
        this.tags = tags;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @return operator signing keys ({@code O…}) that may sign accounts
     */
    public List<String> signingKeys() {
        return signingKeys;
    }

    /**
     * @return base URL of an account server for tools, e.g. {@code http://host:9090/jwt/v1}
     */
    public String accountServerUrl() {
        return accountServerUrl;
    }

    /**
     * @return NATS URLs for tools
     */
    public List<String> operatorServiceUrls() {
        return operatorServiceUrls;
    }

    /**
     * @return public key of the system account
     */
    public String systemAccount() {
        return systemAccount;
    }

    /**
     * @return minimum server version, e.g. {@code 2.9.0}
     */
    public String assertServerVersion() {
        return assertServerVersion;
    }

    /**
     * @return whether accounts must be signed by a signing key rather than the operator identity
     */
    public boolean strictSigningKeyUsage() {
        return strictSigningKeyUsage;
    }

    /**
     * @return tags
     */
    public List<String> tags() {
        return tags;
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
        b.signingKeys = signingKeys;
        b.accountServerUrl = accountServerUrl;
        b.operatorServiceUrls = operatorServiceUrls;
        b.systemAccount = systemAccount;
        b.assertServerVersion = assertServerVersion;
        b.strictSigningKeyUsage = strictSigningKeyUsage;
        b.tags = tags;
        return b;
    }

    /**
     * Builds {@link OperatorClaims} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private List<String> signingKeys;
        private String accountServerUrl;
        private List<String> operatorServiceUrls;
        private String systemAccount;
        private String assertServerVersion;
        private boolean strictSigningKeyUsage;
        private List<String> tags;

        private Builder() {
        }

        /**
         * @param signingKeys operator signing keys ({@code O…}) that may sign accounts
         * @return this builder
         */
        public Builder signingKeys(List<String> signingKeys) {
            this.signingKeys = signingKeys;
            return this;
        }

        /**
         * @param accountServerUrl base URL of an account server for tools, e.g. {@code http://host:9090/jwt/v1}
         * @return this builder
         */
        public Builder accountServerUrl(String accountServerUrl) {
            this.accountServerUrl = accountServerUrl;
            return this;
        }

        /**
         * @param operatorServiceUrls NATS URLs for tools
         * @return this builder
         */
        public Builder operatorServiceUrls(List<String> operatorServiceUrls) {
            this.operatorServiceUrls = operatorServiceUrls;
            return this;
        }

        /**
         * @param systemAccount public key of the system account
         * @return this builder
         */
        public Builder systemAccount(String systemAccount) {
            this.systemAccount = systemAccount;
            return this;
        }

        /**
         * @param assertServerVersion minimum server version, e.g. {@code 2.9.0}
         * @return this builder
         */
        public Builder assertServerVersion(String assertServerVersion) {
            this.assertServerVersion = assertServerVersion;
            return this;
        }

        /**
         * @param strictSigningKeyUsage whether accounts must be signed by a signing key rather than the operator
         *                             identity
         * @return this builder
         */
        public Builder strictSigningKeyUsage(boolean strictSigningKeyUsage) {
            this.strictSigningKeyUsage = strictSigningKeyUsage;
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
         * @return the value; checked as the type's rules require
         */
        public OperatorClaims build() {
            return new OperatorClaims(signingKeys, accountServerUrl, operatorServiceUrls, systemAccount,
                    assertServerVersion, strictSigningKeyUsage, tags);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OperatorClaims other)) {
            return false;
        }
        return Objects.equals(signingKeys, other.signingKeys)
                && Objects.equals(accountServerUrl, other.accountServerUrl)
                && Objects.equals(operatorServiceUrls, other.operatorServiceUrls)
                && Objects.equals(systemAccount, other.systemAccount)
                && Objects.equals(assertServerVersion, other.assertServerVersion)
                && strictSigningKeyUsage == other.strictSigningKeyUsage
                && Objects.equals(tags, other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signingKeys, accountServerUrl, operatorServiceUrls, systemAccount, assertServerVersion,
                strictSigningKeyUsage, tags);
    }

    @Override
    public String toString() {
        return "OperatorClaims[signingKeys=" + signingKeys + ", accountServerUrl=" + accountServerUrl
                + ", operatorServiceUrls=" + operatorServiceUrls + ", systemAccount=" + systemAccount
                + ", assertServerVersion=" + assertServerVersion + ", strictSigningKeyUsage=" + strictSigningKeyUsage
                + ", tags=" + tags + "]";
    }
}
