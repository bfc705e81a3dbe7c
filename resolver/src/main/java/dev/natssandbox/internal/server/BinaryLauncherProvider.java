package dev.natssandbox.internal.server;

import dev.natssandbox.server.LauncherKind;
import java.util.Set;

/** Provides {@link BinaryLauncher}: a nats-server binary found on this machine (see {@link ServerFinder}). */
public final class BinaryLauncherProvider implements ServerLauncherProvider {
    /** Tried first under {@link LauncherKind#AUTO}: a local process starts fastest. */
    static final int ORDER = 100;

    private final ServerFinder finder;

    /** A provider searching the JVM's system properties, environment and {@code PATH}; for {@code ServiceLoader}. */
    public BinaryLauncherProvider() {
        this(ServerFinder.system());
    }

    /**
     * @param finder where to search
     */
    public BinaryLauncherProvider(ServerFinder finder) {
        this.finder = finder;
    }

    @Override
    public Set<LauncherCapability> capabilities() {
        return BinaryLauncher.CAPABILITIES;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public ServerLauncher create(LauncherOptions options) {
        BinaryLauncher launcher = new BinaryLauncher(options.serverPath(), finder);
        launcher.locate();
        return launcher;
    }
}
