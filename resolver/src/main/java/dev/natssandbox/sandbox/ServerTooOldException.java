package dev.natssandbox.sandbox;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.server.ServerVersion;

import java.util.List;

/**
 * The spec uses claims the nats-server to be launched does not know and would silently ignore (message tracing on
 * 2.10, {@code proxy_required} on 2.11 …). Thrown by {@link SandboxBuilder#start()} before anything is written or
 * launched; the message names each feature, the server's version and the minimum.
 */
public final class ServerTooOldException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient ServerVersion running;
    private final transient List<ServerFeatures.Use> uses;

    ServerTooOldException(String message, ServerVersion running, List<ServerFeatures.Use> uses) {
        super(message);
        this.running = running;
        this.uses = List.copyOf(uses);
    }

    /** @return the version of the server that was to be launched */
    public ServerVersion serverVersion() {
        return running;
    }

    /** @return the newest minimum among the refused features: the oldest server that would take the spec */
    public ServerVersion minimumVersion() {
        return uses.stream().map(ServerFeatures.Use::minimum).max(ServerVersion::compareTo).orElseThrow();
    }

    /** @return the spec paths of the refused features, e.g. {@code accounts.A.trace} */
    public List<String> features() {
        return uses.stream().map(ServerFeatures.Use::where).toList();
    }
}
