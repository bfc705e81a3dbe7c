package dev.natssandbox.internal.server;

import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.server.ServerNotFoundException;
import dev.natssandbox.server.ServerDownload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Chooses a launcher for a {@link LauncherKind} among the {@link ServerLauncherProvider}s on the classpath, by the
 * capability the kind requires ({@link LauncherKind#required()}), in the providers' order. {@code AUTO} takes the
 * first provider that can be used here (the local binary, else Docker when Testcontainers is on the classpath and
 * an engine answers), else fails with one message listing every place and way tried. A configured binary path that
 * is wrong fails at once, also under {@code AUTO}: silently running another server would hide the mistake.
 */
public final class Launchers {
    private Launchers() {
    }

    /**
     * @param kind       which launcher
     * @param serverPath explicit binary for a local launcher, or {@code null}
     * @param docker     settings for a container launcher
     * @return the launcher
     * @throws ServerNotFoundException when no launcher can be used
     */
    public static ServerLauncher resolve(LauncherKind kind, Path serverPath, DockerSettings docker) {
        return resolve(kind, new LauncherOptions(serverPath, docker), installed());
    }

    /** @return every provider found by {@link ServiceLoader}, in their order */
    public static List<ServerLauncherProvider> installed() {
        List<ServerLauncherProvider> all = new ArrayList<>();
        ServiceLoader.load(ServerLauncherProvider.class, Launchers.class.getClassLoader()).forEach(all::add);
        return all;
    }

    /**
     * @param kind      which launcher
     * @param options   the settings given to the provider
     * @param providers the providers to choose from
     * @return the launcher of the first provider that declares the required capability and can be used here
     * @throws ServerNotFoundException when none can be used, listing what each tried
     */
    public static ServerLauncher resolve(LauncherKind kind, LauncherOptions options,
                                         List<ServerLauncherProvider> providers) {
        List<ServerLauncherProvider> candidates = providers.stream()
                .filter(p -> required(kind).map(p.capabilities()::contains).orElse(true))
                .sorted(Comparator.comparingInt(ServerLauncherProvider::order))
                .toList();
        if (candidates.isEmpty()) {
            throw new ServerNotFoundException("no launcher on the classpath can serve launcher [" + kind.name()
                    .toLowerCase(java.util.Locale.ROOT) + "] (it needs capability " + required(kind).orElseThrow()
                    + "); the nats-sandbox-resolver jar provides binary and docker: check that its "
                    + "META-INF/services entries were not dropped (a shaded jar needs the services transformer)",
                    List.of("launcher providers: none with " + required(kind).orElseThrow()));
        }
        List<String> tried = new ArrayList<>();
        ServerNotFoundException only = null;
        for (ServerLauncherProvider p : candidates) {
            try {
                return p.create(options);
            } catch (ServerNotFoundException e) {
                if (e.configuredPathUnusable()) {
                    throw e;
                }
                tried.addAll(e.tried());
                only = e;
            }
        }
        if (candidates.size() == 1) {
            throw only; // its own message is the most precise one
        }
        throw new ServerNotFoundException("no nats-server available; tried: " + String.join("; ", tried)
                + ". To fix: " + ServerFinder.INSTALL_HINT + ", or install Docker and add "
                + "org.testcontainers:testcontainers to the classpath, or let the sandbox fetch a release (-D"
                + ServerDownload.PROPERTY + "=true)", tried);
    }

    /**
     * @param kind a launcher kind
     * @return the capability a launcher must declare to serve it; empty for any launcher
     */
    public static Optional<LauncherCapability> required(LauncherKind kind) {
        return switch (kind) {
            case BINARY -> Optional.of(LauncherCapability.LOCAL_PROCESS);
            case DOCKER -> Optional.of(LauncherCapability.CONTAINER);
            case AUTO, DEFAULT -> Optional.empty();
        };
    }
}
