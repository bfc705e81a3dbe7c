package dev.natssandbox.callout;

import dev.natssandbox.NatsSandboxException;

/**
 * A client was refused at connect while auth callout was on. No nats-server version passes the service's reason to
 * the client: every one (2.10 to 2.15) sends {@code -ERR 'Authorization Violation'} ({@link #clientError()}) and
 * records the reason only in its log and in the {@code $SYS.ACCOUNT.CLIENT.AUTH.ERR} event of the callout account.
 * {@link #reason()} is that event's reason (for a service's refusal, "Auth callout service returned an error: "
 * followed by the service's reason); {@link #serviceReason()} is the service's own text.
 */
public class CalloutRefusedException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;
    private static final String SERVICE_PREFIX = "Auth callout service returned an error: ";

    /** The callout service's reason. */
    private final String reason;
    /** What the client itself was told (nats-server sends no reason of the service to the client). */
    private final String clientError;

    /**
     * @param who    the client (user name or a description)
     * @param reason the server's reason
     * @param cause  what the client library threw
     */
    public CalloutRefusedException(String who, String reason, Throwable cause) {
        this(who, reason, "Authorization Violation", cause);
    }

    /**
     * @param who         the client (user name or a description)
     * @param reason      the server's reason, from its auth error event
     * @param clientError what the server told the client
     * @param cause       what the client library threw
     */
    public CalloutRefusedException(String who, String reason, String clientError, Throwable cause) {
        super("client [" + who + "] was refused by auth callout: " + reason, cause);
        this.reason = reason;
        this.clientError = clientError;
    }

    /** @return what the server told the client itself: {@code Authorization Violation} on every version */
    public String clientError() {
        return clientError;
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
