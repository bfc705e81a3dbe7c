package dev.natssandbox.internal.server;

import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.server.ServerStartException;
import dev.natssandbox.server.ServerVersion;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Starts nats-server somewhere: the local binary, or a Docker container. Choose with {@link LauncherKind}, or pass
 * an instance. Launchers are made available by {@link ServerLauncherProvider}s.
 */
public interface ServerLauncher {
    /** @return a short name for messages: {@code binary}, {@code docker} … (never used to choose a launcher) */
    String name();

    /**
     * @return what this launcher, as configured, can do; the sandbox refuses combinations the launcher cannot
     *         serve (for example the URL account resolver without {@link LauncherCapability#REACHES_HOST_LOOPBACK})
     */
    Set<LauncherCapability> capabilities();

    /**
     * Starts a server and returns once it is ready.
     *
     * @param spec what to start
     * @return the running server
     * @throws ServerStartException when it does not become ready (with command line, exit code, log tail)
     */
    RunningServer start(LaunchSpec spec);

    /**
     * The version of the nats-server this launcher starts, when it can tell without starting a server; a sandbox
     * uses it to refuse, before launching, a spec whose claims that server would ignore.
     *
     * @return the version, or empty when unknown (then nothing is refused)
     */
    default Optional<ServerVersion> version() {
        return Optional.empty();
    }

    /**
     * @param serverPath explicit binary, or {@code null} to search
     * @return the local-binary launcher
     */
    static ServerLauncher binary(Path serverPath) {
        return new BinaryLauncher(serverPath, ServerFinder.system());
    }
}
