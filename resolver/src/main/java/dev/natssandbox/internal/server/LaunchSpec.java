package dev.natssandbox.internal.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a launcher needs to start one server.
 *
 * @param id                         an instance id shown in log lines and process listings
 * @param directory                  the sandbox's private directory; the launcher keeps its files (config, ports,
 *                                   data) in it
 * @param logFile                    where server output is written
 * @param host                       requested listen address (loopback by default)
 * @param port                       requested port; {@code -1} for any free port
 * @param jetStream                  whether the server needs a JetStream store directory
 * @param config                     renders the configuration for the listen address the launcher chooses
 * @param startupTimeout             how long to wait for the server to become ready
 * @param removeDirectoryIfOrphaned  whether {@code directory} may be deleted when the server is found orphaned (its
 *                                   JVM died): true for a sandbox's own temporary directory, false for one the user
 *                                   chose or asked to keep. Launchers pass {@link #orphanDirectory()} to
 *                                   {@link ServerRegistry#register}
 */
public record LaunchSpec(String id, Path directory, Path logFile, String host, int port, boolean jetStream,
                         ConfigRenderer config, Duration startupTimeout, boolean removeDirectoryIfOrphaned) {
    /** Requires every value. */
    public LaunchSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
    }

    /**
     * A spec whose directory is never deleted by orphan cleanup.
     *
     * @param id             instance id
     * @param directory      the sandbox directory
     * @param logFile        the log file
     * @param host           listen address
     * @param port           port, {@code -1} for any free one
     * @param jetStream      whether JetStream is on
     * @param config         the configuration renderer
     * @param startupTimeout how long to wait for readiness
     */
    public LaunchSpec(String id, Path directory, Path logFile, String host, int port, boolean jetStream,
                      ConfigRenderer config, Duration startupTimeout) {
        this(id, directory, logFile, host, port, jetStream, config, startupTimeout, false);
    }

    /** @return the directory to remove if the server is found orphaned, or {@code null} to leave it */
    public Path orphanDirectory() {
        return removeDirectoryIfOrphaned ? directory : null;
    }
}
