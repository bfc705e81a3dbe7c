package dev.natssandbox.internal.server;

import dev.natssandbox.server.ServerNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerFinderTests {
    @TempDir
    Path tmp;

    private final Properties properties = new Properties();
    private final Map<String, String> env = new HashMap<>();
    private Path explicitBinary;
    private Path propertyBinary;
    private Path envBinary;
    private Path pathDir;

    @BeforeEach
    void fourUsableBinaries() throws IOException {
        explicitBinary = executable(tmp.resolve("explicit/nats-server"));
        propertyBinary = executable(tmp.resolve("property/nats-server"));
        envBinary = executable(tmp.resolve("env/nats-server"));
        pathDir = tmp.resolve("bin");
        executable(pathDir.resolve(ServerFinder.BINARY));
    }

    private ServerFinder finder() {
        return ServerFinder.of(properties, env);
    }

    private void setAllSources() {
        properties.setProperty(ServerFinder.PROPERTY, propertyBinary.toString());
        env.put(ServerFinder.ENV, envBinary.toString());
        env.put("PATH", pathDir.toString());
    }

    @Test
    void anExplicitPathComesFirst() {
        setAllSources();
        ServerFinder.Found found = finder().find(explicitBinary);
        assertEquals(explicitBinary.toAbsolutePath(), found.path());
        assertEquals("the explicit server path", found.source());
    }

    @Test
    void theSystemPropertyComesBeforeTheEnvironmentAndPath() {
        setAllSources();
        ServerFinder.Found found = finder().find(null);
        assertEquals(propertyBinary, found.path());
        assertEquals("system property natssandbox.server.path", found.source());
    }

    @Test
    void theEnvironmentVariableComesBeforePath() {
        setAllSources();
        properties.remove(ServerFinder.PROPERTY);
        ServerFinder.Found found = finder().find(null);
        assertEquals(envBinary, found.path());
        assertEquals("environment variable NATS_SERVER_PATH", found.source());
    }

    @Test
    void aBlankPropertyOrVariableCountsAsNotSet() {
        setAllSources();
        properties.setProperty(ServerFinder.PROPERTY, "  ");
        env.put(ServerFinder.ENV, "");
        ServerFinder.Found found = finder().find(null);
        assertEquals(pathDir.resolve(ServerFinder.BINARY), found.path());
        assertEquals("PATH (" + pathDir + ")", found.source());
    }

    @Test
    void pathIsSearchedInOrderSkippingBlankEntriesAndUnusableCandidates() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path notExecutable = nonExecutable(tmp.resolve("noexec/nats-server"));
        Path aDirectory = Files.createDirectories(tmp.resolve("dirbin/nats-server"));
        Path second = executable(tmp.resolve("second/nats-server"));
        env.put("PATH", String.join(File.pathSeparator, empty.toString(), "", notExecutable.getParent().toString(),
                aDirectory.getParent().toString(), pathDir.toString(), second.getParent().toString()));
        assertEquals(pathDir.resolve(ServerFinder.BINARY), finder().find(null).path());
    }

    @Test
    void nothingFoundListsEveryPlaceTriedAndHowToInstall() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        env.put("PATH", a + File.pathSeparator + b);

        ServerNotFoundException e = assertThrows(ServerNotFoundException.class, () -> finder().find(null));

        List<String> tried = List.of(
                "explicit server path: not given",
                "system property natssandbox.server.path: not set",
                "environment variable NATS_SERVER_PATH: not set",
                "PATH: no executable nats-server in [" + a + ", " + b + "]");
        assertEquals(tried, e.tried());
        assertEquals("nats-server not found; tried: " + String.join("; ", tried) + ". To fix: "
                + ServerFinder.INSTALL_HINT, e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install nats-server"), e.getMessage());
        assertTrue(e.getMessage().contains("natssandbox.server.path / NATS_SERVER_PATH"), e.getMessage());
    }

    @Test
    void anEmptyPathIsNamedAsSuch() {
        ServerNotFoundException e = assertThrows(ServerNotFoundException.class, () -> finder().find(null));
        assertEquals("PATH: no executable nats-server in (PATH is empty)", e.tried().get(3));
    }

    /** Where a wrong path is given; the finder must not fall through to later sources. */
    enum Source {
        EXPLICIT("the explicit server path"),
        PROPERTY("system property natssandbox.server.path"),
        ENV("environment variable NATS_SERVER_PATH");

        final String label;

        Source(String label) {
            this.label = label;
        }
    }

    @Nested
    class Failures {
        private ServerNotFoundException findWith(Source source, Path wrong) {
            // Every later source is usable: the error proves that none of them was taken instead.
            setAllSources();
            Path explicit = null;
            switch (source) {
                case EXPLICIT -> explicit = wrong;
                case PROPERTY -> properties.setProperty(ServerFinder.PROPERTY, wrong.toString());
                case ENV -> {
                    properties.remove(ServerFinder.PROPERTY);
                    env.put(ServerFinder.ENV, wrong.toString());
                }
            }
            Path given = explicit;
            return assertThrows(ServerNotFoundException.class, () -> finder().find(given));
        }

        @ParameterizedTest
        @EnumSource(Source.class)
        void aMissingFileIsReportedWithoutFallingThrough(Source source) {
            Path missing = tmp.resolve("nowhere/nats-server");
            ServerNotFoundException e = findWith(source, missing);
            String problem = source.label + ": [" + missing + "] does not exist";
            assertEquals(problem, e.tried().get(e.tried().size() - 1));
            assertEquals("nats-server not usable: " + problem + ". Fix the path or unset it to search further; "
                    + "otherwise " + ServerFinder.INSTALL_HINT, e.getMessage());
            assertTrue(e.configuredPathUnusable());
        }

        @ParameterizedTest
        @EnumSource(Source.class)
        void aDirectoryIsReportedWithoutFallingThrough(Source source) throws IOException {
            Path dir = Files.createDirectories(tmp.resolve("a-directory"));
            ServerNotFoundException e = findWith(source, dir);
            assertEquals(source.label + ": [" + dir + "] is a directory; give the path of the nats-server binary "
                    + "itself", e.tried().get(e.tried().size() - 1));
            assertTrue(e.getMessage().contains("[" + dir + "] is a directory"), e.getMessage());
        }

        @ParameterizedTest
        @EnumSource(Source.class)
        void aFileThatIsNotExecutableIsReportedWithoutFallingThrough(Source source) throws IOException {
            Path file = nonExecutable(tmp.resolve("plain/nats-server"));
            ServerNotFoundException e = findWith(source, file);
            assertEquals(source.label + ": [" + file + "] is not executable (chmod +x it)",
                    e.tried().get(e.tried().size() - 1));
            assertTrue(e.getMessage().contains("[" + file + "] is not executable"), e.getMessage());
        }

        @Test
        void theSourcesBeforeTheWrongOneAreListedAsTried() {
            ServerNotFoundException e = findWith(Source.ENV, tmp.resolve("missing"));
            assertEquals(List.of("explicit server path: not given", "system property natssandbox.server.path: not set",
                    "environment variable NATS_SERVER_PATH: [" + tmp.resolve("missing") + "] does not exist"),
                    e.tried());
        }
    }

    static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Path nonExecutable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not a program\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
