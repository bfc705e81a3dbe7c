package dev.natssandbox.push;

/**
 * What one nats-server answered to a claims request.
 *
 * @param server   the server's name ({@code server_name}, or its id when it has none)
 * @param serverId the server's id
 * @param ok       whether it applied the request
 * @param message  its message (e.g. {@code jwt updated}) or error description
 */
public record ServerAnswer(String server, String serverId, boolean ok, String message) {
    @Override
    public String toString() {
        return server + ": " + (ok ? "ok" : "FAILED") + " (" + message + ")";
    }
}
