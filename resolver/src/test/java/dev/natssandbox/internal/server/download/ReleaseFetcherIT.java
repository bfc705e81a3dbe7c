package dev.natssandbox.internal.server.download;

import dev.natssandbox.server.ServerDownload;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.internal.sandbox.SandboxInternals;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.internal.server.BinaryLauncherProvider;
import dev.natssandbox.server.DockerSettings;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.internal.server.LauncherOptions;
import dev.natssandbox.internal.server.Launchers;
import dev.natssandbox.internal.server.ServerFinder;
import dev.natssandbox.internal.server.ServerLauncher;
import dev.natssandbox.internal.server.ServerLauncherProvider;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.RequiresNatsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The zero-install path, offline: a local HTTP server serves a release-shaped layout (archive + SHA256SUMS) built
 * here from the local nats-server binary, packed by the system's {@code tar} (an independent writer of the format).
 */
@RequiresNatsServer
class ReleaseFetcherIT {
    private static final String VERSION = "2.15.1";
    private static final Platform LINUX = new Platform("linux", "amd64");

    @TempDir
    Path tmp;

    private ReleaseServer releases;
    private byte[] binary;
    private byte[] tarGz;

    @BeforeEach
    void publishARelease() throws Exception {
        binary = Files.readAllBytes(ExternalTools.natsServer());
        tarGz = tarGz(LINUX.directory(VERSION), "nats-server", binary);
        releases = new ReleaseServer();
    }

    @AfterEach
    void stop() {
        releases.close();
    }

    private ServerDownload download() {
        return ServerDownload.fromEnvironment(new Properties(), Map.of()).enable().withBaseUrl(releases.baseUrl())
                .withVersion(VERSION).withCacheDirectory(tmp.resolve("cache"));
    }

    @Test
    void fetchesVerifiesExtractsAndCachesTheBinaryThatThenRuns() throws Exception {
        releases.publish(VERSION, LINUX.asset(VERSION), tarGz, tarGz);
        ReleaseFetcher fetcher = new ReleaseFetcher(download(), LINUX);

        Path fetched = fetcher.fetch();

        assertEquals(tmp.resolve("cache/nats-server/v2.15.1/linux-amd64/nats-server"), fetched);
        assertArrayEquals(binary, Files.readAllBytes(fetched));
        Process p = new ProcessBuilder(fetched.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        assertTrue(out.startsWith("nats-server: v"), out);
        assertEquals(List.of(".lock", "nats-server"), listing(fetched.getParent()), "no temporary file left");

        assertEquals(fetched, new ReleaseFetcher(download(), LINUX).fetch());
        assertEquals(1, releases.requests(VERSION, LINUX.asset(VERSION)), "the second fetch uses the cache");
        assertEquals(1, releases.requests(VERSION, "SHA256SUMS"));
    }

    @Test
    void withNothingInstalledAndDockerUnusableTheSandboxRunsOnAFetchedRelease() {
        Platform here = Platform.current();
        releases.publish(VERSION, here.asset(VERSION), tarGz, tarGz);
        LauncherOptions options = new LauncherOptions(null, DockerSettings.fromEnvironment(new Properties(),
                Map.of()), download());
        ServerLauncherProvider nothingInstalled = new BinaryLauncherProvider(ServerFinder.of(new Properties(),
                Map.of()));
        ServerLauncher chosen = Launchers.resolve(LauncherKind.AUTO, options, List.of(nothingInstalled,
                new DownloadLauncherProvider()));
        SandboxSpec spec = SandboxSpec.operator("Op").account("A", a -> a.user("u", u -> u.allowPub("ok")))
                .build();

        try (Sandbox sandbox = SandboxInternals.door().launcher(Sandbox.builder(spec), chosen)
                .keepFiles(KeepFiles.NEVER).baseDirectory(tmp.resolve("sandboxes")).start()) {
            assertTrue(sandbox.serverDescription().startsWith(new ReleaseFetcher(download(), here).cachedBinary()
                    + " "), sandbox.serverDescription());
            assertTrue(sandbox.probe().publish("u", "ok").allowed());
            assertFalse(sandbox.probe().publish("u", "denied").allowed());
        }
    }

    @Test
    void takesTheBinaryOutOfAZipOnWindows() throws Exception {
        Platform windows = new Platform("windows", "amd64");
        byte[] zip = zip(windows.directory(VERSION) + "/nats-server.exe", binary);
        releases.publish(VERSION, windows.asset(VERSION), zip, zip);

        Path fetched = new ReleaseFetcher(download(), windows).fetch();

        assertEquals("nats-server-v2.15.1-windows-amd64.zip", windows.asset(VERSION));
        assertEquals(tmp.resolve("cache/nats-server/v2.15.1/windows-amd64/nats-server.exe"), fetched);
        assertArrayEquals(binary, Files.readAllBytes(fetched));
    }

    @Test
    void aCorruptedDownloadIsRefusedAndLeavesNothingInTheCache() throws IOException {
        byte[] corrupt = tarGz.clone();
        corrupt[corrupt.length / 2] ^= 0x40;
        releases.publish(VERSION, LINUX.asset(VERSION), corrupt, tarGz);
        ReleaseFetcher fetcher = new ReleaseFetcher(download(), LINUX);

        NatsSandboxException e = assertThrows(NatsSandboxException.class, fetcher::fetch);

        assertTrue(e.getMessage().startsWith("cannot fetch nats-server v2.15.1 for linux-amd64: the SHA-256 of ["
                + fetcher.assetUrl() + "] is [" + ReleaseServer.sha256(corrupt) + "], but the release's SHA256SUMS ("
                + fetcher.checksumsUrl() + ") says [" + ReleaseServer.sha256(tarGz) + "]"), e.getMessage());
        assertTrue(e.getMessage().contains(". To fix: try again; if it persists, check the base URL"), e.getMessage());
        assertEquals(List.of(".lock"), listing(fetcher.cachedBinary().getParent()));
    }

    @Test
    void aChecksumFileWithoutTheArchiveIsRefusedBeforeDownloadingIt() throws IOException {
        releases.publishChecksumsWithout(VERSION);
        ReleaseFetcher fetcher = new ReleaseFetcher(download(), LINUX);

        NatsSandboxException e = assertThrows(NatsSandboxException.class, fetcher::fetch);

        assertTrue(e.getMessage().startsWith("cannot fetch nats-server v2.15.1 for linux-amd64: ["
                + fetcher.checksumsUrl() + "] lists no checksum for [nats-server-v2.15.1-linux-amd64.tar.gz]. To "
                + "fix: check that nats-server v2.15.1 is published for linux-amd64, or pin another version "
                + "(natssandbox.server.download.version)"), e.getMessage());
        assertEquals(0, releases.requests(VERSION, LINUX.asset(VERSION)));
        assertEquals(List.of(".lock"), listing(fetcher.cachedBinary().getParent()));
    }

    @Test
    void anArchiveWithoutTheBinaryIsRefused() throws Exception {
        byte[] other = tarGz(LINUX.directory(VERSION), "README.md", "not a server".getBytes(StandardCharsets.UTF_8));
        releases.publish(VERSION, LINUX.asset(VERSION), other, other);
        ReleaseFetcher fetcher = new ReleaseFetcher(download(), LINUX);

        NatsSandboxException e = assertThrows(NatsSandboxException.class, fetcher::fetch);

        assertTrue(e.getMessage().contains("the archive [" + fetcher.assetUrl() + "] holds no [nats-server]"),
                e.getMessage());
        assertFalse(Files.exists(fetcher.cachedBinary()));
    }

    @Test
    void anUnpublishedVersionNamesTheUrlTheVersionAndTheFix() {
        ReleaseFetcher fetcher = new ReleaseFetcher(download().withVersion("2.99.0"), LINUX);

        NatsSandboxException e = assertThrows(NatsSandboxException.class, fetcher::fetch);

        assertTrue(e.getMessage().startsWith("cannot fetch nats-server v2.99.0 for linux-amd64: ["
                + releases.baseUrl() + "/v2.99.0/SHA256SUMS] answered HTTP 404. To fix: check that nats-server "
                + "v2.99.0 exists and is published for linux-amd64 (pin another version with "
                + "natssandbox.server.download.version), and the base URL (natssandbox.server.download.baseUrl)"),
                e.getMessage());
    }

    @Test
    void concurrentFetchersInThisAndOtherJvmsDownloadOnce() throws Exception {
        releases.publish(VERSION, LINUX.asset(VERSION), tarGz, tarGz);
        releases.holdAssets();
        int threads = 4;
        CountDownLatch started = new CountDownLatch(threads);
        List<Process> children = new ArrayList<>();
        List<BufferedReader> said = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < 2; i++) {
                Process c = child();
                children.add(c);
                said.add(new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8)));
            }
            List<Future<Path>> fetches = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                fetches.add(pool.submit(() -> {
                    started.countDown();
                    return new ReleaseFetcher(download(), LINUX).fetch();
                }));
            }
            assertTrue(started.await(30, TimeUnit.SECONDS), "every fetcher thread started");
            for (BufferedReader r : said) {
                assertEquals("ready", r.readLine(), "each child says ready just before it fetches");
            }
            releases.releaseAssets();

            Path expected = new ReleaseFetcher(download(), LINUX).cachedBinary();
            for (Future<Path> f : fetches) {
                assertEquals(expected, f.get(60, TimeUnit.SECONDS));
            }
            for (int i = 0; i < children.size(); i++) {
                String out = said.get(i).readLine();
                Process c = children.get(i);
                assertTrue(c.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
                assertEquals(0, c.exitValue(), out);
                assertEquals(expected.toString(), out);
            }
            assertEquals(1, releases.requests(VERSION, LINUX.asset(VERSION)), "one download for every fetcher");
            assertArrayEquals(binary, Files.readAllBytes(expected));
            assertEquals(List.of(".lock", "nats-server"), listing(expected.getParent()));
        } finally {
            pool.shutdownNow();
            children.forEach(Process::destroyForcibly);
        }
    }

    private Process child() throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FetchMain.class.getName(), releases.baseUrl().toString(),
                VERSION, tmp.resolve("cache").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A release archive as goreleaser makes it: the files wrapped in one directory, packed by tar. */
    private byte[] tarGz(String directory, String file, byte[] content) throws Exception {
        Path root = Files.createTempDirectory(tmp, "archive-");
        Path dir = Files.createDirectories(root.resolve(directory));
        Files.write(dir.resolve(file), content);
        Files.writeString(dir.resolve("LICENSE"), "license text\n");
        Path out = root.resolve("out.tar.gz");
        Process p = new ProcessBuilder("tar", "--format=ustar", "-czf", out.toString(), "-C", root.toString(),
                directory).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, said);
        return Files.readAllBytes(out);
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(name.substring(0, name.indexOf('/') + 1)));
            z.closeEntry();
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return bytes.toByteArray();
    }
}
