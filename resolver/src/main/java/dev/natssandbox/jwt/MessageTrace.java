package dev.natssandbox.jwt;

/**
 * Message tracing of an account (nats-server 2.11 and later): the server publishes a trace of each inbound message
 * that carries a sampled W3C {@code traceparent} header to {@code destination}, for {@code sampling} percent of them.
 *
 * @param destination the subject traces are published to (no wildcards)
 * @param sampling    percentage of sampled messages to trace, 1 to 100; 0 is what a token without the field reads
 *                    as (the reference's validation turns it into 100)
 */
public record MessageTrace(String destination, int sampling) {
    /**
     * Normalizes {@code null}.
     *
     * @param destination the subject traces are published to (no wildcards)
     * @param sampling    percentage of sampled messages to trace, 1 to 100; 0 is what a token without the field reads
     *                    as (the reference's validation turns it into 100)
     */
    public MessageTrace {
        destination = destination == null ? "" : destination;
    }
}
