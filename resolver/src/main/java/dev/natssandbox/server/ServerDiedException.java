package dev.natssandbox.server;

import dev.natssandbox.internal.server.Redaction;
import dev.natssandbox.NatsSandboxException;

import java.util.List;

/** The server stopped while the sandbox was open. The message has the exit status and the log tail. */
public class ServerDiedException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    /** The last lines of server output. */
    private final List<String> logTail;

    /**
     * @param message what happened
     * @param logTail the last lines of server output
     */
    public ServerDiedException(String message, List<String> logTail) {
        super(Redaction.redact(message + (logTail.isEmpty() ? "" : "\nlast server output:\n  "
                + String.join("\n  ", logTail))));
        this.logTail = logTail.stream().map(Redaction::redact).toList();
    }

    /** @return the last lines of server output before it stopped */
    public List<String> logTail() {
        return logTail;
    }
}
