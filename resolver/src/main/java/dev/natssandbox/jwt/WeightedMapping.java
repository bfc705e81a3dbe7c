package dev.natssandbox.jwt;

/**
 * One destination of a subject mapping.
 *
 * @param subject destination subject
 * @param weight  percentage of messages (1–100); 0 means 100
 * @param cluster restrict to a cluster, else empty
 */
public record WeightedMapping(String subject, int weight, String cluster) {
    /**
     * Normalizes {@code null}.
     *
     * @param subject destination subject
     * @param weight  percentage of messages (1–100); 0 means 100
     * @param cluster restrict to a cluster, else empty
     */
    public WeightedMapping {
        subject = subject == null ? "" : subject;
        cluster = cluster == null ? "" : cluster;
    }
}
