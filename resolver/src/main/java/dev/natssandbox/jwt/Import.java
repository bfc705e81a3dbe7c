package dev.natssandbox.jwt;

import java.util.Objects;

/**
 * A stream or service an account takes from another account.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class Import {
    private final String name;
    private final String subject;
    private final String account;
    private final String token;
    private final String to;
    private final String localSubject;
    private final ExportType type;
    private final boolean share;
    private final boolean allowTrace;

    /** Normalizes {@code null}. */
    private Import(String name, String subject, String account, String token, String to, String localSubject,
                   ExportType type, boolean share, boolean allowTrace) {
        name = name == null ? "" : name;
        subject = subject == null ? "" : subject;
        account = account == null ? "" : account;
        token = token == null ? "" : token;
        to = to == null ? "" : to;
        localSubject = localSubject == null ? "" : localSubject;
        Objects.requireNonNull(type, "import type");
        this.name = name;
        this.subject = subject;
        this.account = account;
        this.token = token;
        this.to = to;
        this.localSubject = localSubject;
        this.type = type;
        this.share = share;
        this.allowTrace = allowTrace;
    }

    /**
     * @return a label
     */
    public String name() {
        return name;
    }

    /**
     * @return the subject as the exporter names it (for a service: what the importer publishes, before renaming)
     */
    public String subject() {
        return subject;
    }

    /**
     * @return the exporting account's public key
     */
    public String account() {
        return account;
    }

    /**
     * @return an activation token for a private export, else empty
     */
    public String token() {
        return token;
    }

    /**
     * @return deprecated rename target (use {@code localSubject})
     */
    public String to() {
        return to;
    }

    /**
     * @return the subject in the importing account, e.g. {@code y.>} for {@code x.>}; empty for the same
     */
    public String localSubject() {
        return localSubject;
    }

    /**
     * @return stream or service
     */
    public ExportType type() {
        return type;
    }

    /**
     * @return for services: whether to share the requester's identity for latency tracking
     */
    public boolean share() {
        return share;
    }

    /**
     * @return for streams: whether message traces may continue from the exporter into this account (nats-server
     *         2.11+); the reference refuses it on a service import
     */
    public boolean allowTrace() {
        return allowTrace;
    }

    /**
     * Starts a builder; every other value starts at its default.
     *
     * @param account the exporting account's public key
     * @param subject the subject as the exporter names it (for a service: what the importer publishes, before
     *               renaming)
     * @param type stream or service
     * @return a builder
     */
    public static Builder builder(String account, String subject, ExportType type) {
        return new Builder(account, subject, type);
    }

    /**
     * @return a builder that starts from this value
     */
    public Builder toBuilder() {
        Builder b = new Builder(account, subject, type);
        b.name = name;
        b.token = token;
        b.to = to;
        b.localSubject = localSubject;
        b.share = share;
        b.allowTrace = allowTrace;
        return b;
    }

    /**
     * Builds {@link Import} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private String name;
        private String subject;
        private String account;
        private String token;
        private String to;
        private String localSubject;
        private ExportType type;
        private boolean share;
        private boolean allowTrace;

        private Builder(String account, String subject, ExportType type) {
            this.account = account;
            this.subject = subject;
            this.type = type;
        }

        /**
         * @param name a label
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param subject the subject as the exporter names it (for a service: what the importer publishes, before
         *               renaming)
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * @param account the exporting account's public key
         * @return this builder
         */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /**
         * @param token an activation token for a private export, else empty
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * @param to deprecated rename target (use {@code localSubject})
         * @return this builder
         */
        public Builder to(String to) {
            this.to = to;
            return this;
        }

        /**
         * @param localSubject the subject in the importing account, e.g. {@code y.>} for {@code x.>}; empty for the
         *                    same
         * @return this builder
         */
        public Builder localSubject(String localSubject) {
            this.localSubject = localSubject;
            return this;
        }

        /**
         * @param type stream or service
         * @return this builder
         */
        public Builder type(ExportType type) {
            this.type = type;
            return this;
        }

        /**
         * @param share for services: whether to share the requester's identity for latency tracking
         * @return this builder
         */
        public Builder share(boolean share) {
            this.share = share;
            return this;
        }

        /**
         * @param allowTrace for streams: whether message traces may continue from the exporter into this account
         *                  (nats-server 2.11+); the reference refuses it on a service import
         * @return this builder
         */
        public Builder allowTrace(boolean allowTrace) {
            this.allowTrace = allowTrace;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public Import build() {
            return new Import(name, subject, account, token, to, localSubject, type, share, allowTrace);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Import other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(subject, other.subject)
                && Objects.equals(account, other.account)
                && Objects.equals(token, other.token)
                && Objects.equals(to, other.to)
                && Objects.equals(localSubject, other.localSubject)
                && Objects.equals(type, other.type)
                && share == other.share
                && allowTrace == other.allowTrace;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, subject, account, token, to, localSubject, type, share, allowTrace);
    }

    @Override
    public String toString() {
        return "Import[name=" + name + ", subject=" + subject + ", account=" + account + ", token=" + token
                + ", to=" + to + ", localSubject=" + localSubject + ", type=" + type + ", share=" + share
                + ", allowTrace=" + allowTrace + "]";
    }
}
