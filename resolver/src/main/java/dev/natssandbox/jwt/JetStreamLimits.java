package dev.natssandbox.jwt;

import java.util.Objects;

/**
 * JetStream limits of an account (flattened into {@code "limits"}, or one tier of {@code "tiered_limits"}).
 * JetStream is off for an account while both storage limits are 0 (the reference default); {@code -1} is
 * unlimited.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class JetStreamLimits {
    private final long memoryStorage;
    private final long diskStorage;
    private final long streams;
    private final long consumers;
    private final long maxAckPending;
    private final long memoryMaxStreamBytes;
    private final long diskMaxStreamBytes;
    private final boolean maxBytesRequired;

    /** JetStream disabled: all zero, as the reference creates accounts. */
    public static final JetStreamLimits DISABLED = new JetStreamLimits(0, 0, 0, 0, 0, 0, 0, false);

    /** JetStream enabled without limits, what {@code nsc edit account --js-enable 1} sets up. */
    public static final JetStreamLimits UNLIMITED = new JetStreamLimits(-1, -1, -1, -1, -1, 0, 0, false);

    /**
     * @return whether any storage is allowed (JetStream enabled for the account)
     */
    public boolean isEnabled() {
        return memoryStorage != 0 || diskStorage != 0;
    }

    private JetStreamLimits(long memoryStorage, long diskStorage, long streams, long consumers, long maxAckPending,
                            long memoryMaxStreamBytes, long diskMaxStreamBytes, boolean maxBytesRequired) {
        this.memoryStorage = memoryStorage;
        this.diskStorage = diskStorage;
        this.streams = streams;
        this.consumers = consumers;
        this.maxAckPending = maxAckPending;
        this.memoryMaxStreamBytes = memoryMaxStreamBytes;
        this.diskMaxStreamBytes = diskMaxStreamBytes;
        this.maxBytesRequired = maxBytesRequired;
    }

    /**
     * @return bytes in memory across all streams; 0 disables memory storage
     */
    public long memoryStorage() {
        return memoryStorage;
    }

    /**
     * @return bytes on disk across all streams; 0 disables disk storage
     */
    public long diskStorage() {
        return diskStorage;
    }

    /**
     * @return maximum streams, {@code -1} unlimited
     */
    public long streams() {
        return streams;
    }

    /**
     * @return maximum consumers, {@code -1} unlimited
     */
    public long consumers() {
        return consumers;
    }

    /**
     * @return maximum ack pending of a stream, {@code -1} unlimited
     */
    public long maxAckPending() {
        return maxAckPending;
    }

    /**
     * @return maximum bytes of one memory stream; 0 unlimited
     */
    public long memoryMaxStreamBytes() {
        return memoryMaxStreamBytes;
    }

    /**
     * @return maximum bytes of one disk stream; 0 unlimited
     */
    public long diskMaxStreamBytes() {
        return diskMaxStreamBytes;
    }

    /**
     * @return whether every stream must declare max bytes
     */
    public boolean maxBytesRequired() {
        return maxBytesRequired;
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
        b.memoryStorage = memoryStorage;
        b.diskStorage = diskStorage;
        b.streams = streams;
        b.consumers = consumers;
        b.maxAckPending = maxAckPending;
        b.memoryMaxStreamBytes = memoryMaxStreamBytes;
        b.diskMaxStreamBytes = diskMaxStreamBytes;
        b.maxBytesRequired = maxBytesRequired;
        return b;
    }

    /**
     * Builds {@link JetStreamLimits} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private long memoryStorage;
        private long diskStorage;
        private long streams;
        private long consumers;
        private long maxAckPending;
        private long memoryMaxStreamBytes;
        private long diskMaxStreamBytes;
        private boolean maxBytesRequired;

        private Builder() {
        }

        /**
         * @param memoryStorage bytes in memory across all streams; 0 disables memory storage
         * @return this builder
         */
        public Builder memoryStorage(long memoryStorage) {
            this.memoryStorage = memoryStorage;
            return this;
        }

        /**
         * @param diskStorage bytes on disk across all streams; 0 disables disk storage
         * @return this builder
         */
        public Builder diskStorage(long diskStorage) {
            this.diskStorage = diskStorage;
            return this;
        }

        /**
         * @param streams maximum streams, {@code -1} unlimited
         * @return this builder
         */
        public Builder streams(long streams) {
            this.streams = streams;
            return this;
        }

        /**
         * @param consumers maximum consumers, {@code -1} unlimited
         * @return this builder
         */
        public Builder consumers(long consumers) {
            this.consumers = consumers;
            return this;
        }

        /**
         * @param maxAckPending maximum ack pending of a stream, {@code -1} unlimited
         * @return this builder
         */
        public Builder maxAckPending(long maxAckPending) {
            this.maxAckPending = maxAckPending;
            return this;
        }

        /**
         * @param memoryMaxStreamBytes maximum bytes of one memory stream; 0 unlimited
         * @return this builder
         */
        public Builder memoryMaxStreamBytes(long memoryMaxStreamBytes) {
            this.memoryMaxStreamBytes = memoryMaxStreamBytes;
            return this;
        }

        /**
         * @param diskMaxStreamBytes maximum bytes of one disk stream; 0 unlimited
         * @return this builder
         */
        public Builder diskMaxStreamBytes(long diskMaxStreamBytes) {
            this.diskMaxStreamBytes = diskMaxStreamBytes;
            return this;
        }

        /**
         * @param maxBytesRequired whether every stream must declare max bytes
         * @return this builder
         */
        public Builder maxBytesRequired(boolean maxBytesRequired) {
            this.maxBytesRequired = maxBytesRequired;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public JetStreamLimits build() {
            return new JetStreamLimits(memoryStorage, diskStorage, streams, consumers, maxAckPending,
                    memoryMaxStreamBytes, diskMaxStreamBytes, maxBytesRequired);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JetStreamLimits other)) {
            return false;
        }
        return memoryStorage == other.memoryStorage
                && diskStorage == other.diskStorage
                && streams == other.streams
                && consumers == other.consumers
                && maxAckPending == other.maxAckPending
                && memoryMaxStreamBytes == other.memoryMaxStreamBytes
                && diskMaxStreamBytes == other.diskMaxStreamBytes
                && maxBytesRequired == other.maxBytesRequired;
    }

    @Override
    public int hashCode() {
        return Objects.hash(memoryStorage, diskStorage, streams, consumers, maxAckPending, memoryMaxStreamBytes,
                diskMaxStreamBytes, maxBytesRequired);
    }

    @Override
    public String toString() {
        return "JetStreamLimits[memoryStorage=" + memoryStorage + ", diskStorage=" + diskStorage
                + ", streams=" + streams + ", consumers=" + consumers + ", maxAckPending=" + maxAckPending
                + ", memoryMaxStreamBytes=" + memoryMaxStreamBytes + ", diskMaxStreamBytes=" + diskMaxStreamBytes
                + ", maxBytesRequired=" + maxBytesRequired + "]";
    }
}
