package dev.natssandbox.jwt;

import java.util.List;
import java.util.Objects;

/**
 * The {@code "nats"} section of an activation token: the exporter's permission for one account (the token's
 * subject) to import a private export ({@code token_req}).
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class ActivationClaims implements NatsClaims {
    private final String subject;
    private final ExportType kind;
    private final String issuerAccount;
    private final List<String> tags;
    /** Wire value of {@link #type()}. */
    public static final String TYPE = "activation";

    /** Normalizes {@code null}. */
    private ActivationClaims(String subject, ExportType kind, String issuerAccount, List<String> tags) {
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(kind, "activation kind");
        issuerAccount = issuerAccount == null ? "" : issuerAccount;
        tags = tags == null ? List.of() : List.copyOf(tags);
        this.subject = subject;
        this.kind = kind;
        this.issuerAccount = issuerAccount;
        this.tags = tags;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @return the subject the importer may import
     */
    public String subject() {
        return subject;
    }

    /**
     * @return stream or service
     */
    public ExportType kind() {
        return kind;
    }

    /**
     * @return the exporter's public key when a signing key signed the token, else empty
     */
    public String issuerAccount() {
        return issuerAccount;
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
     * @param subject the subject the importer may import
     * @param kind stream or service
     * @return a builder
     */
    public static Builder builder(String subject, ExportType kind) {
        return new Builder(subject, kind);
    }

    /**
     * @return a builder that starts from this value
     */
    public Builder toBuilder() {
        Builder b = new Builder(subject, kind);
        b.issuerAccount = issuerAccount;
        b.tags = tags;
        return b;
    }

    /**
     * Builds {@link ActivationClaims} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private String subject;
        private ExportType kind;
        private String issuerAccount;
        private List<String> tags;

        private Builder(String subject, ExportType kind) {
            this.subject = subject;
            this.kind = kind;
        }

        /**
         * @param subject the subject the importer may import
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * @param kind stream or service
         * @return this builder
         */
        public Builder kind(ExportType kind) {
            this.kind = kind;
            return this;
        }

        /**
         * @param issuerAccount the exporter's public key when a signing key signed the token, else empty
         * @return this builder
         */
        public Builder issuerAccount(String issuerAccount) {
            this.issuerAccount = issuerAccount;
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
        public ActivationClaims build() {
            return new ActivationClaims(subject, kind, issuerAccount, tags);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ActivationClaims other)) {
            return false;
        }
        return Objects.equals(subject, other.subject)
                && Objects.equals(kind, other.kind)
                && Objects.equals(issuerAccount, other.issuerAccount)
                && Objects.equals(tags, other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, kind, issuerAccount, tags);
    }

    @Override
    public String toString() {
        return "ActivationClaims[subject=" + subject + ", kind=" + kind + ", issuerAccount=" + issuerAccount
                + ", tags=" + tags + "]";
    }
}
