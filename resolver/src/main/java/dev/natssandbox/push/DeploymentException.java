package dev.natssandbox.push;

import dev.natssandbox.NatsSandboxException;

/** A request to a deployment failed: it could not be sent, a server refused it, or too few servers answered. */
public class DeploymentException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, the offending value and how to fix it */
    public DeploymentException(String message) {
        super(message);
    }

    /**
     * @param message what failed, the offending value and how to fix it
     * @param cause   the underlying failure
     */
    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
