package dev.natssandbox.jwt;

import dev.natssandbox.InvalidInputException;

/**
 * A token that cannot be decoded, fails signature verification, or cannot be encoded as asked. The message names
 * the part or field that is wrong.
 */
public class JwtException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong
     */
    public JwtException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause   the underlying failure
     */
    public JwtException(String message, Throwable cause) {
        super(message, cause);
    }
}
