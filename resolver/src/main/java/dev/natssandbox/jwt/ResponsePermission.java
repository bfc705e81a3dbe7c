package dev.natssandbox.jwt;

import java.time.Duration;
import java.util.Objects;

/**
 * Response permissions ({@code "resp"}): a user that receives a request may publish up to {@code maxMessages}
 * replies to the request's reply subject within {@code ttl}, even without a publish permission for it. On the
 * wire the ttl is in nanoseconds.
 *
 * @param maxMessages replies allowed per request; 0 or less means the server default (1)
 * @param ttl         how long the reply subject stays allowed; zero means no time limit
 */
public record ResponsePermission(int maxMessages, Duration ttl) {
    /**
     * Normalizes a {@code null} ttl to zero.
     *
     * @param maxMessages replies allowed per request; 0 or less means the server default (1)
     * @param ttl         how long the reply subject stays allowed; zero means no time limit
     */
    public ResponsePermission {
        ttl = Objects.requireNonNullElse(ttl, Duration.ZERO);
    }
}
