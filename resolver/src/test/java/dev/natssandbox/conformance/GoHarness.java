package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.testsupport.ExternalTools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Go program in {@code src/test/go/jwtcheck}, built in GOPATH mode against the reference libraries: those of
 * {@link ExternalTools#goPath()} with the Go of {@link ExternalTools#goRoot()} (in CI: Debian sid's jwt 2.8.x,
 * nkeys 0.4.x and Go 1.27, from {@code .ci/servers.sh}), and run once per request.
 */
final class GoHarness {
    static final ObjectMapper JSON = new ObjectMapper();
    // Generous: the first build compiles the reference libraries; a hung process must still end the test.
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private final Path binary;

    private GoHarness(Path binary) {
        this.binary = binary;
    }

    /**
     * Builds the program into the build directory. Test classes that use it carry
     * {@code @ExtendWith(ExternalTools.RequiresGoReference.class)}, which skips them when Go or the reference
     * libraries are missing.
     *
     * @return the built harness
     */
    static GoHarness build() {
        return new GoHarness(buildProgram("jwtcheck"));
    }

    /**
     * Builds one of the Go programs under {@code src/test/go} the same way.
     *
     * @param name the program's directory name, e.g. {@code validatecheck}
     * @return the built binary
     */
    static Path buildProgram(String name) {
        Path go = ExternalTools.go();
        Path gopath = ExternalTools.goPath();
        Path source = Path.of(System.getProperty("natssandbox.goSource", "src/test/go/jwtcheck")).toAbsolutePath()
                .resolveSibling(name);
        Path buildDir = Path.of(System.getProperty("natssandbox.buildDir", "target")).toAbsolutePath();
        Path binary = buildDir.resolve("go-bin").resolve(name);
        List<String> command = List.of(go.toString(), "build", "-o", binary.toString(), ".");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "GOPATH", gopath.toString(),
                "GO111MODULE", "off",
                "GOFLAGS", "",
                // Inside the build directory: works without HOME and leaves nothing behind after mvn clean.
                "GOCACHE", buildDir.resolve("go-cache").toString(),
                "GOTOOLCHAIN", "local"));
        ExternalTools.goRoot().ifPresent(root -> env.put("GOROOT", root.toString()));
        run(command, source, env, null);
        return binary;
    }

    /**
     * @param request the verify request (operator, accounts, users, activations, others, creds)
     * @return the verify report
     */
    JsonNode verify(ObjectNode request) {
        byte[] in;
        try {
            in = JSON.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(run(List.of(binary.toString(), "verify"), null, Map.of(), in), "verify");
    }

    /**
     * @param now unix seconds the reference tokens' times are relative to
     * @return the reference tokens, keys and creds (seeds included: keep them in memory)
     */
    JsonNode generate(long now) {
        return parse(run(List.of(binary.toString(), "generate", "-now", Long.toString(now)), null, Map.of(), null),
                "generate");
    }

    private static JsonNode parse(byte[] out, String mode) {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            // The output of generate holds seeds, and Jackson quotes the input in its messages: keep both out.
            throw new AssertionError("jwtcheck " + mode + " wrote " + out.length + " bytes that are not JSON");
        }
    }

    static byte[] run(List<String> command, Path dir, Map<String, String> env, byte[] stdin) {
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
                throw new AssertionError(command + " exited with code " + process.exitValue()
                        + (dir == null ? "" : " in [" + dir + "]") + "; stderr:\n" + stderr);
            }
            return out.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } catch (java.util.concurrent.ExecutionException e) {
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

    /**
     * @param report a verify report
     * @return its token reports, keyed by the token
     */
    static Map<String, JsonNode> tokensByJwt(JsonNode report) {
        Map<String, JsonNode> byJwt = new java.util.LinkedHashMap<>();
        report.get("tokens").forEach(t -> byJwt.put(t.get("jwt").asText(), t));
        return byJwt;
    }

    /**
     * @param node an array node of strings (or null)
     * @return its strings
     */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        }
        return out;
    }
}
