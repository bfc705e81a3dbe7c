package dev.natssandbox.jwt;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A stream or service an account offers to other accounts.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class Export {
    private final String name;
    private final String subject;
    private final ExportType type;
    private final boolean tokenRequired;
    private final Map<String, Long> revocations;
    private final ResponseType responseType;
    private final Duration responseThreshold;
    private final ServiceLatency latency;
    private final int accountTokenPosition;
    private final boolean advertise;
    private final String description;
    private final String infoUrl;
    private final boolean allowTrace;

    /** Normalizes {@code null} and sorts revocations. */
    private Export(String name, String subject, ExportType type, boolean tokenRequired, Map<String, Long> revocations,
                   ResponseType responseType, Duration responseThreshold, ServiceLatency latency,
                   int accountTokenPosition, boolean advertise, String description, String infoUrl,
                   boolean allowTrace) {
        name = name == null ? "" : name;
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(type, "export type");
        revocations = revocations == null ? Map.of()
                : java.util.Collections.unmodifiableMap(GoJson.sorted(revocations));
        responseThreshold = Objects.requireNonNullElse(responseThreshold, Duration.ZERO);
        description = description == null ? "" : description;
        infoUrl = infoUrl == null ? "" : infoUrl;
        this.name = name;
        this.subject = subject;
        this.type = type;
        this.tokenRequired = tokenRequired;
        this.revocations = revocations;
        this.responseType = responseType;
        this.responseThreshold = responseThreshold;
        this.latency = latency;
        this.accountTokenPosition = accountTokenPosition;
        this.advertise = advertise;
        this.description = description;
        this.infoUrl = infoUrl;
        this.allowTrace = allowTrace;
    }

    /**
     * @param allow whether message traces may continue into this (service) export
     * @return a copy with {@code allow_trace} set
     */
    public Export withAllowTrace(boolean allow) {
        return new Export(name, subject, type, tokenRequired, revocations, responseType, responseThreshold, latency,
                accountTokenPosition, advertise, description, infoUrl, allow);
    }

    /**
     * @param name    a label
     * @param subject the exported subject
     * @param type    stream or service
     * @return a public export with defaults for everything else
     */
    public static Export of(String name, String subject, ExportType type) {
        return new Export(name, subject, type, false, Map.of(), null, Duration.ZERO, null, 0, false, "", "", false);
    }

    /**
     * @return a label
     */
    public String name() {
        return name;
    }

    /**
     * @return the exported subject (may contain wildcards when the account allows them)
     */
    public String subject() {
        return subject;
    }

    /**
     * @return stream or service
     */
    public ExportType type() {
        return type;
    }

    /**
     * @return whether importers need an activation token (private export)
     */
    public boolean tokenRequired() {
        return tokenRequired;
    }

    /**
     * @return activation revocations: importing account public key (or {@code *}) to unix seconds
     */
    public Map<String, Long> revocations() {
        return revocations;
    }

    /**
     * @return for services: Singleton, Stream or Chunked; {@code null} for the default
     */
    public ResponseType responseType() {
        return responseType;
    }

    /**
     * @return for services: how long the exporter may take to respond; zero for the default
     */
    public Duration responseThreshold() {
        return responseThreshold;
    }

    /**
     * @return for services: latency tracking, or {@code null}
     */
    public ServiceLatency latency() {
        return latency;
    }

    /**
     * @return 1-based position of a token in the subject that must equal the importer's public key; 0 for none
     */
    public int accountTokenPosition() {
        return accountTokenPosition;
    }

    /**
     * @return whether tools should list this export
     */
    public boolean advertise() {
        return advertise;
    }

    /**
     * @return a description
     */
    public String description() {
        return description;
    }

    /**
     * @return a link to more information
     */
    public String infoUrl() {
        return infoUrl;
    }

    /**
     * @return for services: whether the importer's message traces may continue into this account (nats-server 2.11+);
     *         the reference refuses it on a stream export
     */
    public boolean allowTrace() {
        return allowTrace;
    }

    /**
     * Starts a builder; every other value starts at its default.
     *
     * @param subject the exported subject (may contain wildcards when the account allows them)
     * @param type stream or service
     * @return a builder
     */
    public static Builder builder(String subject, ExportType type) {
        return new Builder(subject, type);
    }

    /**
     * @return a builder that starts from this value
     */
    public Builder toBuilder() {
        Builder b = new Builder(subject, type);
        b.name = name;
        b.tokenRequired = tokenRequired;
        b.revocations = revocations;
        b.responseType = responseType;
        b.responseThreshold = responseThreshold;
        b.latency = latency;
        b.accountTokenPosition = accountTokenPosition;
        b.advertise = advertise;
        b.description = description;
        b.infoUrl = infoUrl;
        b.allowTrace = allowTrace;
        return b;
    }

    /**
     * Builds {@link Export} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private String name;
        private String subject;
        private ExportType type;
        private boolean tokenRequired;
        private Map<String, Long> revocations;
        private ResponseType responseType;
        private Duration responseThreshold;
        private ServiceLatency latency;
        private int accountTokenPosition;
        private boolean advertise;
        private String description;
        private String infoUrl;
        private boolean allowTrace;

        private Builder(String subject, ExportType type) {
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
         * @param subject the exported subject (may contain wildcards when the account allows them)
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
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
         * @param tokenRequired whether importers need an activation token (private export)
         * @return this builder
         */
        public Builder tokenRequired(boolean tokenRequired) {
            this.tokenRequired = tokenRequired;
            return this;
        }

        /**
         * @param revocations activation revocations: importing account public key (or {@code *}) to unix seconds
         * @return this builder
         */
        public Builder revocations(Map<String, Long> revocations) {
            this.revocations = revocations;
            return this;
        }

        /**
         * @param responseType for services: Singleton, Stream or Chunked; {@code null} for the default
         * @return this builder
         */
        public Builder responseType(ResponseType responseType) {
            this.responseType = responseType;
            return this;
        }

        /**
         * @param responseThreshold for services: how long the exporter may take to respond; zero for the default
         * @return this builder
         */
        public Builder responseThreshold(Duration responseThreshold) {
            this.responseThreshold = responseThreshold;
            return this;
        }

        /**
         * @param latency for services: latency tracking, or {@code null}
         * @return this builder
         */
        public Builder latency(ServiceLatency latency) {
            this.latency = latency;
            return this;
        }

        /**
         * @param accountTokenPosition 1-based position of a token in the subject that must equal the importer's
         *                            public key; 0 for none
         * @return this builder
         */
        public Builder accountTokenPosition(int accountTokenPosition) {
            this.accountTokenPosition = accountTokenPosition;
            return this;
        }

        /**
         * @param advertise whether tools should list this export
         * @return this builder
         */
        public Builder advertise(boolean advertise) {
            this.advertise = advertise;
            return this;
        }

        /**
         * @param description a description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @param infoUrl a link to more information
         * @return this builder
         */
        public Builder infoUrl(String infoUrl) {
            this.infoUrl = infoUrl;
            return this;
        }

        /**
         * @param allowTrace for services: whether the importer's message traces may continue into this account
         *                  (nats-server 2.11+); the reference refuses it on a stream export
         * @return this builder
         */
        public Builder allowTrace(boolean allowTrace) {
            this.allowTrace = allowTrace;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public Export build() {
            return new Export(name, subject, type, tokenRequired, revocations, responseType, responseThreshold, latency,
                    accountTokenPosition, advertise, description, infoUrl, allowTrace);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Export other)) {
            return false;
        }
        return Objects.equals(name, other.name)
                && Objects.equals(subject, other.subject)
                && Objects.equals(type, other.type)
                && tokenRequired == other.tokenRequired
                && Objects.equals(revocations, other.revocations)
                && Objects.equals(responseType, other.responseType)
                && Objects.equals(responseThreshold, other.responseThreshold)
                && Objects.equals(latency, other.latency)
                && accountTokenPosition == other.accountTokenPosition
                && advertise == other.advertise
                && Objects.equals(description, other.description)
                && Objects.equals(infoUrl, other.infoUrl)
                && allowTrace == other.allowTrace;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, subject, type, tokenRequired, revocations, responseType, responseThreshold, latency,
                accountTokenPosition, advertise, description, infoUrl, allowTrace);
    }

    @Override
    public String toString() {
        return "Export[name=" + name + ", subject=" + subject + ", type=" + type + ", tokenRequired=" + tokenRequired
                + ", revocations=" + revocations + ", responseType=" + responseType
                + ", responseThreshold=" + responseThreshold + ", latency=" + latency
                + ", accountTokenPosition=" + accountTokenPosition + ", advertise=" + advertise
                + ", description=" + description + ", infoUrl=" + infoUrl + ", allowTrace=" + allowTrace + "]";
    }
}
