package dev.natssandbox.sandbox;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.internal.config.ServerConfig;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.internal.server.BinaryLauncher;
import dev.natssandbox.internal.server.ConfigRenderer;
import dev.natssandbox.internal.server.LaunchSpec;
import dev.natssandbox.internal.server.LauncherCapability;
import dev.natssandbox.internal.server.Launchers;
import dev.natssandbox.internal.server.ServerLauncher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How a sandbox's hierarchy becomes a server: the launcher, the launch settings and the configuration; and which
 * changes a running server can take by reloading.
 */
final class ServerSetup {
    /**
     * The server's 2 s default from INFO to CONNECT is missed by clients of a machine busy with hundreds of
     * concurrent connects (test runs); the server then closes with "Authentication Timeout".
     */
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);

    private ServerSetup() {
    }

    /** @return the server configuration of a hierarchy, {@code resolverUrl} {@code null} for the memory resolver */
    static ConfigRenderer renderer(Hierarchy h, String resolverUrl) {
        return renderer(h, resolverUrl, null);
    }

    /**
     * @param resolverDir the NATS-based resolver's directory, or {@code null} for the URL or memory resolver
     * @return the server configuration of a hierarchy
     */
    static ConfigRenderer renderer(Hierarchy h, String resolverUrl, Path resolverDir) {
        return listen -> {
            ServerConfig.Builder b = ServerConfig.builder(h).host(listen.host()).port(listen.port())
                    .authTimeout(AUTH_TIMEOUT);
            if (resolverUrl != null) {
                b.urlResolver(resolverUrl);
            } else if (resolverDir != null) {
                b.natsResolver(h.spec().server().resolver(), resolverDir.toAbsolutePath().toString());
            }
            if (listen.jetStreamDir() != null) {
                b.jetStream(Path.of(listen.jetStreamDir()));
            }
            return b.render();
        };
    }

    /**
     * @throws ServerTooOldException when the launcher's server is known to be too old for a claim in the spec
     */
    static void requireSupported(SandboxSpec spec, ServerLauncher launcher, SandboxSettings s) {
        // Only a spec with a version-bound claim asks the launcher (which may have to run the binary to know).
        if (ServerFeatures.uses(spec).isEmpty()) {
            return;
        }
        launcher.version().ifPresent(v -> ServerFeatures.requireSupported(spec, v,
                launcher instanceof BinaryLauncher b ? "binary [" + b.locate().path() + "]"
                        : launcher.capabilities().contains(LauncherCapability.CONTAINER) && s.launcher() == null
                        ? "Docker image [" + s.docker().image() + "]"
                        : "the " + launcher.name() + " launcher's server"));
    }

    /** @return the launcher the settings ask for, or the one they give */
    static ServerLauncher launcher(SandboxSettings s) {
        return s.launcher() != null ? s.launcher()
                : Launchers.resolve(s.launcherKind(), s.serverPath(), s.docker());
    }

    /** @return where a sandbox in {@code dir} keeps the NATS-based resolver's account JWTs */
    static Path resolverDirectory(Path dir) {
        return dir.resolve("jwt");
    }

    static LaunchSpec launchSpec(String id, Path dir, boolean ownsDirectory, Hierarchy h, SandboxSettings s,
                                 String resolverUrl) {
        // A directory the user chose, or asked to keep, must survive even the cleanup after a killed JVM.
        // Orphan cleanup finds no failure: only ALWAYS keeps the directory of a server whose JVM died.
        boolean disposable = ownsDirectory && !s.keepFiles().keeps(false);
        return new LaunchSpec(id, dir, dir.resolve("nats-server.log"), h.spec().server().host(),
                s.port() != null ? s.port() : h.spec().server().port(), h.spec().server().jetStream(),
                renderer(h, resolverUrl, h.spec().server().resolver().natsBased() ? resolverDirectory(dir) : null),
                s.startupTimeout(), disposable);
    }

    /** @return what the server's configuration holds of a hierarchy: the operator and account JWTs */
    static Map<String, String> serverState(Hierarchy h) {
        Map<String, String> state = new HashMap<>();
        state.put("operator", h.operator().jwt());
        h.accounts().forEach(a -> state.put(a.publicKey(), a.jwt()));
        return state;
    }

    /** @throws InvalidInputException when going from {@code current} to {@code next} needs a restart */
    static void requireReloadable(SandboxSpec current, SandboxSpec next) {
        if (!current.operator().equals(next.operator())) {
            throw new InvalidInputException("cannot change the operator of a running sandbox (from "
                    + current.operator() + " to " + next.operator() + "): nats-server does not reload its trusted "
                    + "operator. Close this sandbox and start a new one");
        }
        if (!current.systemAccount().equals(next.systemAccount())) {
            throw new InvalidInputException("cannot change the system account of a running sandbox (from ["
                    + current.systemAccount() + "] to [" + next.systemAccount() + "]): nats-server does not reload "
                    + "it. Close this sandbox and start a new one");
        }
        if (!current.server().equals(next.server())) {
            throw new InvalidInputException("cannot change the server settings of a running sandbox (from "
                    + current.server() + " to " + next.server() + "): listen address, JetStream and resolver need a "
                    + "restart. Close this sandbox and start a new one");
        }
    }
}
