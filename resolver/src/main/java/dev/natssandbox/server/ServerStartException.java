package dev.natssandbox.server;

import dev.natssandbox.internal.server.Redaction;
import dev.natssandbox.NatsSandboxException;

import java.util.List;

/**
 * A server that did not become ready. The message has the command line (or container), the exit code when it
 * exited, the last log lines and the config path; seeds are redacted.
 */
public class ServerStartException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    /** The last lines of server output. */
    private final List<String> logTail;
    /** The first line of the message: what failed. */
    private final String headline;

    /**
     * @param message what happened, with the command line, exit code and config path
     * @param logTail the last lines of server output
     * @param cause   the underlying failure, or {@code null}
     */
    public ServerStartException(String message, List<String> logTail, Throwable cause) {
        super(Redaction.redact(message + (logTail.isEmpty() ? "\n(no server output)"
                : "\nlast server output:\n  " + String.join("\n  ", logTail))), cause);
        this.logTail = List.copyOf(logTail);
        this.headline = message;
    }

    /**
     * @param note a sentence about what became of the sandbox's files, added to the headline
     * @return the same failure with the note
     */
    public ServerStartException withNote(String note) {
        ServerStartException e = new ServerStartException(headline + note, logTail, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** @return the last lines of server output */
    public List<String> logTail() {
        return logTail;
    }
}
