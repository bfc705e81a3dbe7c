package dev.natssandbox.internal.server.download;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the release host, laid out like it: {@code /releases/v<version>/<asset>} and
 * {@code /releases/v<version>/SHA256SUMS}, on 127.0.0.1. Counts the requests of every path.
 */
final class ReleaseServer implements AutoCloseable {
    private final HttpServer http;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch assetsReleased = new CountDownLatch(1);
    private volatile boolean holdAssets;

    ReleaseServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newCachedThreadPool());
        http.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = files.get(path);
            if (holdAssets && !path.endsWith("SHA256SUMS")) {
                try {
                    assetsReleased.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        http.start();
    }

    /** @return the base URL, like {@code https://github.com/nats-io/nats-server/releases/download} */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/releases");
    }

    /**
     * Publishes an asset and a SHA256SUMS line for it, as goreleaser writes them.
     *
     * @param version  the release
     * @param asset    the file name
     * @param served   the bytes served
     * @param checksum the bytes the checksum is computed from (differs from {@code served} for a corrupt download)
     */
    void publish(String version, String asset, byte[] served, byte[] checksum) {
        files.put("/releases/v" + version + "/" + asset, served);
        String sums = "0000000000000000000000000000000000000000000000000000000000000000  nats-server-v" + version
                + "-plan9-amd64.tar.gz\n" + sha256(checksum) + "  " + asset + "\n";
        files.put("/releases/v" + version + "/SHA256SUMS", sums.getBytes(StandardCharsets.UTF_8));
    }

    /** @param version a release whose SHA256SUMS lists only another platform */
    void publishChecksumsWithout(String version) {
        files.put("/releases/v" + version + "/SHA256SUMS", ("1111111111111111111111111111111111111111111111111111111111111111"
                + "  nats-server-v" + version + "-plan9-amd64.tar.gz\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Holds every asset response until {@link #releaseAssets()}: fetchers pile up behind the first one. */
    void holdAssets() {
        holdAssets = true;
    }

    void releaseAssets() {
        assetsReleased.countDown();
    }

    int requests(String version, String file) {
        AtomicInteger n = requests.get("/releases/v" + version + "/" + file);
        return n == null ? 0 : n.get();
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        releaseAssets();
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }
}
