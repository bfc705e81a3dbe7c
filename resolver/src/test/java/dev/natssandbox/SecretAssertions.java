package dev.natssandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Checks that a seed never leaks: not whole, and not in pieces long enough to matter, into an exception message (of
 * the exception or any of its causes) or a {@code toString()}.
 */
public final class SecretAssertions {
    /** A run this long of a seed's characters anywhere in a text counts as a leak. */
    private static final int LEAK_LENGTH = 10;

    private SecretAssertions() {
    }

    /**
     * @param secret a seed (or any secret) as text
     * @param text   what must not contain it
     */
    public static void assertNoSecret(String secret, String text) {
        if (secret == null || secret.isEmpty() || text == null) {
            return;
        }
        assertFalse(text.contains(secret), () -> "text contains the secret: " + text);
        for (int i = 0; i + LEAK_LENGTH <= secret.length(); i++) {
            String piece = secret.substring(i, i + LEAK_LENGTH);
            assertFalse(text.contains(piece), () -> "text contains " + LEAK_LENGTH
                    + " characters of the secret at offset " + text.indexOf(piece) + ": " + text);
        }
    }

    /**
     * @param secret a seed as text
     * @param thrown an exception whose messages, {@code toString()} and causes must not contain it
     */
    public static void assertNoSecret(String secret, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertNoSecret(secret, t.getMessage());
            assertNoSecret(secret, t.toString());
            if (t.getCause() == t) {
                break;
            }
        }
    }
}
