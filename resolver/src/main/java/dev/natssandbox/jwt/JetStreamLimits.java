package dev.natssandbox.jwt;

/**
 * JetStream limits of an account (flattened into {@code "limits"}, or one tier of {@code "tiered_limits"}).
 * JetStream is off for an account while both storage limits are 0 (the reference default); {@code -1} is
 * unlimited.
 *
 * @param memoryStorage        bytes in memory across all streams; 0 disables memory storage
 * @param diskStorage          bytes on disk across all streams; 0 disables disk storage
 * @param streams              maximum streams, {@code -1} unlimited
 * @param consumers            maximum consumers, {@code -1} unlimited
 * @param maxAckPending        maximum ack pending of a stream, {@code -1} unlimited
 * @param memoryMaxStreamBytes maximum bytes of one memory stream; 0 unlimited
 * @param diskMaxStreamBytes   maximum bytes of one disk stream; 0 unlimited
 * @param maxBytesRequired     whether every stream must declare max bytes
 */
public record JetStreamLimits(
        long memoryStorage,
        long diskStorage,
        long streams,
        long consumers,
        long maxAckPending,
        long memoryMaxStreamBytes,
        long diskMaxStreamBytes,
        boolean maxBytesRequired) {

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
}
