package dev.natssandbox.samples.bench;

import dev.natssandbox.callout.CalloutUnsupportedException;
import dev.natssandbox.internal.server.ServerFinder;
import dev.natssandbox.internal.util.SecureFiles;
import dev.natssandbox.server.ServerVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark program as a user runs it: {@code java -jar target/nats-sandbox-bench.jar}. Checks that every figure
 * is printed as a {@code RESULT <name> <value>} line and that the program cleans up after itself; it asserts
 * nothing about the values' size (that is what the figures are for).
 */
class BenchProgramIT {
    private static final Path JAR = Path.of("target", "nats-sandbox-bench.jar");
    private static final Pattern RESULT = Pattern.compile("^RESULT ([a-z0-9_]+) (-?[0-9]+(\\.[0-9]+)?)$");
    private static final List<String> GO_FIGURES = List.of("provision_1000x2_go_ms", "provision_1000x2_vs_go_ratio");

    @Test
    void printsEveryFigureAndLeavesNoFilesBehind(@TempDir Path tmp) throws Exception {
        Path tmpdir = Files.createDirectory(tmp.resolve("tmp"));
        // Where the program writes by default: memory-backed /dev/shm, when there is one (on disk the provisioning
        // runs alone take minutes on our virtual machines).
        Path shm = Path.of("/dev/shm");
        Path benchDir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "nats-sandbox-bench-it-")
                : Files.createDirectory(tmp.resolve("bench"));
        try {
            printsEveryFigureAndLeavesNoFilesBehind(tmpdir, benchDir);
        } finally {
            SecureFiles.deleteRecursively(benchDir);
        }
    }

    private static void printsEveryFigureAndLeavesNoFilesBehind(Path tmpdir, Path benchDir) throws Exception {
        Run run = run(tmpdir, benchDir);
        assertEquals(0, run.exit(), run.output());
        String server = serverVersion();
        assertTrue(run.output().lines().anyMatch(l -> l.startsWith("# server " + server + " at ")),
                "no [# server " + server + " at …] line in:\n" + run.output());

        Map<String, Double> figures = new LinkedHashMap<>();
        for (String line : run.output().lines().toList()) {
            Matcher m = RESULT.matcher(line);
            if (m.matches()) {
                figures.put(m.group(1), Double.parseDouble(m.group(2)));
            } else {
                assertTrue(!line.startsWith("RESULT"), "malformed RESULT line [" + line + "]");
            }
        }
        List<String> expected = new ArrayList<>(figuresOfTheRegistry());
        if (!goAvailable()) {
            expected.removeAll(GO_FIGURES);
        }
        if (!calloutAvailable()) {
            // nats-server before 2.10 has no auth callout; the program says so instead of measuring.
            expected.removeAll(List.of("callout_connect_ratio", "callout_decisions_per_s"));
        }
        assertEquals(expected, List.copyOf(figures.keySet()), run.output());
        figures.forEach((name, value) -> assertTrue(value > 0, name + " is " + value));

        assertEquals(List.of(), leftovers(benchDir), "the provisioning runs are deleted");
        assertEquals(List.of(), leftovers(tmpdir).stream()
                .filter(p -> !p.getFileName().toString().equals("nats-sandbox-" + safeUser())
                        && !p.getFileName().toString().equals("running"))
                .toList(), "sandbox and Go build directories are deleted");
    }

    @Test
    void anUnknownFigureIsNamedWithTheValidOnes(@TempDir Path tmp) throws Exception {
        Run run = run(tmp, tmp, "provision_ms");
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("unknown benchmark [provision_ms]; benchmarks are: [provision_1000x2_ms"),
                run.output());
    }

    private record Run(int exit, String output) {
    }

    /** @return whether the server the benchmark finds (the same finder) has auth callout, by its version */
    private static boolean calloutAvailable() {
        return CalloutUnsupportedException.supports(ServerVersion.installed()
                .orElseThrow(() -> new AssertionError("the server the benchmark finds tells no version")));
    }

    private static Run run(Path tmpdir, Path benchDir, String... figures) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by the package phase");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Djava.io.tmpdir=" + tmpdir, "-Dnatssandbox.bench.dir=" + benchDir, "-jar",
                JAR.toString()));
        command.addAll(List.of(figures));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the benchmark program finishes");
            return new Run(p.exitValue(), output);
        } finally {
            p.destroyForcibly();
        }
    }

    private static List<String> figuresOfTheRegistry() {
        List<String> all = new ArrayList<>();
        for (Bench.Benchmark b : Bench.benchmarks()) {
            all.addAll(b.figures());
        }
        return all;
    }

    /** @return what the server the benchmark finds (the same finder, the same environment) says of its version */
    private static String serverVersion() throws IOException, InterruptedException {
        Path binary = ServerFinder.system().find(null).path();
        Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), version);
        return version;
    }

    private static boolean goAvailable() {
        String goRoot = System.getenv("NATS_SANDBOX_GOROOT");
        boolean go = goRoot != null && !goRoot.isBlank() ? Files.isExecutable(Path.of(goRoot, "bin", "go"))
                : Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "go")));
        String gopath = System.getenv().getOrDefault("NATS_SANDBOX_GOPATH", "/usr/share/gocode");
        return go && Files.isDirectory(Path.of(gopath, "src/github.com/nats-io/jwt"));
    }

    private static String safeUser() {
        return System.getProperty("user.name").replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static List<Path> leftovers(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).filter(p -> !p.toString().endsWith(".lock")).toList();
        }
    }
}
