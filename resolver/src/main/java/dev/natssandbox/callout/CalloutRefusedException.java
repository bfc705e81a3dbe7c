package dev.natssandbox.callout;

import dev.natssandbox.NatsSandboxException;

/**
 * A client was refused at connect while auth callout was on. nats-server only tells the client "Authorization
 * Violation"; {@link #reason()} is the reason the server recorded (for a service's refusal, "Auth callout service
 * returned an error: " followed by the service's reason), read from the server's auth error event in the callout
 * account.
 */
public class CalloutRefusedException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;
    private static final String SERVICE_PREFIX = "Auth callout service returned an error: ";

    /** The callout service's reason. */
    private final String reason;

    /**
     * @param who    the client (user name or a description)
     * @param reason the server's reason
     * @param cause  what the client library threw
     */
    public CalloutRefusedException(String who, String reason, Throwable cause) {
        super("client [" + who + "] was refused by auth callout: " + reason, cause);
        this.reason = reason;
    }

    /** @return the reason nats-server recorded for the refusal */
    public String reason() {
        return reason;
    }

    /** @return the service's own reason, when the service refused (else the server's reason) */
    public String serviceReason() {
        return reason.startsWith(SERVICE_PREFIX) ? reason.substring(SERVICE_PREFIX.length()) : reason;
    }
}
