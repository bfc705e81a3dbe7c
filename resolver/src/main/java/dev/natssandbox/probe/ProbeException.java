package dev.natssandbox.probe;

import dev.natssandbox.NatsSandboxException;

/**
 * A probe could not reach a decision: the connection was closed or lost, the server did not answer a flush within
 * the probe's timeout (the server is gone or stuck), or the server's errors on the connection could not be read. A
 * probe never turns such a failure into "allowed" or "denied".
 */
public class ProbeException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, the connection's user in [brackets], and what to check
     */
    public ProbeException(String message) {
        super(message);
    }

    /**
     * @param message what failed, the connection's user in [brackets], and what to check
     * @param cause   the underlying failure
     */
    public ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
