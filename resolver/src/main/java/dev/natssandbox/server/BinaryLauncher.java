package dev.natssandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.util.SecureFiles;
import io.nats.NatsServerRunner;
import io.nats.Output;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the local {@code nats-server} binary through jnats-server-runner, which starts the process and pumps its
 * output. Where the runner falls short this launcher works around it:
 * <ul>
 *   <li>The runner rewrites any {@code port:} line of a config file it is given and writes a temporary config that
 *   it never deletes. So it is given no config file: our config goes in {@code customArgs} as {@code --config},
 *   and our own {@code --port} (normally {@code -1}, "any free port") follows the runner's pre-picked
 *   {@code --port}, which it overrides (nats-server flags: the last one wins). The port the server really bound is
 *   read from its ports file.</li>
 *   <li>The runner decides readiness by sleeping and probing a TCP connect to the port it pre-picked; that is
 *   disabled ({@code skipConnectValidate}) and readiness is the server's own "Server is ready" line.</li>
 *   <li>The runner never force-kills and does not expose its {@link Process}; it is read from the runner's private
 *   field so that close can SIGTERM, wait, then SIGKILL, and a start failure can report the exit code.</li>
 * </ul>
 */
public final class BinaryLauncher implements ServerLauncher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on (\\S+):(\\d+)");

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

        ServerOutput output = new ServerOutput(spec.id(), spec.logFile());
        CompletableFuture<String> ready = output.expect(l -> l.contains("Server is ready"));
        List<String> args = List.of("--config", config.toString(), "--port", Integer.toString(spec.port()),
                "--ports_file_dir", portsDir.toString());
        String commandLine = binary.path() + " " + String.join(" ", args);
        NatsServerRunner runner;
        try {
            runner = NatsServerRunner.builder()
                    .executablePath(binary.path())
                    .customArgs(args)
                    .output(new RunnerOutput(output))
                    .processCheckWait(1L)
                    .processCheckTries(1)
                    .skipConnectValidate()
                    .fullErrorReportOnStartup(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            output.close();
            throw new ServerStartException("cannot start [" + commandLine + "] (found via " + binary.source()
                    + "): " + e.getMessage() + "\nconfig: " + config, output.tail(30), e);
        }
        // The command as run, with the runner's own --port before ours: what a person would paste to reproduce.
        commandLine = runner.getCmdLine();
        Process process = processOf(runner);
        Thread pump = pumpThread(process.pid());
        Thread watcher = new Thread(() -> {
            try {
                process.waitFor();
                if (pump != null) {
                    pump.join(5000); // the server's last words are still in the pipe when it exits
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            output.end();
        }, "nats-sandbox-" + spec.id() + "-watcher");
        watcher.setDaemon(true);
        watcher.start();
        BinaryServer server = new BinaryServer(spec.id(), binary.path(), commandLine, process, output, config,
                spec.logFile());
        try {
            // Registered before the wait, so that a JVM killed during startup leaves no unrecorded server.
            server.registered(ServerRegistry.register(spec.id(), server, process.pid(), null,
                    spec.orphanDirectory()));
            awaitReady(spec, ready, process, commandLine, config, output);
            // A reload renders for the bound port, and for JetStream exactly as launched.
            server.ready(new Listen(spec.host(), boundPort(portsDir, process.pid(), output), jsDir));
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static void awaitReady(LaunchSpec spec, CompletableFuture<String> ready, Process process,
                                   String commandLine, Path config, ServerOutput output) {
        try {
            CompletableFuture.anyOf(ready, process.onExit())
                    .get(spec.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServerStartException("nats-server did not report \"Server is ready\" within "
                    + spec.startupTimeout().toMillis() + " ms; command: [" + commandLine + "]; config: " + config,
                    output.tail(30), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while waiting for nats-server to start", e);
        } catch (ExecutionException e) {
            // the output ended: handled below through the exit code
        }
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            return;
        }
        int exit;
        try {
            exit = process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        // Let the output pump finish, so the tail holds the server's last words.
        try {
            output.ended().get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the tail is what it is
        }
        String reason = explain(output, spec.port());
        throw new ServerStartException("nats-server exited with code " + exit + " before it was ready"
                + (reason.isEmpty() ? "" : ": " + reason) + "; command: [" + commandLine + "]; config: " + config,
                output.tail(30), null);
    }

    private static String explain(ServerOutput output, int port) {
        if (output.tailContains("address already in use")) {
            return "port [" + port + "] is already in use; choose another port, or -1 to let the server pick a "
                    + "free one";
        }
        // nats-server reports configuration errors (parse errors, bad values, an unusable system account) on one
        // line, "nats-server: <error>", and exits.
        for (String line : output.tail(30)) {
            if (line.startsWith("nats-server: ")) {
                return "the server rejected its configuration (" + line.substring("nats-server: ".length()) + ")";
            }
        }
        return "";
    }

    private static int boundPort(Path portsDir, long pid, ServerOutput output) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(portsDir, "*_" + pid + ".ports")) {
            for (Path f : files) {
                JsonNode ports = JSON.readTree(Files.readAllBytes(f));
                JsonNode nats = ports.path("nats");
                if (nats.isArray() && !nats.isEmpty()) {
                    return URI.create(nats.get(0).asText()).getPort();
                }
            }
        } catch (IOException e) {
            // fall back to the log line
        }
        for (String line : output.tail(200)) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(2));
            }
        }
        throw new ServerStartException("nats-server is ready but neither its ports file in [" + portsDir
                + "] nor its log says which port it listens on", output.tail(30), null);
    }

    /** The runner's output pump thread is named "nats-server:pid(N)"; joined so that no output line is lost. */
    private static Thread pumpThread(long pid) {
        String name = "nats-server:pid(" + pid + ")";
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElse(null);
    }

    /** The runner keeps its Process private; reach it so that we can force-kill and read the exit code. */
    private static Process processOf(NatsServerRunner runner) {
        try {
            Field f = NatsServerRunner.class.getDeclaredField("process");
            f.setAccessible(true);
            return (Process) f.get(runner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new NatsSandboxException("this version of jnats-server-runner does not expose its process "
                    + "(field 'process' not readable: " + e + "); use jnats-server-runner 3.0.x", e);
        }
    }

    /** Feeds the runner's output lines into {@link ServerOutput}. */
    private static final class RunnerOutput implements Output {
        private final ServerOutput out;

        RunnerOutput(ServerOutput out) {
            this.out = out;
        }

        @Override
        public void setLevel(Level level) {
        }

        @Override
        public void error(Supplier<String> msg) {
            out.line(msg.get());
        }

        @Override
        public void error(String msg) {
            out.line(msg);
        }

        @Override
        public void warning(Supplier<String> msg) {
            out.line(msg.get());
        }

        @Override
        public void warning(String msg) {
            out.line(msg);
        }

        @Override
        public void info(Supplier<String> msg) {
            out.line(msg.get());
        }

        @Override
        public void info(String msg) {
            out.line(msg);
        }

        @Override
        public boolean isLogger() {
            return false;
        }

        @Override
        public Logger getLogger() {
            return null;
        }
    }
}
