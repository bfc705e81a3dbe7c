package dev.natssandbox.internal.server;

import dev.natssandbox.server.ServerDiedException;
import dev.natssandbox.server.ServerReloadException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * A started nats-server, whatever launched it. Closing is idempotent: SIGTERM, a bounded wait, then a forced kill.
 */
public interface RunningServer extends AutoCloseable {
    /** @return the URL clients in this JVM connect to, e.g. {@code nats://127.0.0.1:34073} */
    String clientUrl();

    /**
     * @param host a listen address; a wildcard one ({@code 0.0.0.0}, {@code ::}) or none means loopback
     * @param port the port
     * @return the {@code nats://} URL a client on this machine connects to
     */
    static String clientUrl(String host, int port) {
        String h = host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "nats://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
    }

    /** @return the port clients in this JVM connect to */
    int port();

    /** @return whether the server process (or container) is still running */
    boolean isAlive();

    /**
     * @throws ServerDiedException with the log tail when the server is no longer running
     */
    void checkAlive();

    /**
     * Writes the configuration rendered for this server's listen address, signals a reload and returns once the
     * server reports that it applied it.
     *
     * @param config renders the new configuration
     * @throws ServerReloadException when the server rejects the configuration (it keeps the old one)
     */
    void reload(ConfigRenderer config);

    /** @return the configuration file as written on this machine */
    Path configFile();

    /** @return the file server output is written to */
    Path logFile();

    /**
     * @param lines how many lines
     * @return the last lines of server output (seeds redacted)
     */
    List<String> logTail(int lines);

    /** @return the server's process id on this machine; empty when it runs elsewhere (a container) */
    default OptionalLong pid() {
        return OptionalLong.empty();
    }

    /** @return how the server was started: a command line or a container description */
    String description();

    /** Stops the server: SIGTERM, bounded wait, forced kill. Idempotent. */
    @Override
    void close();
}
