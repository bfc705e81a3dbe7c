package dev.natssandbox.internal.server;

import dev.natssandbox.server.ServerStartException;
import dev.natssandbox.NatsSandboxException;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every launcher decides that a server started: its own "Server is ready" line within the startup timeout, or
 * a failure that says how it ended (exit code), why (a line of the server's), how it was started and the config.
 */
public final class Readiness {
    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on (\\S+):(\\d+)");

    private Readiness() {
    }

    /**
     * @param output the server's output, before the server starts
     * @return completed with the "Server is ready" line
     */
    public static CompletableFuture<String> expectReady(ServerOutput output) {
        return output.expect(l -> l.contains("Server is ready"));
    }

    /**
     * Waits for the ready line, or for the server to end first.
     *
     * @param spec      the launch (startup timeout, requested port)
     * @param ready     from {@link #expectReady}
     * @param ended     completed when the server ended (process exit or end of container output)
     * @param output    the server's output
     * @param described how it was started: {@code command: [...]} or the container; and the config
     * @param howEnded  after it ended: {@code "exited with code 3"}, {@code "container exited with code 1"} …
     * @throws ServerStartException when the server is not ready in time or ended first
     */
    public static void await(LaunchSpec spec, CompletableFuture<String> ready, CompletableFuture<?> ended,
                             ServerOutput output, String described, Supplier<String> howEnded) {
        try {
            CompletableFuture.anyOf(ready, ended).get(spec.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServerStartException("nats-server did not report \"Server is ready\" within "
                    + spec.startupTimeout().toMillis() + " ms; " + described, output.tail(30), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsSandboxException("interrupted while waiting for nats-server to start", e);
        } catch (ExecutionException e) {
            // it ended: reported below
        }
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            return;
        }
        String how = howEnded.get();
        try {
            // The server's last words may still be in the pipe: let the output end before taking the tail.
            output.ended().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the tail is what it is
        }
        String reason = explain(output, spec.port());
        throw new ServerStartException("nats-server " + how + " before it was ready"
                + (reason.isEmpty() ? "" : ": " + reason) + "; " + described, output.tail(30), null);
    }

    /**
     * @param output the output of a server that ended
     * @param port   the requested port
     * @return why it ended, in the server's words, or empty
     */
    static String explain(ServerOutput output, int port) {
        if (output.tailContains("address already in use")) {
            return "port [" + port + "] is already in use; choose another port, or -1 to let the server pick a "
                    + "free one";
        }
        for (String line : output.tail(30)) {
            if (line.contains("exec") && (line.contains("no such file") || line.contains("not found"))) {
                return "the image cannot run nats-server (" + line.strip() + "); its entrypoint must be nats-server";
            }
            // nats-server reports fatal configuration errors on one line, "nats-server: <error>", and exits.
            if (line.startsWith("nats-server: ")) {
                return "the server rejected its configuration (" + line.substring("nats-server: ".length()) + ")";
            }
        }
        return "";
    }

    /**
     * @param output     the output of a ready server
     * @param described  how it was started, for the message
     * @param configFile its configuration
     * @return the client port from its "Listening for client connections on" line
     * @throws ServerStartException when there is no such line
     */
    public static int portFromLog(ServerOutput output, String described, Path configFile) {
        for (String line : output.tail(200)) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(2));
            }
        }
        throw new ServerStartException("nats-server is ready but its log does not say which port it listens on "
                + "(no \"Listening for client connections on\" line); " + described + "; config: " + configFile,
                output.tail(30), null);
    }
}
