package dev.natssandbox.samples.bench;

import dev.natssandbox.internal.util.SecureFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The reference Go libraries doing the provisioning workload (the program in this jar's {@code bench/go/main.go}),
 * built in GOPATH mode, so that both are timed in one run. It uses the Go installation named by
 * {@code NATS_SANDBOX_GOROOT} and the library sources in {@code NATS_SANDBOX_GOPATH} when they are set (the current
 * reference, jwt 2.8.x with Go 1.27, as {@code .ci/servers.sh} unpacks them), else the {@code go} on PATH and Debian's
 * {@code golang-github-nats-io-jwt-dev} and {@code golang-github-nats-io-nkeys-dev} in {@code /usr/share/gocode}.
 */
final class GoReference implements AutoCloseable {
    private static final String GOPATH_PACKAGES = "/usr/share/gocode";
    private static final String GOROOT_ENV = "NATS_SANDBOX_GOROOT";
    private static final String GOPATH_ENV = "NATS_SANDBOX_GOPATH";

    private final Path work;
    private final Path binary;

    private GoReference(Path work, Path binary) {
        this.work = work;
        this.binary = binary;
    }

    /** @return the built program, or empty with the reason printed as a comment line */
    static Optional<GoReference> build() {
        Path work = SecureFiles.createPrivateTempDirectory(null, "nats-sandbox-bench-go-");
        try {
            Path src = work.resolve("src/provision");
            Files.createDirectories(src);
            try (InputStream in = GoReference.class.getResourceAsStream("go/main.go")) {
                Files.copy(in, src.resolve("main.go"));
            }
            Path binary = work.resolve("provision");
            String goRoot = System.getenv(GOROOT_ENV);
            String go = goRoot == null || goRoot.isBlank() ? "go" : Path.of(goRoot, "bin", "go").toString();
            String packages = System.getenv().getOrDefault(GOPATH_ENV, GOPATH_PACKAGES);
            ProcessBuilder pb = new ProcessBuilder(go, "build", "-o", binary.toString(), ".")
                    .directory(src.toFile()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            if (goRoot != null && !goRoot.isBlank()) {
                env.put("GOROOT", goRoot);
            }
            env.put("GOTOOLCHAIN", "local");
            env.put("GOPATH", work + ":" + packages);
            env.put("GO111MODULE", "off");
            env.put("GOCACHE", work.resolve("cache").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                System.out.println("# no Go comparison: building the reference program failed: " + out);
                SecureFiles.deleteRecursively(work);
                return Optional.empty();
            }
            System.out.println("# Go reference: " + go + ", libraries in " + packages);
            return Optional.of(new GoReference(work, binary));
        } catch (IOException e) {
            System.out.println("# no Go comparison: " + e.getMessage() + " (install golang-go, "
                    + "golang-github-nats-io-jwt-dev and golang-github-nats-io-nkeys-dev)");
            SecureFiles.deleteRecursively(work);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SecureFiles.deleteRecursively(work);
            return Optional.empty();
        }
    }

    /** @return the Go program's own timing of one run, in milliseconds */
    double run(Path out, int accounts) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary.toString(), out.toString(), Integer.toString(accounts))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || !output.startsWith("ELAPSED_MS ")) {
            throw new IllegalStateException("the Go reference program failed: " + output);
        }
        return Double.parseDouble(output.substring("ELAPSED_MS ".length()));
    }

    @Override
    public void close() {
        SecureFiles.deleteRecursively(work);
    }
}
