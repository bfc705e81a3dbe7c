package dev.natssandbox.internal.server;

import dev.natssandbox.server.ServerNotFoundException;
import dev.natssandbox.server.ServerStartException;
import dev.natssandbox.server.ServerVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.internal.util.SecureFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the local {@code nats-server} binary as a child process ({@link ProcessBuilder}): the server is given our
 * config and {@code --port} (normally {@code -1}, "any free port"), the port it bound is read from its ports file,
 * readiness is its own "Server is ready" line, and its output (stdout and stderr) is pumped into the sandbox log by
 * a thread of ours that ends the output when the process closes it. See CONTRIBUTING.md for why this is not done
 * through jnats-server-runner.
 */
public final class BinaryLauncher implements ServerLauncher {
    static final Set<LauncherCapability> CAPABILITIES = Set.of(LauncherCapability.LOCAL_PROCESS,
            LauncherCapability.REACHES_HOST_LOOPBACK, LauncherCapability.SHARES_SANDBOX_DIRECTORY);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentMap<String, Optional<ServerVersion>> VERSIONS = new ConcurrentHashMap<>();

    private final Path explicitPath;
    private final ServerFinder finder;

    /**
     * @param explicitPath the binary to use, or {@code null} to search (see {@link ServerFinder})
     * @param finder       the finder
     */
    public BinaryLauncher(Path explicitPath, ServerFinder finder) {
        this.explicitPath = explicitPath;
        this.finder = finder;
    }

    /**
     * @return where the binary is, or a {@link ServerNotFoundException} listing every place tried
     */
    public ServerFinder.Found locate() {
        return finder.find(explicitPath);
    }

    @Override
    public String name() {
        return "binary";
    }

    /**
     * Asks the binary ({@code nats-server --version}, which prints one line and exits at once).
     *
     * @return the version of the binary this launcher finds, or empty when it cannot be read
     * @throws ServerNotFoundException when no binary is found
     */
    @Override
    public Optional<ServerVersion> version() {
        return versionOf(locate().path());
    }

    /**
     * @return what {@code <binary> --version} prints, parsed; empty when it does not answer within 10 s. Asked once
     *         per binary and modification time: a start that needs the version pays for one process, not every start
     */
    static Optional<ServerVersion> versionOf(Path binary) {
        String key;
        try {
            key = binary.toRealPath() + "@" + Files.getLastModifiedTime(binary).toMillis();
        } catch (IOException e) {
            return askVersion(binary);
        }
        return VERSIONS.computeIfAbsent(key, k -> askVersion(binary));
    }

    private static Optional<ServerVersion> askVersion(Path binary) {
        Process p;
        try {
            p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p));
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
            return ServerVersion.find(new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (IOException | ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            p.destroyForcibly();
        }
    }

    private static byte[] readAll(Process p) {
        try (var in = p.getInputStream()) {
            return in.readNBytes(4096);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Override
    public Set<LauncherCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public RunningServer start(LaunchSpec spec) {
        ServerRegistry.reapOrphansBeforeLaunch(spec.port());
        ServerFinder.Found binary = locate();
        Path dir = spec.directory();
        Path config = dir.resolve("server.conf");
        Path portsDir = SecureFiles.createPrivateDirectories(dir.resolve("ports"));
        String jsDir = spec.jetStream() ? dir.resolve("jetstream").toString() : null;
        Listen listen = new Listen(spec.host(), spec.port(), jsDir);
        SecureFiles.writeSecret(config, spec.config().render(listen).getBytes(StandardCharsets.UTF_8));

        List<String> command = new ArrayList<>(List.of(binary.path().toString(), "--config", config.toString(),
                "--port", Integer.toString(spec.port()), "--ports_file_dir", portsDir.toString()));
        String commandLine = String.join(" ", command);
        ServerOutput output = new ServerOutput(spec.id(), spec.logFile());
        var ready = Readiness.expectReady(output);
        // The log says how the server was started, so that it can be reproduced from the log alone.
        output.line("starting: " + commandLine);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            output.end();
            output.close();
            throw new ServerStartException("cannot start [" + commandLine + "] (found via " + binary.source()
                    + "): " + e.getMessage() + "\nconfig: " + config, output.tail(30), e);
        }
        pump(process, output, spec.id());
        BinaryServer server = new BinaryServer(spec.id(), binary.path(), commandLine, process, output, config,
                spec.logFile());
        try {
            // Registered before the wait, so that a JVM killed during startup leaves no unrecorded server.
            server.registered(ServerRegistry.register(spec.id(), server, process.pid(), null,
                    spec.orphanDirectory()));
            Readiness.await(spec, ready, process.onExit(), output, "command: [" + commandLine + "]; config: "
                    + config, () -> "exited with code " + exitCode(process));
            // A reload renders for the bound port, and for JetStream exactly as launched.
            server.ready(new Listen(spec.host(), boundPort(portsDir, process.pid(), output, commandLine, config),
                    jsDir));
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Copies the server's output, line by line, into {@code output}; the end of the stream ends the output. */
    private static void pump(Process process, ServerOutput output, String id) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.line(line);
                }
            } catch (IOException e) {
                // the stream closed under us: the process is gone
            } finally {
                output.end();
            }
        }, "nats-sandbox-" + id + "-output");
        t.setDaemon(true);
        t.start();
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static int boundPort(Path portsDir, long pid, ServerOutput output, String commandLine, Path config) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(portsDir, "*_" + pid + ".ports")) {
            for (Path f : files) {
                JsonNode nats = JSON.readTree(Files.readAllBytes(f)).path("nats");
                if (nats.isArray() && !nats.isEmpty()) {
                    return URI.create(nats.get(0).asText()).getPort();
                }
            }
        } catch (IOException e) {
            // fall back to the log line
        }
        return Readiness.portFromLog(output, "command: [" + commandLine + "]; ports file directory: " + portsDir,
                config);
    }
}
