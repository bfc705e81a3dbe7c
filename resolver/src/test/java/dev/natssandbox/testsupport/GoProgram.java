package dev.natssandbox.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Builds and runs the Go programs under {@code src/test/go} (the reference cross-checks): built in GOPATH mode
 * against the reference libraries of {@link ExternalTools#goPath()} with the Go of {@link ExternalTools#goRoot()}
 * (in CI: Debian sid's jwt 2.8.x, nkeys 0.4.x, nats.go and Go 1.27, from {@code .ci/servers.sh}), run once per
 * request with a deadline, killed afterwards whatever happened. Classes using it carry
 * {@code @ExtendWith(ExternalTools.RequiresGoReference.class)}.
 */
public final class GoProgram {
    // Generous: the first build compiles the reference libraries; a hung process must still end the test.
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    /** What a failure message shows of the command. */
    public enum Shown {
        /** The whole command line. */
        COMMAND_LINE,
        /** Only the program: its arguments can carry keys or seeds. */
        PROGRAM_ONLY
    }

    private GoProgram() {
    }

    /**
     * Builds one program into the build directory ({@code natssandbox.buildDir}, else {@code target}). Sources are
     * beside {@code natssandbox.goSource} (the {@code jwtcheck} directory, else {@code src/test/go/jwtcheck}).
     *
     * @param name the program's directory name, e.g. {@code calloutcheck}
     * @return the built binary
     */
    public static Path build(String name) {
        Path source = Path.of(System.getProperty("natssandbox.goSource", "src/test/go/jwtcheck")).toAbsolutePath()
                .resolveSibling(name);
        Path buildDir = Path.of(System.getProperty("natssandbox.buildDir", "target")).toAbsolutePath();
        Path binary = buildDir.resolve("go-bin").resolve(name);
        Map<String, String> env = new HashMap<>(Map.of(
                "GOPATH", ExternalTools.goPath().toString(),
                "GO111MODULE", "off",
                "GOFLAGS", "",
                // Inside the build directory: works without HOME and leaves nothing behind after mvn clean.
                "GOCACHE", buildDir.resolve("go-cache").toString(),
                "GOTOOLCHAIN", "local"));
        ExternalTools.goRoot().ifPresent(root -> env.put("GOROOT", root.toString()));
        run(List.of(ExternalTools.go().toString(), "build", "-o", binary.toString(), "."), source, env, null,
                Shown.COMMAND_LINE);
        return binary;
    }

    /**
     * Runs a command to its end and returns its standard output.
     *
     * @param command the program and its arguments
     * @param dir     the working directory, or {@code null} for this process's
     * @param env     environment variables to add
     * @param stdin   the standard input, or {@code null} for none
     * @param shown   what failure messages show of the command
     * @return the standard output
     * @throws AssertionError when it cannot start, exits with another code than 0 (with its standard error), or
     *                        does not finish within the deadline
     */
    public static byte[] run(List<String> command, Path dir, Map<String, String> env, byte[] stdin, Shown shown) {
        String named = shown == Shown.COMMAND_LINE ? command.toString()
                : "[" + command.get(0) + "] (arguments not shown)";
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + named + ": " + e.getMessage(), e);
        }
        try {
            CompletableFuture<byte[]> out = readAll(process.getInputStream());
            CompletableFuture<byte[]> err = readAll(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(named + " did not finish within " + DEADLINE + "; it was killed");
            }
            String stderr = new String(err.get(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new AssertionError(named + " exited with code " + process.exitValue()
                        + (dir == null ? "" : " in [" + dir + "]") + "; stderr:\n" + stderr);
            }
            return out.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + named, e);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot read the output of " + named, e.getCause());
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * @param binary a built program
     * @param args   its arguments
     * @return the command line
     */
    public static List<String> command(Path binary, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return command;
    }

    private static CompletableFuture<byte[]> readAll(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
