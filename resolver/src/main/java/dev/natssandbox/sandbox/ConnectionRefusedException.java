package dev.natssandbox.sandbox;

import dev.natssandbox.NatsSandboxException;

/**
 * The server refused a user's connection: authorization violation, revoked or expired user, source network or
 * time window not allowed, account connection limit reached.
 */
public class ConnectionRefusedException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    /** The user whose connection was refused. */
    private final String user;
    /** The server's reason. */
    private final String serverMessage;

    /**
     * @param user          the user who tried to connect
     * @param serverMessage what the server said
     * @param cause         the jnats exception
     */
    public ConnectionRefusedException(String user, String serverMessage, Throwable cause) {
        super("server refused the connection of user [" + user + "]: " + serverMessage, cause);
        this.user = user;
        this.serverMessage = serverMessage;
    }

    /**
     * A transient refusal that persisted through every attempt.
     *
     * @param user          the user who tried to connect
     * @param serverMessage what the server said the last time, e.g. {@code Authentication Timeout}
     * @param attempts      how many times it was tried
     * @param cause         the last attempt's failure
     */
    public ConnectionRefusedException(String user, String serverMessage, int attempts, Throwable cause) {
        super("server refused the connection of user [" + user + "] on each of " + attempts + " attempts: "
                + serverMessage + " (the client did not send its CONNECT in time; the machine is too busy: run "
                + "fewer connects at once)", cause);
        this.user = user;
        this.serverMessage = serverMessage;
    }

    /** @return the user who tried to connect */
    public String user() {
        return user;
    }

    /** @return what the server said, e.g. {@code Authorization Violation} */
    public String serverMessage() {
        return serverMessage;
    }
}
