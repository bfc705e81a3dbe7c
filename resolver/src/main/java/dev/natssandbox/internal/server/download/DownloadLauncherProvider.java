package dev.natssandbox.internal.server.download;

import dev.natssandbox.server.ServerDownload;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.server.BinaryLauncher;
import dev.natssandbox.internal.server.LauncherCapability;
import dev.natssandbox.internal.server.LauncherOptions;
import dev.natssandbox.internal.server.ServerFinder;
import dev.natssandbox.internal.server.ServerLauncher;
import dev.natssandbox.internal.server.ServerLauncherProvider;
import dev.natssandbox.server.ServerNotFoundException;

import java.util.List;
import java.util.Set;

/**
 * The last resort: a nats-server release fetched for this platform ({@link ReleaseFetcher}), when the download is
 * enabled ({@link ServerDownload}). Tried after the local binary and Docker.
 */
public final class DownloadLauncherProvider implements ServerLauncherProvider {
    /** For {@code ServiceLoader}. */
    public DownloadLauncherProvider() {
    }

    @Override
    public Set<LauncherCapability> capabilities() {
        return Set.of(LauncherCapability.LOCAL_PROCESS, LauncherCapability.REACHES_HOST_LOOPBACK,
                LauncherCapability.SHARES_SANDBOX_DIRECTORY);
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public ServerLauncher create(LauncherOptions options) {
        ServerDownload d = options.download();
        if (!d.enabled()) {
            String off = "download of a nats-server release: off (enable with -D" + ServerDownload.PROPERTY
                    + "=true or " + ServerDownload.ENV + "=true)";
            throw new ServerNotFoundException(off, List.of(off));
        }
        try {
            return new BinaryLauncher(new ReleaseFetcher(d, Platform.current()).fetch(), ServerFinder.system());
        } catch (NatsSandboxException e) {
            throw new ServerNotFoundException(e.getMessage(), List.of("download of a nats-server release: "
                    + e.getMessage()));
        }
    }
}
