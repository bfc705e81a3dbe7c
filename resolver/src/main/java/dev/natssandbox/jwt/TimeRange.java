package dev.natssandbox.jwt;

/**
 * A daily window in which a user may connect, as {@code "HH:mm:ss"} strings (Go layout {@code 15:04:05}),
 * interpreted in the user's {@code times_location} (the server's local time when that is empty). A window whose
 * end is before its start spans midnight.
 *
 * @param start start of the window, e.g. {@code "08:00:00"}
 * @param end   end of the window, e.g. {@code "17:00:00"}
 */
public record TimeRange(String start, String end) {
    /**
     * Normalizes {@code null} to empty.
     *
     * @param start start of the window, e.g. {@code "08:00:00"}
     * @param end   end of the window, e.g. {@code "17:00:00"}
     */
    public TimeRange {
        start = start == null ? "" : start;
        end = end == null ? "" : end;
    }
}
