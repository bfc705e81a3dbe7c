package dev.natssandbox.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Go program in {@code src/test/go/calloutcheck} (nkeys xkeys, jwt authorization claims, the nats.go client),
 * built in GOPATH mode against the reference libraries of {@link ExternalTools#goPath()} with the Go of
 * {@link ExternalTools#goRoot()}. Classes using it carry {@code @ExtendWith(ExternalTools.RequiresGoReference.class)}.
 */
public final class CalloutCheck {
    /** For building requests and reading reports. */
    public static final ObjectMapper JSON = new ObjectMapper();
    // Generous: the first build compiles the reference libraries; a hung process must still end the test.
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private final Path binary;

    private CalloutCheck(Path binary) {
        this.binary = binary;
    }

    /** @return the program, built into the build directory */
    public static synchronized CalloutCheck build() {
        Path source = Path.of(System.getProperty("natssandbox.calloutSource", "src/test/go/calloutcheck"))
                .toAbsolutePath();
        Path buildDir = Path.of(System.getProperty("natssandbox.buildDir", "target")).toAbsolutePath();
        Path binary = buildDir.resolve("go-bin").resolve("calloutcheck");
        Map<String, String> env = new HashMap<>(Map.of(
                "GOPATH", ExternalTools.goPath().toString(),
                "GO111MODULE", "off",
                "GOFLAGS", "",
                "GOCACHE", buildDir.resolve("go-cache").toString(),
                "GOTOOLCHAIN", "local"));
        ExternalTools.goRoot().ifPresent(root -> env.put("GOROOT", root.toString()));
        run(List.of(ExternalTools.go().toString(), "build", "-o", binary.toString(), "."), source, env, null);
        return new CalloutCheck(binary);
    }

    /**
     * @param request what to open, seal and verify
     * @return the report
     */
    public JsonNode verify(ObjectNode request) {
        return call(List.of("verify"), request);
    }

    /**
     * @param now unix seconds the reference tokens' times are relative to
     * @return reference-made xkeys and tokens, seeds included (keep them in memory)
     */
    public JsonNode generate(long now) {
        return call(List.of("generate", "-now", Long.toString(now)), null);
    }

    /**
     * @param probe how to connect (url, user, password, token, creds) and what to try
     * @return what the reference client saw
     */
    public JsonNode client(ObjectNode probe) {
        return call(List.of("client"), probe);
    }

    private JsonNode call(List<String> args, ObjectNode request) {
        List<String> command = new java.util.ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        try {
            byte[] out = run(command, null, Map.of(), request == null ? null : JSON.writeValueAsBytes(request));
            return JSON.readTree(out);
        } catch (IOException e) {
            // generate's output holds seeds, and Jackson quotes its input: keep both out of the message.
            throw new AssertionError("calloutcheck " + args.get(0) + " wrote output that is not JSON");
        }
    }

    private static byte[] run(List<String> command, Path dir, Map<String, String> env, byte[] stdin) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
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
                throw new AssertionError(command + " did not finish within " + DEADLINE + "; it was killed");
            }
            String stderr = new String(err.get(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new AssertionError(command.get(0) + " exited with code " + process.exitValue()
                        + (dir == null ? "" : " in [" + dir + "]") + "; stderr:\n" + stderr);
            }
            return out.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot read the output of " + command, e.getCause());
        } finally {
            process.destroyForcibly();
        }
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
