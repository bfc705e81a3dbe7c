package dev.natssandbox.internal.server;

import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.server.ServerNotFoundException;
import dev.natssandbox.internal.server.docker.DockerLauncherProvider;
import dev.natssandbox.internal.server.download.DownloadLauncherProvider;
import dev.natssandbox.server.ServerDownload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchersTests {
    private static final String NO_DOCKER = DockerLauncherProvider.NO_TESTCONTAINERS;
    private static final List<String> NOTHING_ON_EMPTY_PATH = List.of(
            "explicit server path: not given",
            "system property natssandbox.server.path: not set",
            "environment variable NATS_SERVER_PATH: not set",
            "PATH: no executable nats-server in (PATH is empty)");
    private static final LauncherOptions OPTIONS = new LauncherOptions(null,
            DockerSettings.fromEnvironment(new Properties(), Map.of()),
            ServerDownload.fromEnvironment(new Properties(), Map.of()));

    @TempDir
    Path tmp;

    /** The real binary provider over a finder that finds nothing: no property, no variable, an empty PATH. */
    private static ServerLauncherProvider noBinary() {
        return new BinaryLauncherProvider(ServerFinder.of(new Properties(), Map.of()));
    }

    /**
     * A container provider that cannot be used here, as the Docker provider reports it; or, with {@code null}, one
     * that must not be asked.
     */
    private static ServerLauncherProvider container(String problem, int order) {
        return new ServerLauncherProvider() {
            @Override
            public Set<LauncherCapability> capabilities() {
                return Set.of(LauncherCapability.CONTAINER);
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public ServerLauncher create(LauncherOptions options) {
                if (problem == null) {
                    throw new AssertionError("this provider must not be asked");
                }
                throw new ServerNotFoundException("the Docker launcher cannot be used: " + problem,
                        List.of("Docker: " + problem));
            }
        };
    }

    @Test
    void theProvidersOnTheClasspathAreFoundByServiceLoaderInTheirOrder() {
        List<ServerLauncherProvider> installed = Launchers.installed().stream()
                .sorted(java.util.Comparator.comparingInt(ServerLauncherProvider::order)).toList();
        assertEquals(List.of(BinaryLauncherProvider.class, DockerLauncherProvider.class,
                DownloadLauncherProvider.class), installed.stream().map(Object::getClass).toList());
        assertEquals(Set.of(LauncherCapability.LOCAL_PROCESS, LauncherCapability.REACHES_HOST_LOOPBACK,
                LauncherCapability.SHARES_SANDBOX_DIRECTORY), installed.get(0).capabilities());
        assertEquals(Set.of(LauncherCapability.CONTAINER), installed.get(1).capabilities());
        assertEquals(installed.get(0).capabilities(), installed.get(2).capabilities());
    }

    @Test
    void autoWithNothingAvailableListsEveryPlaceAndWayTried() {
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class,
                () -> Launchers.resolve(LauncherKind.AUTO, OPTIONS, List.of(container(NO_DOCKER, 200), noBinary())));
        List<String> tried = new ArrayList<>(NOTHING_ON_EMPTY_PATH);
        tried.add("Docker: " + NO_DOCKER);
        assertEquals(tried, e.tried(), "providers are tried in their order, not in list order");
        assertEquals("no nats-server available; tried: " + String.join("; ", tried) + ". To fix: "
                + ServerFinder.INSTALL_HINT + ", or install Docker and add org.testcontainers:testcontainers to the "
                + "classpath, or let the sandbox fetch a release (-Dnatssandbox.server.download=true)", e.getMessage());
    }

    @Test
    void binaryWithNothingFoundGivesTheFindersMessageAndNeverAsksAContainerProvider() {
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class,
                () -> Launchers.resolve(LauncherKind.BINARY, OPTIONS, List.of(container(null, 1), noBinary())));
        assertEquals(NOTHING_ON_EMPTY_PATH, e.tried());
        assertTrue(e.getMessage().startsWith("nats-server not found; tried: explicit server path: not given; "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("To fix: " + ServerFinder.INSTALL_HINT), e.getMessage());
    }

    @Test
    void dockerWhenDockerCannotBeUsedSaysWhy() {
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class, () -> Launchers.resolve(
                LauncherKind.DOCKER, OPTIONS, List.of(noBinary(), container("no Docker engine answers at "
                        + "[unix:///var/run/x]", 200))));
        assertEquals("the Docker launcher cannot be used: no Docker engine answers at [unix:///var/run/x]",
                e.getMessage());
        assertEquals(List.of("Docker: no Docker engine answers at [unix:///var/run/x]"), e.tried());
    }

    @Test
    void aKindNoProviderCanServeSaysWhichCapabilityIsMissing() {
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class,
                () -> Launchers.resolve(LauncherKind.DOCKER, OPTIONS, List.of(noBinary())));
        assertTrue(e.getMessage().startsWith("no launcher on the classpath can serve launcher [docker] (it needs "
                + "capability CONTAINER)"), e.getMessage());
    }

    @Test
    void aDisabledDownloadSaysHowToEnableItAndBinaryListsItAfterTheFinder() {
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class, () -> Launchers.resolve(
                LauncherKind.BINARY, OPTIONS, List.of(new DownloadLauncherProvider(), noBinary())));
        List<String> tried = new ArrayList<>(NOTHING_ON_EMPTY_PATH);
        tried.add("download of a nats-server release: off (enable with -Dnatssandbox.server.download=true or "
                + "NATS_SANDBOX_SERVER_DOWNLOAD=true)");
        assertEquals(tried, e.tried());
    }

    @Test
    void autoAndBinaryTakeTheLocalBinaryWhenThereIsOne() throws IOException {
        Path bin = ServerFinderTests.executable(tmp.resolve("bin/nats-server"));
        ServerLauncherProvider binary = new BinaryLauncherProvider(ServerFinder.of(new Properties(),
                Map.of("PATH", bin.getParent().toString())));
        ServerLauncher auto = Launchers.resolve(LauncherKind.AUTO, OPTIONS, List.of(container(null, 200), binary));
        assertEquals(bin, assertInstanceOf(BinaryLauncher.class, auto).locate().path());
        ServerLauncher chosen = Launchers.resolve(LauncherKind.BINARY, OPTIONS, List.of(binary));
        assertEquals(bin, assertInstanceOf(BinaryLauncher.class, chosen).locate().path());
    }

    @Test
    void autoWithAWrongExplicitPathFailsInsteadOfFallingBackToAContainer() {
        Path missing = tmp.resolve("missing/nats-server");
        LauncherOptions explicit = new LauncherOptions(missing, OPTIONS.docker(), OPTIONS.download());
        // The container provider must not be asked: a fallback would hide the wrong path.
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class, () -> Launchers.resolve(
                LauncherKind.AUTO, explicit, List.of(noBinary(), container(null, 200))));
        assertTrue(e.configuredPathUnusable());
        assertEquals(List.of("the explicit server path: [" + missing + "] does not exist"), e.tried());
    }
}
