package dev.natssandbox;

/**
 * Base of every exception nats-sandbox throws on purpose. The message always says what failed, names the
 * offending value in [brackets] and, where there is one, how to fix it. Messages never contain a seed.
 *
 * <p>The public API throws only unchecked exceptions; checked {@code IOException}s and
 * {@code GeneralSecurityException}s are wrapped once, where they occur.
 */
public class NatsSandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    // Not inside a longer base32 run, so public keys (which never start with S) are left alone.
    private static final java.util.regex.Pattern SEED =
            java.util.regex.Pattern.compile("(?<![A-Z2-7])S[OAUNCPX][A-Z2-7]{20,}");

    /**
     * @param message what failed, the offending value and how to fix it
     */
    public NatsSandboxException(String message) {
        super(redactSeeds(message));
    }

    /**
     * @param message what failed, the offending value and how to fix it
     * @param cause   the underlying failure
     */
    public NatsSandboxException(String message, Throwable cause) {
        super(redactSeeds(message), cause);
    }

    /**
     * Replaces every seed-shaped value with {@code <redacted seed>}: {@code S}, an nkey type letter (operator,
     * account, user, server, cluster, curve …) and at least 20 base32 characters, so that a seed pasted into the
     * wrong place (a name, a subject, a key) is not echoed, whole or cut short, by a message that quotes the input.
     * Every message of this exception and its subclasses passes through it.
     *
     * @param text any text, or {@code null}
     * @return the text without seeds
     */
    public static String redactSeeds(String text) {
        return text == null ? null : SEED.matcher(text).replaceAll("<redacted seed>");
    }
}
