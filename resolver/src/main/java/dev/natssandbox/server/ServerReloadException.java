package dev.natssandbox.server;

import dev.natssandbox.internal.server.Redaction;
import dev.natssandbox.NatsSandboxException;

/** The server rejected a new configuration; it keeps running with the previous one. */
public class ServerReloadException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the server said and where the configuration is
     * @param cause   the underlying failure, or {@code null}
     */
    public ServerReloadException(String message, Throwable cause) {
        super(Redaction.redact(message), cause);
    }
}
