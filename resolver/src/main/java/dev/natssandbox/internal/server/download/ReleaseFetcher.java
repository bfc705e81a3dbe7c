package dev.natssandbox.internal.server.download;

import dev.natssandbox.server.ServerDownload;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.server.ServerFinder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fetches a nats-server release into the cache: {@code SHA256SUMS} and the archive for the platform from
 * {@code <baseUrl>/v<version>/}, the archive's SHA-256 checked against the published one, the binary extracted and
 * moved into place atomically. Several JVMs (and threads) may fetch at once: they take a file lock in the version's
 * cache directory, and whoever comes second finds the binary already there. A binary in the cache is complete,
 * because it only appears by an atomic move.
 */
public final class ReleaseFetcher {
    private static final System.Logger LOG = System.getLogger(ReleaseFetcher.class.getName());
    /** File locks are held per JVM, so threads of one JVM queue here first. */
    private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final ServerDownload settings;
    private final Platform platform;
    private final HttpClient http;

    /**
     * @param settings version, base URL and cache directory
     * @param platform the platform to fetch for
     */
    public ReleaseFetcher(ServerDownload settings, Platform platform) {
        this.settings = settings;
        this.platform = platform;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** @return where the binary of this version and platform is kept */
    public Path cachedBinary() {
        return settings.cacheDirectory().resolve("nats-server").resolve("v" + settings.version())
                .resolve(platform.toString()).resolve(platform.binary());
    }

    /** @return the archive's URL */
    public URI assetUrl() {
        return release().resolve(platform.asset(settings.version()));
    }

    /** @return the checksum file's URL */
    public URI checksumsUrl() {
        return release().resolve("SHA256SUMS");
    }

    private URI release() {
        String base = settings.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "v" + settings.version() + "/");
    }

    /**
     * @return the binary, fetched unless it is in the cache already
     * @throws NatsSandboxException naming the URL, the version and the fix when it cannot be fetched or verified
     */
    public Path fetch() {
        Path binary = cachedBinary();
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Path dir = binary.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw failure("cannot create the cache directory [" + dir + "]: " + e, "make it writable, or point "
                    + "XDG_CACHE_HOME elsewhere", e);
        }
        ReentrantLock local = IN_JVM.computeIfAbsent(dir, d -> new ReentrantLock());
        local.lock();
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.isExecutable(binary)) {
                return binary; // another JVM fetched it while this one waited
            }
            download(dir, binary);
            return binary;
        } catch (IOException e) {
            throw failure("cannot lock the cache directory [" + dir + "]: " + e, "make it writable, or point "
                    + "XDG_CACHE_HOME elsewhere", e);
        } finally {
            local.unlock();
        }
    }

    private void download(Path dir, Path binary) {
        String asset = platform.asset(settings.version());
        String expected = expectedDigest(asset);
        Path archive = null;
        Path extracted = null;
        try {
            archive = Files.createTempFile(dir, ".download-", ".part");
            String actual = get(assetUrl(), archive);
            if (!actual.equalsIgnoreCase(expected)) {
                throw failure("the SHA-256 of [" + assetUrl() + "] is [" + actual + "], but the release's "
                        + "SHA256SUMS (" + checksumsUrl() + ") says [" + expected + "]; the download is corrupt or "
                        + "was altered", "try again; if it persists, check the base URL ("
                        + ServerDownload.BASE_URL_PROPERTY + ") and any proxy between you and it", null);
            }
            extracted = Files.createTempFile(dir, ".extract-", ".part");
            boolean found;
            try {
                found = Archives.extract(archive, asset.endsWith(".zip"), platform.binary(), extracted);
            } catch (IOException e) {
                throw failure("cannot read the archive [" + assetUrl() + "]: " + e.getMessage(), "check that the "
                        + "base URL serves nats-server releases as published", e);
            }
            if (!found) {
                throw failure("the archive [" + assetUrl() + "] holds no [" + platform.binary() + "]",
                        "check that the base URL serves nats-server releases as published", null);
            }
            if (!extracted.toFile().setExecutable(true, false)) {
                throw failure("cannot make [" + extracted + "] executable", "check the cache directory's file "
                        + "system", null);
            }
            Files.move(extracted, binary, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(System.Logger.Level.INFO, "fetched nats-server v" + settings.version() + " for " + platform
                    + " from " + assetUrl() + " into " + binary);
        } catch (IOException e) {
            throw failure("cannot store the download in [" + dir + "]: " + e, "check the cache directory's free "
                    + "space and permissions", e);
        } finally {
            deleteQuietly(archive);
            deleteQuietly(extracted);
        }
    }

    private String expectedDigest(String asset) {
        String sums = new String(getBytes(checksumsUrl()), StandardCharsets.UTF_8);
        // goreleaser's format, like sha256sum's: "<hex>  <file>" per line, a '*' before the name in binary mode.
        for (String line : sums.split("\n")) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[1].replaceFirst("^\\*", "").equals(asset)) {
                if (!parts[0].matches("[0-9a-fA-F]{64}")) {
                    throw failure("the checksum of [" + asset + "] in [" + checksumsUrl() + "] is not a SHA-256 (["
                            + parts[0] + "])", "check that the base URL serves nats-server releases as published",
                            null);
                }
                return parts[0];
            }
        }
        throw failure("[" + checksumsUrl() + "] lists no checksum for [" + asset + "]", "check that nats-server v"
                + settings.version() + " is published for " + platform + ", or pin another version ("
                + ServerDownload.VERSION_PROPERTY + ")", null);
    }

    private byte[] getBytes(URI url) {
        try {
            HttpResponse<byte[]> r = http.send(request(url), HttpResponse.BodyHandlers.ofByteArray());
            requireOk(url, r.statusCode());
            return r.body();
        } catch (IOException e) {
            throw unreachable(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while fetching [" + url + "]", e);
        }
    }

    /** Streams {@code url} into {@code file}; returns the SHA-256 of what arrived. */
    private String get(URI url, Path file) {
        try {
            HttpResponse<InputStream> r = http.send(request(url), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                requireOk(url, r.statusCode());
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new DigestInputStream(body, sha); OutputStream out = Files.newOutputStream(file)) {
                    in.transferTo(out);
                }
                return HexFormat.of().formatHex(sha.digest());
            }
        } catch (IOException e) {
            throw unreachable(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while fetching [" + url + "]", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static HttpRequest request(URI url) {
        return HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
    }

    private void requireOk(URI url, int status) {
        if (status != 200) {
            throw failure("[" + url + "] answered HTTP " + status, status == 404 ? "check that nats-server v"
                    + settings.version() + " exists and is published for " + platform + " (pin another version with "
                    + ServerDownload.VERSION_PROPERTY + "), and the base URL (" + ServerDownload.BASE_URL_PROPERTY
                    + ")" : "try again later, or use a mirror (" + ServerDownload.BASE_URL_PROPERTY + ")", null);
        }
    }

    private NatsSandboxException unreachable(URI url, IOException e) {
        return failure("cannot fetch [" + url + "]: " + e, "check the network and the base URL ("
                + ServerDownload.BASE_URL_PROPERTY + " / " + ServerDownload.BASE_URL_ENV + ")", e);
    }

    private NatsSandboxException failure(String what, String fix, Throwable cause) {
        return new NatsSandboxException("cannot fetch nats-server v" + settings.version() + " for " + platform
                + ": " + what + ". To fix: " + fix + "; or " + ServerFinder.INSTALL_HINT, cause);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot delete [" + p + "]: " + e);
            }
        }
    }
}
