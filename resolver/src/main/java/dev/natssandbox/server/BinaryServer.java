package dev.natssandbox.server;

import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.util.SecureFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A nats-server process on this machine. */
final class BinaryServer implements RunningServer {
    private final String id;
    private final Path binary;
    private final String commandLine;
    private final Process process;
    private final ServerOutput output;
    private final Path configFile;
    private final Path logFile;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Listen listen;
    private volatile ServerRegistry.Registration registration;

    BinaryServer(String id, Path binary, String commandLine, Process process, ServerOutput output, Path configFile,
                 Path logFile) {
        this.id = id;
        this.binary = binary;
        this.commandLine = commandLine;
        this.process = process;
        this.output = output;
        this.configFile = configFile;
        this.logFile = logFile;
    }

    void registered(ServerRegistry.Registration registration) {
        this.registration = registration;
    }

    /** @param listen where the server listens (the bound port), which a reload renders the configuration for */
    void ready(Listen listen) {
        this.listen = listen;
    }

    @Override
    public String clientUrl() {
        Listen l = listen;
        return l == null ? RunningServer.clientUrl(null, 0) : RunningServer.clientUrl(l.host(), l.port());
    }

    @Override
    public int port() {
        Listen l = listen;
        return l == null ? 0 : l.port();
    }

    @Override
    public boolean isAlive() {
        // The Process learns of the exit a moment after the operating system does; ask both, so that a death is
        // seen as soon as anything else on the machine can see it.
        return process.isAlive() && process.toHandle().isAlive();
    }

    @Override
    public void checkAlive() {
        if (closed.get()) {
            throw new NatsSandboxException("nats-server [" + id + "] was closed");
        }
        if (isAlive()) {
            return;
        }
        String exit = "unknown";
        try {
            exit = process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown";
            // The server's last words may still be in the pipe: let the output end before taking the tail.
            output.ended().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the tail is what it is
        }
        throw new ServerDiedException("nats-server [" + id + "] (pid " + process.pid() + ") is no longer running"
                + " (exit code " + exit + "); log: " + logFile, output.tail(20));
    }

    @Override
    public synchronized void reload(ConfigRenderer config) {
        checkAlive();
        String text = config.render(listen);
        byte[] previous = read(configFile);
        byte[] next = text.getBytes(StandardCharsets.UTF_8);
        Path rejected = configFile.resolveSibling(configFile.getFileName() + ".rejected");
        SecureFiles.writeSecret(configFile, next);
        boolean applied = false;
        try {
            awaitReload(rejected);
            applied = true;
        } finally {
            if (!applied && isAlive()) {
                // The server keeps running the previous configuration; so does the file, for whoever reads it.
                SecureFiles.writeSecret(configFile, previous);
                SecureFiles.writeSecret(rejected, next);
            }
        }
    }

    private void awaitReload(Path rejected) {
        String answer = output.awaitReload(this::signalReload, "the new configuration is kept in " + rejected,
                this::checkAlive);
        if (!ServerOutput.reloaded(answer)) {
            throw new ServerReloadException("nats-server [" + id + "] rejected the new configuration and keeps the "
                    + "previous one (" + configFile + "): " + answer + "\nrejected configuration: " + rejected, null);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot read [" + file + "]: " + e, e);
        }
    }

    /** SIGHUP through the server binary itself ({@code --signal reload=<pid>}); Java cannot send signals. */
    private void signalReload() {
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--signal", "reload=" + process.pid())
                .redirectErrorStream(true);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new ServerReloadException("cannot signal nats-server [" + id + "] to reload: ["
                        + String.join(" ", pb.command()) + "] said: " + new String(out, StandardCharsets.UTF_8).strip(),
                        null);
            }
        } catch (IOException e) {
            throw new ServerReloadException("cannot run [" + String.join(" ", pb.command()) + "]: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while signalling a reload", e);
        }
    }

    @Override
    public Path configFile() {
        return configFile;
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public List<String> logTail(int lines) {
        return output.tail(lines);
    }

    @Override
    public String description() {
        return commandLine + " (pid " + process.pid() + ")";
    }

    /** @return the server's process id */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (process.isAlive()) {
                ServerRegistry.stop(process.toHandle());
            }
        } finally {
            if (registration != null) {
                registration.close();
            }
            try {
                output.ended().get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the log is complete enough
            }
            output.close();
        }
    }

    @Override
    public String toString() {
        return "nats-server[" + id + " " + clientUrl() + " pid " + process.pid() + "]";
    }
}
