package dev.natssandbox.internal.server;

import dev.natssandbox.server.ServerDiedException;
import dev.natssandbox.server.ServerReloadException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.util.SecureFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A nats-server process on this machine. */
final class BinaryServer extends ManagedServer {
    private final Path binary;
    private final String commandLine;
    private final Process process;

    BinaryServer(String id, Path binary, String commandLine, Process process, ServerOutput output, Path configFile,
                 Path logFile) {
        super(id, output, configFile, logFile);
        this.binary = binary;
        this.commandLine = commandLine;
        this.process = process;
    }

    /** @param listen where the server listens (the bound port), which a reload renders the configuration for */
    void ready(Listen listen) {
        listen(listen);
    }

    @Override
    public String clientUrl() {
        Listen l = listen();
        return l == null ? RunningServer.clientUrl(null, 0) : RunningServer.clientUrl(l.host(), l.port());
    }

    @Override
    public int port() {
        Listen l = listen();
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
        requireOpen();
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
                + " (exit code " + exit + "); log: " + logFile(), output.tail(20));
    }

    @Override
    public synchronized void reload(ConfigRenderer config) {
        checkAlive();
        Path configFile = configFile();
        byte[] previous = read(configFile);
        byte[] next = config.render(listen()).getBytes(StandardCharsets.UTF_8);
        Path rejected = configFile.resolveSibling(configFile.getFileName() + ".rejected");
        SecureFiles.writeSecret(configFile, next);
        boolean applied = false;
        try {
            awaitReload(this::signalReload, rejected);
            applied = true;
        } finally {
            if (!applied && isAlive()) {
                // The server keeps running the previous configuration; so does the file, for whoever reads it.
                SecureFiles.writeSecret(configFile, previous);
                SecureFiles.writeSecret(rejected, next);
            }
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
    public String description() {
        return commandLine + " (pid " + process.pid() + ")";
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(process.pid());
    }

    @Override
    protected boolean stop() {
        if (process.isAlive()) {
            ServerRegistry.stop(process.toHandle());
        }
        return true;
    }

    @Override
    public String toString() {
        return "nats-server[" + id + " " + clientUrl() + " pid " + process.pid() + "]";
    }
}
