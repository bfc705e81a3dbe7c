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

    /**
     * @param message what failed, the offending value and how to fix it
     */
    public NatsSandboxException(String message) {
        super(message);
    }

    /**
     * @param message what failed, the offending value and how to fix it
     * @param cause   the underlying failure
     */
    public NatsSandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
