package dev.natssandbox.samples.bench;

import io.nats.client.Connection;
import io.nats.client.Nats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A nats-server started bare: no config file, no auth, a port of its own choosing on loopback, ready when it logs
 * "Server is ready" (the signal the sandbox waits for too), then two plain connections. The baseline of
 * {@code cold_start_vs_bare_ratio}.
 */
final class BareServer {
    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on ([^\\s]+):(\\d+)");

    private BareServer() {
    }

    /**
     * @param binary the nats-server binary
     * @return the time to two connections and the time to ready, in ms
     * @throws IOException when the server cannot be started or says nothing usable
     */
    static double[] start(Path binary) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(binary.toString(), "-a", "127.0.0.1", "-p", "-1")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String url = null;
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    url = "nats://" + m.group(1) + ":" + m.group(2);
                }
                if (line.contains("Server is ready")) {
                    break;
                }
            }
            if (line == null || url == null) {
                throw new IOException(binary + " exited with code " + process.waitFor() + " before it was ready");
            }
            long ready = System.nanoTime() - start;
            try (Connection a = Nats.connect(url); Connection b = Nats.connect(url)) {
                long elapsed = System.nanoTime() - start;
                return new double[] {elapsed / 1e6, ready / 1e6};
            }
        } finally {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
