package dev.natssandbox.model;

import dev.natssandbox.InvalidInputException;

/**
 * A sandbox description that cannot be used: a bad subject, name, limit, CIDR, time, duration, a duplicate, an
 * import of an unknown account or of a subject that is not exported. {@link #where()} is the path of the bad value
 * in spec-file terms, e.g. {@code accounts.TestAccount.users.TestClient.pub.allow[0]}.
 */
public class InvalidSpecException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param where   path of the bad value, e.g. {@code accounts.A.users.U.src[0]}
     * @param message what is wrong and how to fix it
     */
    public InvalidSpecException(String where, String message) {
        super(where, message, null);
    }

    /**
     * @param where   path of the bad value
     * @param message what is wrong and how to fix it
     * @param cause   the underlying failure
     */
    public InvalidSpecException(String where, String message, Throwable cause) {
        super(where, message, cause);
    }

    /**
     * @param where the full path of the bad value
     * @return a copy with the same message and cause whose {@link #where()} is {@code where}
     */
    InvalidSpecException relocated(String where) {
        String inner = where();
        String bare = inner == null || inner.isEmpty() ? getMessage() : getMessage().substring(inner.length() + 2);
        InvalidSpecException copy = new InvalidSpecException(where, bare, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /**
     * @param prefix the path of the enclosing object, e.g. {@code accounts.A}
     * @return a copy whose {@link #where()} starts with {@code prefix}
     */
    @Override
    public InvalidSpecException at(String prefix) {
        String inner = where();
        String joined = inner == null || inner.isEmpty() ? prefix : prefix + "." + inner;
        String bare = inner == null || inner.isEmpty() ? getMessage() : getMessage().substring(inner.length() + 2);
        InvalidSpecException copy = new InvalidSpecException(joined, bare, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
