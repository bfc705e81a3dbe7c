package dev.natssandbox.model;

import dev.natssandbox.jwt.ExportType;

import java.time.Duration;
import java.util.Objects;

/**
 * An import of another account's export, by account name. The provisioner turns the name into the account's public
 * key and, for an export that requires a token, issues the activation token itself.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class ImportSpec {
    private final String name;
    private final String account;
    private final String subject;
    private final ExportType type;
    private final String localSubject;
    private final boolean share;
    private final boolean allowTrace;
    private final Duration activationExpires;
    /** Checks the account name and subjects. */
    private ImportSpec(String name, String account, String subject, ExportType type, String localSubject, boolean share,
                       boolean allowTrace, Duration activationExpires) {
        Checks.name("imports.account", "imported account", account);
        Subjects.require("imports.subject", subject);
        Objects.requireNonNull(type, "import type");
        localSubject = localSubject == null ? "" : localSubject;
        if (!localSubject.isEmpty()) {
            Subjects.require("imports.local_subject", localSubject);
            boolean fromTail = subject.equals(">") || subject.endsWith(".>");
            boolean toTail = localSubject.equals(">") || localSubject.endsWith(".>");
            if (fromTail != toTail) {
                throw new InvalidSpecException("imports.local_subject", "local subject [" + localSubject
                        + "] and subject [" + subject + "] must both end in '>' or both not");
            }
        }
        name = name == null || name.isEmpty() ? subject : name;
        if (allowTrace && type == ExportType.SERVICE) {
            throw new InvalidSpecException("imports.allow_trace", "allow_trace is set on service import [" + subject
                    + "]; the reference allows it on stream imports only (a service export sets it instead)");
        }
        Checks.positive("imports.activation_expires", activationExpires);
        this.name = name;
        this.account = account;
        this.subject = subject;
        this.type = type;
        this.localSubject = localSubject;
        this.share = share;
        this.allowTrace = allowTrace;
        this.activationExpires = activationExpires;
    }

    /**
     * @param account the exporting account
     * @param subject the subject
     * @param type    stream or service
     * @return an import under the same subject
     */
    public static ImportSpec of(String account, String subject, ExportType type) {
        return new ImportSpec(null, account, subject, type, null, false, false, null);
    }

    /**
     * @return a label (defaults to the subject)
     */
    public String name() {
        return name;
    }

    /**
     * @return the exporting account's name
     */
    public String account() {
        return account;
    }

    /**
     * @return the subject as exported (or a narrower one)
     */
    public String subject() {
        return subject;
    }

    /**
     * @return stream or service; must match the export
     */
    public ExportType type() {
        return type;
    }

    /**
     * @return where it appears in the importing account, or empty for the same subject
     */
    public String localSubject() {
        return localSubject;
    }

    /**
     * @return for services: share the requester's identity for latency tracking
     */
    public boolean share() {
        return share;
    }

    /**
     * @return for streams: let message traces continue from the exporter into this account (nats-server 2.11+)
     */
    public boolean allowTrace() {
        return allowTrace;
    }

    /**
     * @return for an export that requires a token: how long after issuing the activation token expires, or {@code
     *         null} for never
     */
    public Duration activationExpires() {
        return activationExpires;
    }

    /**
     * Starts a builder; every other value starts at its default.
     *
     * @param account the exporting account's name
     * @param subject the subject as exported (or a narrower one)
     * @param type stream or service; must match the export
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
        b.localSubject = localSubject;
        b.share = share;
        b.allowTrace = allowTrace;
        b.activationExpires = activationExpires;
        return b;
    }

    /**
     * Builds {@link ImportSpec} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private String name;
        private String account;
        private String subject;
        private ExportType type;
        private String localSubject;
        private boolean share;
        private boolean allowTrace;
        private Duration activationExpires;

        private Builder(String account, String subject, ExportType type) {
            this.account = account;
            this.subject = subject;
            this.type = type;
        }

        /**
         * @param name a label (defaults to the subject)
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param account the exporting account's name
         * @return this builder
         */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /**
         * @param subject the subject as exported (or a narrower one)
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * @param type stream or service; must match the export
         * @return this builder
         */
        public Builder type(ExportType type) {
            this.type = type;
            return this;
        }

        /**
         * @param localSubject where it appears in the importing account, or empty for the same subject
         * @return this builder
         */
        public Builder localSubject(String localSubject) {
            this.localSubject = localSubject;
            return this;
        }

        /**
         * @param share for services: share the requester's identity for latency tracking
         * @return this builder
         */
        public Builder share(boolean share) {
            this.share = share;
            return this;
        }

        /**
         * @param allowTrace for streams: let message traces continue from the exporter into this account (nats-server
         *                  2.11+)
         * @return this builder
         */
        public Builder allowTrace(boolean allowTrace) {
            this.allowTrace = allowTrace;
            return this;
        }

        /**
         * @param activationExpires for an export that requires a token: how long after issuing the activation token
         *                         expires, or {@code null} for never
         * @return this builder
         */
        public Builder activationExpires(Duration activationExpires) {
            this.activationExpires = activationExpires;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public ImportSpec build() {
            return new ImportSpec(name, account, subject, type, localSubject, share, allowTrace, activationExpires);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ImportSpec other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(account, other.account)
                && Objects.equals(subject, other.subject)
                && Objects.equals(type, other.type)
                && Objects.equals(localSubject, other.localSubject)
                && share == other.share
                && allowTrace == other.allowTrace
                && Objects.equals(activationExpires, other.activationExpires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, account, subject, type, localSubject, share, allowTrace, activationExpires);
    }

    @Override
    public String toString() {
        return "ImportSpec[name=" + name + ", account=" + account + ", subject=" + subject + ", type=" + type
                + ", localSubject=" + localSubject + ", share=" + share + ", allowTrace=" + allowTrace
                + ", activationExpires=" + activationExpires + "]";
    }
}
