package dev.natssandbox.testsupport;

import dev.natssandbox.internal.server.BinaryLauncher;
import dev.natssandbox.internal.server.ServerFinder;
import dev.natssandbox.server.ServerNotFoundException;
import dev.natssandbox.server.ServerVersion;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the programs integration tests need and decides what happens when one is missing: the tests are skipped,
 * the reason saying what is missing and how to install it, unless the environment variable {@value #REQUIRE_ALL} is
 * {@code true} (CI sets it); then they fail, so that a machine without the tools cannot pass by skipping.
 *
 * <p>Use it on the test class, so that every test is reported as skipped (or the class as failed):
 * {@link RequiresNatsServer @RequiresNatsServer}, or
 * {@code @ExtendWith(ExternalTools.RequiresGoReference.class)}.
 */
public final class ExternalTools {
    /** Environment variable that turns "skipped because X is missing" into a failure. */
    public static final String REQUIRE_ALL = "NATS_SANDBOX_REQUIRE_ALL";
    /** Where Debian installs Go library sources ({@code golang-github-nats-io-*-dev}), used as GOPATH. */
    public static final Path DEBIAN_GOPATH = Path.of("/usr/share/gocode");
    /**
     * Environment variable naming a Go installation (its GOROOT) to build the Go cross-checks with, instead of the
     * {@code go} on PATH; {@code .ci/servers.sh} sets it to Go 1.27 unpacked from Debian sid.
     */
    public static final String GOROOT_ENV = "NATS_SANDBOX_GOROOT";
    /**
     * Environment variable naming the GOPATH that holds the reference libraries' sources (default
     * {@link #DEBIAN_GOPATH}); {@code .ci/servers.sh} sets it to jwt 2.8.x, nkeys 0.4.x and nats.go 1.5x from sid.
     */
    public static final String GOPATH_ENV = "NATS_SANDBOX_GOPATH";

    // Debian installs nats-server into /usr/sbin, which is not on every PATH.
    private static final List<Path> EXTRA_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"),
            Path.of("/usr/local/go/bin"));
    // authorization_claims.go (auth callout) is in jwt 2.8 but not in bookworm's 2.3.0, which lacks the claims the
    // cross-checks compare (trace, cluster_traffic, allow_trace, proxy_required …) and cannot build them.
    private static final List<String> GO_LIBRARIES = List.of("src/github.com/nats-io/jwt/v2/authorization_claims.go",
            "src/github.com/nats-io/nkeys/keypair.go", "src/github.com/nats-io/nats.go/nats.go");

    private ExternalTools() {
    }

    /** The condition behind {@link RequiresNatsServer}. */
    static final class NatsServerCondition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return decide(missingNatsServer(), requireAll());
        }
    }

    /** Skips (or fails) the tests of a class when Go or the reference Go libraries are missing. */
    public static final class RequiresGoReference implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return decide(missingGoReference(), requireAll());
        }
    }

    /**
     * @return the nats-server binary
     * @throws AssertionFailedError when there is none (use {@link RequiresNatsServer} to skip instead)
     */
    public static Path natsServer() {
        missingNatsServer().ifPresent(reason -> {
            throw new AssertionFailedError(reason);
        });
        // The sandbox's own order, so that a matrix run (NATS_SERVER_PATH) tests the same server everywhere.
        return ServerFinder.system().find(null).path();
    }

    /**
     * @return the version of {@link #natsServer()}, as the sandbox reads it
     * @throws AssertionFailedError when there is no server or it does not tell its version
     */
    public static ServerVersion natsServerVersion() {
        Path server = natsServer();
        return new BinaryLauncher(server, ServerFinder.system()).version().orElseThrow(
                () -> new AssertionFailedError("[" + server + " --version] printed no version"));
    }

    /**
     * @return the go command
     * @throws AssertionFailedError when Go or the reference libraries are missing (use {@link RequiresGoReference}
     *                              to skip instead)
     */
    public static Path go() {
        missingGoReference().ifPresent(reason -> {
            throw new AssertionFailedError(reason);
        });
        return goCommand().orElseThrow();
    }

    /**
     * @return the GOROOT the Go cross-checks build with ({@value #GOROOT_ENV}), or empty for the {@code go} on PATH
     */
    public static Optional<Path> goRoot() {
        return Optional.ofNullable(System.getenv(GOROOT_ENV)).filter(v -> !v.isBlank()).map(Path::of);
    }

    /** @return the GOPATH holding the reference libraries ({@value #GOPATH_ENV}, else {@link #DEBIAN_GOPATH}) */
    public static Path goPath() {
        return Optional.ofNullable(System.getenv(GOPATH_ENV)).filter(v -> !v.isBlank()).map(Path::of)
                .orElse(DEBIAN_GOPATH);
    }

    private static Optional<Path> goCommand() {
        Optional<Path> root = goRoot();
        if (root.isPresent()) {
            Path go = root.get().resolve("bin/go");
            return Files.isExecutable(go) ? Optional.of(go) : Optional.empty();
        }
        return find("go");
    }

    /**
     * Missing unless a sandbox would find it (the finder's order: system property, {@code NATS_SERVER_PATH},
     * {@code PATH}); tests that start nats-server themselves use {@link #natsServer()}, which looks in those places
     * and the usual sbin directories.
     */
    static Optional<String> missingNatsServer() {
        try {
            ServerFinder.system().find(null);
            return Optional.empty();
        } catch (ServerNotFoundException e) {
            return Optional.of(e.getMessage());
        }
    }

    static Optional<String> missingGoReference() {
        if (goCommand().isEmpty()) {
            return Optional.of(goRoot().map(r -> "[" + r.resolve("bin/go") + "] (from " + GOROOT_ENV
                    + ") is not an executable; run: eval \"$(bash .ci/servers.sh)\"")
                    .orElse(notFound("go", "apt-get install golang-go, or eval \"$(bash .ci/servers.sh)\" "
                            + "for the current reference")));
        }
        for (String library : GO_LIBRARIES) {
            Path p = goPath().resolve(library);
            if (!Files.isRegularFile(p)) {
                return Optional.of("the reference Go library source [" + p + "] is missing; the Go cross-checks "
                        + "need nats-io/jwt 2.8 and nkeys 0.4 (Debian sid's golang-github-nats-io-jwt-dev, "
                        + "-nkeys-dev and -go-nats-dev; bookworm's jwt 2.3.0 is too old): run eval \"$(bash "
                        + ".ci/servers.sh)\", which fetches them and sets " + GOPATH_ENV);
            }
        }
        return Optional.empty();
    }

    private static String notFound(String command, String install) {
        return "[" + command + "] was not found on PATH or in " + EXTRA_DIRS + "; install it with: " + install;
    }

    /**
     * @param command a program name
     * @return its path, when an executable of that name is on PATH or in one of the usual sbin directories
     */
    public static Optional<Path> find(String command) {
        Set<Path> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        dirs.addAll(EXTRA_DIRS);
        return dirs.stream().map(d -> d.resolve(command))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    private static boolean requireAll() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_ALL));
    }

    /**
     * The decision itself, apart from the environment so that it can be tested.
     *
     * @param missing    what is missing and how to install it, or empty when everything is there
     * @param requireAll whether a missing program fails the tests
     * @return enabled, or disabled with the reason
     * @throws AssertionFailedError with the reason when something is missing and {@code requireAll} is set
     */
    static ConditionEvaluationResult decide(Optional<String> missing, boolean requireAll) {
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("the required programs are installed");
        }
        if (requireAll) {
            throw new AssertionFailedError(missing.get() + " (failing instead of skipping because " + REQUIRE_ALL
                    + "=true)");
        }
        return ConditionEvaluationResult.disabled(missing.get() + " (skipped; set " + REQUIRE_ALL
                + "=true to make this a failure)");
    }
}
