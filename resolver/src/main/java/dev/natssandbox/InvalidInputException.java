package dev.natssandbox;

/**
 * Input that cannot be used as given: a malformed key, token, creds file, subject, name or spec value. The CLI
 * maps it to exit code 1. {@link #where()} names the place (a file, a spec path such as
 * {@code accounts.A.users.U.pub.allow[0]}) when one is known.
 */
public class InvalidInputException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    /** The place of the mistake (a file, a spec path), or {@code null}. */
    private final String where;

    /**
     * @param message what is wrong with the input and how to fix it
     */
    public InvalidInputException(String message) {
        this(null, message, null);
    }

    /**
     * @param message what is wrong with the input and how to fix it
     * @param cause   the underlying failure
     */
    public InvalidInputException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /**
     * @param where   where the bad input was found (file, spec path), or {@code null}
     * @param message what is wrong with the input and how to fix it
     * @param cause   the underlying failure, or {@code null}
     */
    public InvalidInputException(String where, String message, Throwable cause) {
        super(where == null || where.isEmpty() ? message : where + ": " + message, cause);
        // Redacted like the message, so that at() and relocated() can cut the message after it.
        this.where = redactSeeds(where);
    }

    /**
     * @return where the bad input was found, or {@code null} when not known
     */
    public String where() {
        return where;
    }

    /**
     * @param prefix an outer location, such as a file name, to put in front of {@link #where()}
     * @return a copy of this exception located under {@code prefix}
     */
    public InvalidInputException at(String prefix) {
        String inner = where == null ? "" : where;
        String joined = inner.isEmpty() ? prefix : prefix + (inner.startsWith("[") ? "" : ".") + inner;
        String bare = where == null ? getMessage() : getMessage().substring(where.length() + 2);
        InvalidInputException copy = new InvalidInputException(joined, bare, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
