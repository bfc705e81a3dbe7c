package dev.natssandbox.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchersTests {
    private static final String NO_DOCKER = "Testcontainers is not on the classpath (add "
            + "org.testcontainers:testcontainers)";
    private static final List<String> NOTHING_ON_EMPTY_PATH = List.of(
            "explicit server path: not given",
            "system property natssandbox.server.path: not set",
            "environment variable NATS_SERVER_PATH: not set",
            "PATH: no executable nats-server in (PATH is empty)");

    @TempDir
    Path tmp;

    /** A finder that finds nothing: no property, no variable, an empty PATH. */
    private static BinaryLauncher noBinary() {
        return new BinaryLauncher(null, ServerFinder.of(new Properties(), Map.of()));
    }

    private static Supplier<Optional<String>> docker(String problem) {
        return () -> Optional.ofNullable(problem);
    }

    private static ServerLauncher resolve(LauncherKind kind, BinaryLauncher binary, String dockerProblem) {
        return Launchers.resolve(kind, binary, DockerSettings.fromEnvironment(new Properties(), Map.of()),
                docker(dockerProblem));
    }

    @Test
    void autoWithNothingAvailableListsEveryPlaceAndWayTried() {
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class,
                () -> resolve(LauncherKind.AUTO, noBinary(), NO_DOCKER));
        List<String> tried = new java.util.ArrayList<>(NOTHING_ON_EMPTY_PATH);
        tried.add("Docker: " + NO_DOCKER);
        assertEquals(tried, e.tried());
        assertEquals("no nats-server available; tried: " + String.join("; ", tried) + ". To fix: "
                + ServerFinder.INSTALL_HINT + ", or install Docker and add org.testcontainers:testcontainers to the "
                + "classpath", e.getMessage());
    }

    @Test
    void binaryWithNothingFoundGivesTheFindersMessageAndNeverAsksDocker() {
        Supplier<Optional<String>> dockerMustNotBeAsked = () -> {
            throw new AssertionError("the binary launcher must not look at Docker");
        };
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class, () -> Launchers.resolve(
                LauncherKind.BINARY, noBinary(), DockerSettings.fromEnvironment(new Properties(), Map.of()),
                dockerMustNotBeAsked));
        assertEquals(NOTHING_ON_EMPTY_PATH, e.tried());
        assertTrue(e.getMessage().startsWith("nats-server not found; tried: explicit server path: not given; "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("To fix: " + ServerFinder.INSTALL_HINT), e.getMessage());
    }

    @Test
    void dockerWhenDockerCannotBeUsedSaysWhy() {
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class,
                () -> resolve(LauncherKind.DOCKER, noBinary(), "no Docker engine answers at [unix:///var/run/x]"));
        assertEquals("the Docker launcher cannot be used: no Docker engine answers at [unix:///var/run/x]",
                e.getMessage());
        assertEquals(List.of("Docker: no Docker engine answers at [unix:///var/run/x]"), e.tried());
    }

    @Test
    void autoAndBinaryTakeTheLocalBinaryWhenThereIsOne() throws IOException {
        Path bin = ServerFinderTests.executable(tmp.resolve("bin/nats-server"));
        BinaryLauncher binary = new BinaryLauncher(null, ServerFinder.of(new Properties(),
                Map.of("PATH", bin.getParent().toString())));
        assertSame(binary, resolve(LauncherKind.AUTO, binary, null));
        assertSame(binary, resolve(LauncherKind.BINARY, binary, NO_DOCKER));
        assertEquals(bin, binary.locate().path());
    }

    @Test
    void autoWithAWrongExplicitPathFailsInsteadOfFallingBackToDocker() {
        Path missing = tmp.resolve("missing/nats-server");
        BinaryLauncher binary = new BinaryLauncher(missing, ServerFinder.of(new Properties(), Map.of()));
        // Docker "available": a fallback would try to create the Docker launcher instead of failing like this.
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class,
                () -> resolve(LauncherKind.AUTO, binary, null));
        assertTrue(e.configuredPathUnusable());
        assertEquals(List.of("the explicit server path: [" + missing + "] does not exist"), e.tried());
    }
}
