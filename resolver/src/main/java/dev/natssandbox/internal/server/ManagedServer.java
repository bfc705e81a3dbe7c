package dev.natssandbox.internal.server;

import dev.natssandbox.server.ServerReloadException;
import dev.natssandbox.NatsSandboxException;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every launched server has in common, whatever runs it: its output and files, the registry entry that lets
 * the next JVM reap it, the listen address a reload renders for, the reload answer, and an idempotent close. A
 * launcher's server says only how to stop and signal its process or container.
 */
public abstract class ManagedServer implements RunningServer {
    /** The instance id, in messages and log lines. */
    protected final String id;
    /** The server's output: log file, tail and waiters. */
    protected final ServerOutput output;
    private final Path configFile;
    private final Path logFile;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Listen listen;
    private volatile ServerRegistry.Registration registration;

    /**
     * @param id         instance id
     * @param output     the server's output
     * @param configFile the configuration file on this machine
     * @param logFile    the log file
     */
    protected ManagedServer(String id, ServerOutput output, Path configFile, Path logFile) {
        this.id = id;
        this.output = output;
        this.configFile = configFile;
        this.logFile = logFile;
    }

    /**
     * @param registration the server's entry in the {@link ServerRegistry}, closed with the server
     */
    public final void registered(ServerRegistry.Registration registration) {
        this.registration = registration;
    }

    /**
     * @param listen where the server listens (the bound port), which a reload renders the configuration for
     */
    protected final void listen(Listen listen) {
        this.listen = listen;
    }

    /** @return where the server listens, or {@code null} before it is ready */
    protected final Listen listen() {
        return listen;
    }

    /** @return whether {@link #close()} was called */
    protected final boolean isClosed() {
        return closed.get();
    }

    /** @throws NatsSandboxException when the server was closed */
    protected final void requireOpen() {
        if (closed.get()) {
            throw new NatsSandboxException("nats-server [" + id + "] was closed");
        }
    }

    /**
     * Signals a reload and waits for the server's answer.
     *
     * @param signal    sends the reload signal
     * @param newConfig where the new configuration can be read when the server does not take it
     * @throws ServerReloadException when the server refuses the configuration (it keeps the previous one)
     */
    protected final void awaitReload(Runnable signal, Path newConfig) {
        String answer = output.awaitReload(signal, "the new configuration is kept in " + newConfig,
                this::checkAlive);
        if (!ServerOutput.reloaded(answer)) {
            throw new ServerReloadException("nats-server [" + id + "] rejected the new configuration and keeps the "
                    + "previous one (" + configFile + "): " + answer + "\nrejected configuration: " + newConfig,
                    null);
        }
    }

    @Override
    public final Path configFile() {
        return configFile;
    }

    @Override
    public final Path logFile() {
        return logFile;
    }

    @Override
    public final List<String> logTail(int lines) {
        return output.tail(lines);
    }

    /**
     * Stops the process or container (SIGTERM, a bounded wait, then a forced kill).
     *
     * @return whether the registry entry may be removed; {@code false} leaves it so that the next sandbox retries
     */
    protected abstract boolean stop();

    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean stopped = false;
        try {
            stopped = stop();
        } finally {
            ServerRegistry.Registration r = registration;
            if (r != null && stopped) {
                r.close();
            }
            try {
                // The server's last words may still be on their way to the log.
                output.ended().get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the log is complete enough
            }
            output.close();
        }
    }
}
