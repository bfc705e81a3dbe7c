package dev.natssandbox.callout;

import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.server.ServerVersion;

/** The server is older than 2.10 and has no auth callout. */
public class CalloutUnsupportedException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    /** The oldest nats-server with auth callout (the account {@code authorization} claim, {@code auth_callout}). */
    public static final ServerVersion MINIMUM_VERSION = new ServerVersion(2, 10, 0);

    /**
     * @param message what was refused, the server's version and how to fix it
     */
    public CalloutUnsupportedException(String message) {
        super(message);
    }

    /**
     * @param version the server's version as it reports it, e.g. {@code 2.9.10}
     * @param where   the server (URL or binary) for the message
     * @throws CalloutUnsupportedException when the version is older than 2.10 or unreadable
     */
    static void check(String version, String where) {
        if (!supports(version)) {
            throw new CalloutUnsupportedException("auth callout needs nats-server " + MINIMUM_VERSION
                    + " or newer; the server at [" + where + "] is version [" + version + "]. Run a newer server "
                    + "(set NATS_SERVER_PATH) or remove the authorization section from the spec");
        }
    }

    /**
     * @param version a nats-server version, e.g. {@code 2.10.27} or {@code v2.9.10} (read with
     *                {@link ServerVersion#find})
     * @return whether that server has auth callout (2.10 or newer); false when the text holds no version
     */
    public static boolean supports(String version) {
        return ServerVersion.find(version).map(CalloutUnsupportedException::supports).orElse(false);
    }

    /**
     * @param version a nats-server version
     * @return whether that server has auth callout ({@link #MINIMUM_VERSION} or newer)
     */
    public static boolean supports(ServerVersion version) {
        return version.isAtLeast(MINIMUM_VERSION);
    }
}
