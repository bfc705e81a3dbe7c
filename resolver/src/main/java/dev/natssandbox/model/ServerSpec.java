package dev.natssandbox.model;

import java.util.Objects;

/**
 * How the sandbox's nats-server listens and what it enables.
 *
 * @param host        listen address; loopback by default
 * @param port        listen port; {@code -1} lets the server pick a free one
 * @param jetStream   whether JetStream is enabled (accounts then get unlimited JetStream unless their limits set it)
 * @param resolver    how the server finds account JWTs
 * @param extraConfig extra server configuration appended verbatim (e.g. {@code max_payload: 2MB}), or empty
 */
public record ServerSpec(String host, int port, boolean jetStream, ResolverType resolver, String extraConfig) {
    /** Loopback, any free port, no JetStream, memory resolver. */
    public static final ServerSpec DEFAULT = new ServerSpec("127.0.0.1", -1, false, ResolverType.MEMORY, "");

    /** Checks the port and host. */
    public ServerSpec {
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        if (port < -1 || port > 65535) {
            throw new InvalidSpecException("server.port", "port [" + port
                    + "] must be -1 (any free port) or between 0 and 65535");
        }
        if (!host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            throw new InvalidSpecException("server.host", "host [" + host + "] is not a host name or IP address");
        }
        resolver = Objects.requireNonNullElse(resolver, ResolverType.MEMORY);
        extraConfig = extraConfig == null ? "" : extraConfig;
    }

    /**
     * @param port a port, or -1 for any free one
     * @return a copy listening on {@code port}
     */
    public ServerSpec withPort(int port) {
        return new ServerSpec(host, port, jetStream, resolver, extraConfig);
    }

    /**
     * @param resolver resolver type
     * @return a copy with that resolver
     */
    public ServerSpec withResolver(ResolverType resolver) {
        return new ServerSpec(host, port, jetStream, resolver, extraConfig);
    }
}
