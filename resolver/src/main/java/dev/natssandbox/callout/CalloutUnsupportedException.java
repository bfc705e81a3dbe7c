package dev.natssandbox.callout;

import dev.natssandbox.NatsSandboxException;

/** The server is older than 2.10 and has no auth callout. */
public class CalloutUnsupportedException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused, the server's version and how to fix it
     */
    public CalloutUnsupportedException(String message) {
        super(message);
    }

    /**
     * @param version the server's version, e.g. {@code 2.9.10}
     * @param where   the server (URL or binary) for the message
     * @throws CalloutUnsupportedException when the version is older than 2.10
     */
    static void check(String version, String where) {
        if (!supports(version)) {
            throw new CalloutUnsupportedException("auth callout needs nats-server 2.10 or newer; the server at ["
                    + where + "] is version [" + version + "]. Run a newer server (set NATS_SERVER_PATH) or "
                    + "remove the authorization section from the spec");
        }
    }

    /**
     * @param version a nats-server version, e.g. {@code 2.10.27} or {@code v2.9.10}
     * @return whether that server has auth callout (2.10 or newer)
     */
    public static boolean supports(String version) {
        String[] parts = version == null ? new String[0] : version.replaceFirst("^v", "").split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 2 || (major == 2 && minor >= 10);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }
}
