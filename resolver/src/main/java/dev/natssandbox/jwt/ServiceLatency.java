package dev.natssandbox.jwt;

/**
 * Latency tracking of a service export.
 *
 * @param sampling percentage of requests sampled, 1–100, or 0 for "headers" (sample when the request carries
 *                 tracing headers)
 * @param results  subject the measurements are published to
 */
public record ServiceLatency(int sampling, String results) {
    /**
     * Normalizes {@code null}.
     *
     * @param sampling percentage of requests sampled, 1–100, or 0 for "headers" (sample when the request carries
     *                 tracing headers)
     * @param results  subject the measurements are published to
     */
    public ServiceLatency {
        results = results == null ? "" : results;
    }
}
