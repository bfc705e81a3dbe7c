package dev.natssandbox.creds;

import dev.natssandbox.InvalidInputException;

/** A {@code .creds} file that cannot be used. The message never contains the seed. */
public class CredsFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param where   the file, when known
     * @param message what is wrong
     * @param cause   the underlying failure, or {@code null}
     */
    public CredsFormatException(String where, String message, Throwable cause) {
        super(where, message, cause);
    }
}
