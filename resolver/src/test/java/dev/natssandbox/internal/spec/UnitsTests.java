package dev.natssandbox.internal.spec;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitsTests {

    @Nested
    class Durations {
        @Test
        void takeEveryUnitAloneAndLargestFirstCombinations() {
            assertEquals(Duration.ofMillis(500), Units.parseDuration("500ms"));
            assertEquals(Duration.ofSeconds(5), Units.parseDuration("5s"));
            assertEquals(Duration.ofMinutes(10), Units.parseDuration("10m"));
            assertEquals(Duration.ofHours(24), Units.parseDuration("24h"));
            assertEquals(Duration.ofDays(7), Units.parseDuration("7d"));
            assertEquals(Duration.ofMinutes(90), Units.parseDuration("1h30m"));
            assertEquals(Duration.ofNanos(3_000), Units.parseDuration("3us"));
            assertEquals(Duration.ZERO, Units.parseDuration("0s"));
            assertEquals(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(5).plusNanos(6_007),
                    Units.parseDuration("1d2h3m4s5ms6us7ns"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "-5s", "+5s", "5 s", "5S", "1h1h", "5ms1s", "1.5h", "h", "", "5sec", "PT5S"})
        void rejectAnythingElse(String text) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parseDuration(text));
            assertTrue(e.getMessage().startsWith("duration [" + text + "] "), e.getMessage());
            assertTrue(e.getMessage().endsWith(Units.DURATION_FORMS), e.getMessage());
        }

        @Test
        void rejectOverflowInsteadOfWrapping() {
            assertEquals("duration [106752d] is too long; use at most about 106751d",
                    assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("106752d")).getMessage());
        }

        @Test
        void formatAsTheShortestTextThatReadsBack() {
            assertEquals("0s", Units.formatDuration(Duration.ZERO));
            assertEquals("1h30m", Units.formatDuration(Duration.ofMinutes(90)));
            assertEquals("1s500ms", Units.formatDuration(Duration.ofMillis(1500)));
            assertEquals("1d", Units.formatDuration(Duration.ofHours(24)));
            assertEquals("2d1ns", Units.formatDuration(Duration.ofDays(2).plusNanos(1)));
            for (Duration d : new Duration[] {Duration.ofNanos(1), Duration.ofMillis(86_400_001),
                Duration.ofSeconds(3_599, 999_999_999), Duration.ofDays(106_751)}) {
                assertEquals(d, Units.parseDuration(Units.formatDuration(d)));
            }
        }

        @Test
        void refuseToFormatNegativeDurations() {
            assertThrows(IllegalArgumentException.class, () -> Units.formatDuration(Duration.ofSeconds(-1)));
        }
    }

    @Nested
    class Sizes {
        @Test
        void decimalUnitsArePowersOf1000AndBinaryUnitsPowersOf1024() {
            assertEquals(1, Units.parseSize("1B"));
            assertEquals(1_000, Units.parseSize("1kB"));
            assertEquals(1_000, Units.parseSize("1KB"));
            assertEquals(1_000_000, Units.parseSize("1MB"));
            assertEquals(1_000_000_000, Units.parseSize("1GB"));
            assertEquals(1_000_000_000_000L, Units.parseSize("1TB"));
            assertEquals(1_024, Units.parseSize("1KiB"));
            assertEquals(524_288, Units.parseSize("512KiB"));
            assertEquals(1_048_576, Units.parseSize("1MiB"));
            assertEquals(1L << 30, Units.parseSize("1GiB"));
            assertEquals(1L << 40, Units.parseSize("1TiB"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1M", "1mb", "1Mb", "1kb", "1 MB", "1.5GB", "MB", "-1MB", "1PB", "10000000TiB"})
        void rejectAnythingElse(String text) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parseSize(text));
            assertTrue(e.getMessage().startsWith("size [" + text + "] "), e.getMessage());
        }

        @Test
        void formatExactMultiplesWithAUnitAndEverythingElseAsANumber() {
            assertEquals(-1L, Units.formatSize(-1));
            assertEquals(0L, Units.formatSize(0));
            assertEquals(1025L, Units.formatSize(1025));
            assertEquals("1KiB", Units.formatSize(1024));
            assertEquals("1KB", Units.formatSize(1000));
            assertEquals("3GiB", Units.formatSize(3L << 30));
            assertEquals("5MB", Units.formatSize(5_000_000));
            assertEquals("1000KiB", Units.formatSize(1_024_000));
            for (long bytes : new long[] {1, 999, 1000, 1024, 1_000_000, 1L << 40, 7L << 41, Long.MAX_VALUE}) {
                Object text = Units.formatSize(bytes);
                assertEquals(bytes, text instanceof String s ? Units.parseSize(s) : (long) (Long) text);
            }
        }
    }
}
