package dev.natssandbox.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A nats-server process for one integration test class: started with {@code -c CONFIG --ports_file_dir DIR} (the
 * configuration says {@code port: -1}), ready once the server has written the port it bound into its ports file,
 * and killed by {@link #close()}. Output goes to {@code nats-server.log} next to the ports directory. Deliberately
 * minimal: the product's server runtime lives in the main code; this only serves the conformance tests.
 */
public final class NatsServerProcess implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NatsServerProcess(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /**
     * Starts the server and waits until it has written its ports file.
     *
     * @param binary the nats-server binary
     * @param config a configuration with {@code port: -1}
     * @param dir    a directory for the ports file and the log
     * @return the running server; close it
     */
    public static NatsServerProcess start(Path binary, Path config, Path dir) {
        return start(binary, config, dir, null);
    }

    /**
     * Starts the server in a working directory of its own and waits until it has written its ports file.
     *
     * @param binary     the nats-server binary
     * @param config     a configuration with {@code port: -1}
     * @param dir        a directory for the ports file and the log
     * @param workingDir the server's working directory, or {@code null} for this process's
     * @return the running server; close it
     */
    public static NatsServerProcess start(Path binary, Path config, Path dir, Path workingDir) {
        Path portsDir = dir.resolve("ports");
        Path log = dir.resolve("nats-server.log");
        List<String> command = List.of(binary.toString(), "-c", config.toString(), "--ports_file_dir",
                portsDir.toString());
        Process process = null;
        try (WatchService watcher = portsDir.getFileSystem().newWatchService()) {
            Files.createDirectories(portsDir);
            // Registered before the start, so that the ports file cannot be written unseen.
            portsDir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (workingDir != null) {
                pb.directory(workingDir.toFile());
            }
            process = pb.start();
            Instant deadline = Instant.now().plus(START_DEADLINE);
            while (true) {
                Optional<String> url = readPortsFile(portsDir, process.pid());
                if (url.isPresent()) {
                    return new NatsServerProcess(process, log, url.get());
                }
                if (!process.isAlive()) {
                    throw new AssertionError(command + " exited with code " + process.exitValue()
                            + " before it was ready; log " + log + ":\n" + tail(log));
                }
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative()) {
                    throw new AssertionError(command + " wrote no ports file into [" + portsDir + "] within "
                            + START_DEADLINE + "; log " + log + ":\n" + tail(log));
                }
                // Wakes on the ports file, or after a while to notice a server that died without writing one.
                var key = watcher.poll(Math.min(left.toMillis(), 500), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (IOException e) {
            kill(process);
            throw new UncheckedIOException("cannot start " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while starting " + command, e);
        } catch (RuntimeException | Error e) {
            kill(process);
            throw e;
        }
    }

    /**
     * What {@code nats-server -t -c CONFIG} said about a configuration.
     *
     * @param exitCode 0 when the server accepts the configuration
     * @param output   what it printed
     */
    public record ConfigCheck(int exitCode, String output) {
    }

    /**
     * Runs {@code nats-server -t -c CONFIG}: parses and checks the configuration (the operator and every preloaded
     * account JWT are decoded and verified) and exits.
     *
     * @param binary the nats-server binary
     * @param config the configuration file
     * @return the exit code and output
     */
    public static ConfigCheck checkConfig(Path binary, Path config) {
        List<String> command = List.of(binary.toString(), "-t", "-c", config.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes(); // until the process closes it by exiting
            if (!process.waitFor(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new AssertionError(command + " did not exit within " + START_DEADLINE);
            }
            return new ConfigCheck(process.exitValue(), new String(out, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** The ports file is {@code <executable>_<pid>.ports}: {@code {"nats":["nats://127.0.0.1:PORT"],…}}. */
    private static Optional<String> readPortsFile(Path dir, long pid) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*_" + pid + ".ports")) {
            for (Path file : files) {
                String text = Files.readString(file);
                if (text.isBlank()) {
                    continue; // created, not yet written
                }
                try {
                    JsonNode nats = JSON.readTree(text).path("nats");
                    if (nats.isArray() && !nats.isEmpty()) {
                        return Optional.of(nats.get(0).asText());
                    }
                } catch (IOException partlyWritten) {
                    // the next modify event brings the rest
                }
            }
        }
        return Optional.empty();
    }

    /** @return the client URL, e.g. {@code nats://127.0.0.1:41234} */
    public String url() {
        return url;
    }

    /** @return the server's log file */
    public Path log() {
        return log;
    }

    /** Stops the server: SIGTERM, a bounded wait, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
        }
    }

    private static void kill(Process process) {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param log a log file
     * @return its last 40 lines, for failure messages
     */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "nats-server pid " + process.pid() + " at " + url;
    }
}
