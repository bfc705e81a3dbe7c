package dev.natssandbox.cli;

import dev.natssandbox.testsupport.ExternalTools;
import org.opentest4j.AssertionFailedError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real {@code nats-sandbox.jar} run as {@code java -jar} in a child process, its stdout and stderr collected
 * line by line as they come. Waits are for a line or for the exit; their time limits only stop a hung process and
 * fail the test, they never decide an outcome.
 */
final class CliProcess implements AutoCloseable {
    /** System property (set by failsafe) naming the jar the {@code package} phase built. */
    static final String JAR_PROPERTY = "natssandbox.cliJar";
    static final Duration LIMIT = Duration.ofSeconds(90);

    private final Process process;
    private final List<String> args;
    private final Lines out = new Lines();
    private final Lines err = new Lines();

    private CliProcess(Process process, List<String> args) {
        this.process = process;
        this.args = args;
        pump(process.getInputStream(), out, "stdout");
        pump(process.getErrorStream(), err, "stderr");
    }

    static Path jar() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new AssertionFailedError("the CLI jar [" + jar + "] (system property " + JAR_PROPERTY + ") does "
                    + "not exist; run the integration tests with 'mvn verify', which builds it in the package phase");
        }
        return Path.of(jar);
    }

    /**
     * @param dir  the working directory
     * @param args the command line after {@code java -jar nats-sandbox.jar}
     * @return the started process
     */
    static CliProcess start(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(),
                // The test run's temporary directory (its own under target/): sandboxes of `up` land where the
                // leak guard looks.
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        // The server finder searches PATH; Debian's nats-server lives in /usr/sbin, which is not on every PATH.
        pb.environment().put("NATS_SERVER_PATH", ExternalTools.natsServer().toString());
        try {
            return new CliProcess(pb.start(), List.of(args));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs a command to its end. */
    static CliProcess run(Path dir, String... args) {
        CliProcess p = start(dir, args);
        p.awaitExit();
        return p;
    }

    Process process() {
        return process;
    }

    /** @return the exit code, once the process has ended and its output has been read to the end */
    int awaitExit() {
        try {
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionFailedError("nats-sandbox " + args + " did not end within " + LIMIT + "\n"
                        + transcript());
            }
            out.awaitClosed();
            err.awaitClosed();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted", e);
        }
    }

    /** @return the first stdout line that matches, once it has been printed */
    String awaitStdout(Predicate<String> line, String what) {
        return out.await(line).orElseThrow(() -> new AssertionFailedError("nats-sandbox " + args + " ended or "
                + "took longer than " + LIMIT + " without printing " + what + "\n" + transcript()));
    }

    String stdout() {
        return out.text();
    }

    String stderr() {
        return err.text();
    }

    String transcript() {
        return "--- stdout ---\n" + out.text() + "--- stderr ---\n" + err.text();
    }

    /**
     * Stops the CLI as Ctrl-C would (SIGTERM, so that {@code up} stops its servers and removes its files), then, if it
     * is still running after a bounded wait, kills it and every process it started: a failing test leaves nothing.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (process.waitFor(15, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void pump(InputStream in, Lines lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(" + name + " no longer readable: " + e + ")");
            } finally {
                lines.close();
            }
        }, "cli-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Lines read so far; waiters are woken on every new line and at the end. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private boolean closed;

        synchronized void add(String line) {
            lines.add(line);
            notifyAll();
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        synchronized String text() {
            StringBuilder sb = new StringBuilder();
            lines.forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        }

        synchronized Optional<String> await(Predicate<String> match) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (match.test(lines.get(seen))) {
                        return Optional.of(lines.get(seen));
                    }
                }
                long left = deadline - System.nanoTime();
                if (closed || left <= 0) {
                    return Optional.empty();
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }

        synchronized void awaitClosed() throws InterruptedException {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionFailedError("output not closed within " + LIMIT);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
