package dev.natssandbox.internal.spec;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations ({@code 500ms}, {@code 5s}, {@code 1h30m}, {@code 7d}) and byte sizes ({@code 1MB}, {@code 512KiB}) as
 * spec files write them. Parsing failures are {@link IllegalArgumentException}s whose message names the value and
 * the accepted forms; the caller adds where.
 */
public final class Units {
    /** Units largest first; a duration lists each at most once, in this order. */
    private static final String[] DURATION_UNITS = {"d", "h", "m", "s", "ms", "us", "ns"};
    private static final long[] DURATION_NANOS = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
        1_000_000_000L, 1_000_000L, 1_000L, 1L};
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|us|ns|d|h|m|s)");

    /** How a duration is written, for error messages. */
    public static final String DURATION_FORMS = "write a number followed by a unit: ms, s, m, h or d (also us, ns), "
            + "combined largest unit first, e.g. 500ms, 5s, 10m, 24h, 7d or 1h30m";

    private static final String[] SIZE_UNITS = {"B", "kB", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB"};
    private static final long[] SIZE_FACTORS = {1, 1000, 1000, 1000_000, 1000_000_000, 1000_000_000_000L,
        1L << 10, 1L << 20, 1L << 30, 1L << 40};
    private static final Pattern SIZE = Pattern.compile("(\\d+)([A-Za-z]+)");

    /** How a size is written, for error messages. */
    public static final String SIZE_FORMS = "write a whole number of bytes, -1 for unlimited, or a whole number with a "
            + "unit: B, KB (or kB), MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), "
            + "e.g. 1MB or 512KiB";

    private Units() {
    }

    /**
     * @param text a duration such as {@code 500ms}, {@code 5s}, {@code 1h30m}, {@code 7d}
     * @return the duration
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static Duration parseDuration(String text) {
        if (text.matches("[+-]?\\d+")) {
            throw new IllegalArgumentException("duration [" + text + "] has no unit; " + DURATION_FORMS);
        }
        Matcher m = DURATION_PART.matcher(text);
        int pos = 0;
        int lastUnit = -1;
        long nanos = 0;
        while (pos < text.length()) {
            m.region(pos, text.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("duration [" + text + "] is not valid; " + DURATION_FORMS);
            }
            int unit = indexOf(DURATION_UNITS, m.group(2));
            if (unit <= lastUnit) {
                throw new IllegalArgumentException("duration [" + text + "] repeats a unit or lists a smaller unit "
                        + "before a larger one; " + DURATION_FORMS);
            }
            lastUnit = unit;
            try {
                nanos = Math.addExact(nanos, Math.multiplyExact(Long.parseLong(m.group(1)), DURATION_NANOS[unit]));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration [" + text + "] is too long; use at most about 106751d");
            }
            pos = m.end();
        }
        if (pos == 0) {
            throw new IllegalArgumentException("duration [" + text + "] is not valid; " + DURATION_FORMS);
        }
        return Duration.ofNanos(nanos);
    }

    /**
     * @param d a duration that is not negative
     * @return the shortest text {@link #parseDuration} reads back as {@code d}, e.g. {@code 1h30m}; {@code 0s} for
     *         zero
     */
    public static String formatDuration(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration [" + d + "] is negative; spec files hold only durations of "
                    + "zero or more");
        }
        if (d.isZero()) {
            return "0s";
        }
        long seconds = d.getSeconds();
        long nanos = d.getNano();
        StringBuilder b = new StringBuilder();
        long[] secondUnits = {86_400, 3_600, 60, 1};
        for (int i = 0; i < secondUnits.length; i++) {
            long n = seconds / secondUnits[i];
            seconds %= secondUnits[i];
            if (n > 0) {
                b.append(n).append(DURATION_UNITS[i]);
            }
        }
        for (int i = 4; i < DURATION_UNITS.length; i++) {
            long n = nanos / DURATION_NANOS[i];
            nanos %= DURATION_NANOS[i];
            if (n > 0) {
                b.append(n).append(DURATION_UNITS[i]);
            }
        }
        return b.toString();
    }

    /**
     * @param text a size with a unit, such as {@code 1MB} or {@code 512KiB}
     * @return the number of bytes
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            if (text.matches("[+-]?\\d+")) {
                throw new IllegalArgumentException("size [" + text + "] is a quoted number; write it without quotes"
                        + " or add a unit; " + SIZE_FORMS);
            }
            throw new IllegalArgumentException("size [" + text + "] is not valid; " + SIZE_FORMS);
        }
        int unit = indexOf(SIZE_UNITS, m.group(2));
        if (unit < 0) {
            throw new IllegalArgumentException("size [" + text + "] has an unknown unit [" + m.group(2)
                    + "] (units are case-sensitive); " + SIZE_FORMS);
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), SIZE_FACTORS[unit]);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size [" + text + "] is too large; use at most 8388607TiB");
        }
    }

    /**
     * @param bytes a byte count, or -1
     * @return {@code bytes} as a {@code Long} when it is not a whole multiple of a KiB or KB, else the shortest
     *         exact text with a unit (binary units preferred), e.g. {@code 1MiB}
     */
    public static Object formatSize(long bytes) {
        if (bytes <= 0) {
            return bytes;
        }
        for (int i = 9; i >= 6; i--) {
            if (bytes % SIZE_FACTORS[i] == 0) {
                return bytes / SIZE_FACTORS[i] + SIZE_UNITS[i];
            }
        }
        for (int i = 5; i >= 2; i--) {
            if (bytes % SIZE_FACTORS[i] == 0) {
                return bytes / SIZE_FACTORS[i] + SIZE_UNITS[i];
            }
        }
        return bytes;
    }

    private static int indexOf(String[] values, String value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }
}
