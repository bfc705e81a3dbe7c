package dev.natssandbox.internal.server;

import dev.natssandbox.server.ServerReloadException;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.internal.util.SecureFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Server output: every line goes to the log file (prefixed with the instance id) and a bounded in-memory tail, and
 * wakes whoever waits for a line like "Server is ready" or "Reloaded server configuration". Waiters register
 * before they trigger what they wait for, so no line can be missed.
 */
public final class ServerOutput implements AutoCloseable {
    private static final int TAIL = 200;

    private static final String RELOADED = "Reloaded server configuration";
    /** How long a server may take to answer a reload: a safety net for a server that never answers. */
    private static final long RELOAD_TIMEOUT_MS = 30_000;

    private final String id;
    private final BufferedWriter writer;
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private boolean closed;

    private record Waiter(Predicate<String> match, CompletableFuture<String> future) {
    }

    /**
     * @param id      instance id put in front of every line of the log file
     * @param logFile the log file (created with mode 0600, appended to)
     */
    public ServerOutput(String id, Path logFile) {
        this.id = id;
        try {
            if (!Files.exists(logFile)) {
                SecureFiles.writeNewPrivateFile(logFile, new byte[0]);
            }
            this.writer = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot open log file [" + logFile + "]: " + e, e);
        }
    }

    /**
     * Records one line of output.
     *
     * @param line the line, without line terminator
     */
    public void line(String line) {
        String clean = Redaction.redact(line);
        List<Waiter> matched = new ArrayList<>();
        synchronized (this) {
            if (!closed) {
                try {
                    writer.write("[" + id + "] " + clean);
                    writer.newLine();
                    writer.flush();
                } catch (IOException e) {
                    closed = true; // the disk is gone; keep the in-memory tail working
                }
            }
            tail.addLast(clean);
            if (tail.size() > TAIL) {
                tail.removeFirst();
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.match.test(clean)) {
                    matched.add(w);
                    it.remove();
                }
            }
        }
        matched.forEach(w -> w.future.complete(clean));
    }

    /**
     * Registers interest in the next line matching {@code match}. Register first, then trigger the action.
     *
     * @param match what to wait for
     * @return completed with the matching line, or exceptionally when the output ends first
     */
    public CompletableFuture<String> expect(Predicate<String> match) {
        CompletableFuture<String> f = new CompletableFuture<>();
        synchronized (this) {
            if (ended.isDone()) {
                f.completeExceptionally(new IllegalStateException("server output has ended"));
                return f;
            }
            waiters.add(new Waiter(match, f));
        }
        return f;
    }

    /**
     * Triggers a reload and waits for the server's answer: the line saying it applied the new configuration, or the
     * one saying it refused it (see {@link #reloaded}). The waiter is registered before {@code signal} runs, so the
     * answer cannot be missed.
     *
     * @param signal        sends the reload signal; throws when it cannot
     * @param newConfigIsIn where the new configuration can be read, for the timeout's message
     * @param checkAlive    throws when the server has died; called when the output ends during the reload
     * @return the server's answer
     * @throws ServerReloadException when the server does not answer in time, or its output ends
     */
    public String awaitReload(Runnable signal, String newConfigIsIn, Runnable checkAlive) {
        CompletableFuture<String> done = expect(l -> l.contains(RELOADED)
                || l.contains("Failed to reload") || l.contains("reload") && l.contains("[ERR]"));
        signal.run();
        try {
            return done.get(RELOAD_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServerReloadException("nats-server [" + id + "] did not confirm the reload within "
                    + RELOAD_TIMEOUT_MS + " ms; " + newConfigIsIn + "\nlast server output:\n  "
                    + String.join("\n  ", tail(20)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while waiting for the reload", e);
        } catch (ExecutionException e) {
            checkAlive.run();
            throw new ServerReloadException("nats-server [" + id + "] output ended during reload", e);
        }
    }

    /**
     * @param answer what {@link #awaitReload} returned
     * @return whether the server applied the new configuration (else it refused it and keeps the previous one)
     */
    public static boolean reloaded(String answer) {
        return answer.contains(RELOADED);
    }

    /** Marks the end of output (the process exited): pending waiters fail. */
    public void end() {
        List<Waiter> pending;
        synchronized (this) {
            pending = new ArrayList<>(waiters);
            waiters.clear();
        }
        ended.complete(null);
        pending.forEach(w -> w.future.completeExceptionally(new IllegalStateException("server output has ended")));
    }

    /** @return completed when the output has ended */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /**
     * @param lines how many
     * @return the last lines
     */
    public synchronized List<String> tail(int lines) {
        List<String> all = new ArrayList<>(tail);
        return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * @param needle text to look for
     * @return whether any line in the tail contains it
     */
    public synchronized boolean tailContains(String needle) {
        return tail.stream().anyMatch(l -> l.contains(needle));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                writer.close();
            } catch (IOException ignored) {
                // nothing left to do with a log file that cannot be closed
            }
        }
    }
}
