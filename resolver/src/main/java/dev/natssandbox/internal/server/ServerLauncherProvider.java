package dev.natssandbox.internal.server;

import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.server.ServerNotFoundException;
import java.util.Set;

/**
 * Makes a kind of {@link ServerLauncher} available. Providers are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.natssandbox.internal.server.ServerLauncherProvider}), so that a launcher whose dependencies
 * are optional (Docker needs Testcontainers) costs nothing when they are absent. {@link Launchers} chooses among
 * providers by their {@link #capabilities()} and tries them in {@link #order()}.
 *
 * <p>A provider must be cheap to instantiate and must not load optional dependencies before {@link #create} is
 * called.
 */
public interface ServerLauncherProvider {
    /** @return what every launcher of this provider can do, e.g. {@link LauncherCapability#LOCAL_PROCESS} */
    Set<LauncherCapability> capabilities();

    /** @return the position under {@link LauncherKind#AUTO}: lower is tried first */
    int order();

    /**
     * Creates a launcher that can be used on this machine now.
     *
     * @param options the settings
     * @return the launcher
     * @throws ServerNotFoundException when it cannot be used here; {@link ServerNotFoundException#tried()} says
     *                                 what was tried, for the message listing everything
     */
    ServerLauncher create(LauncherOptions options);

    /**
     * Registers, with the {@link ServerRegistry}, how to remove servers of this kind whose JVM died, when they are
     * not plain processes (containers). Called before orphans are reaped; must be idempotent and cheap when the
     * provider's optional dependencies are absent. Does nothing by default.
     */
    default void registerReaper() {
    }
}
