package dev.natssandbox.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code generate} stopped by SIGINT or SIGTERM while it writes thousands of files leaves nothing next to
 * {@code --out}: neither its staging directory (with seeds in it) nor a partial output.
 */
class GenerateInterruptIT {
    private static final String STAGING = ".nats-sandbox-staging-";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalWhileWritingLeavesNoStagingAndNoOutput(String signal) throws Exception {
        Path spec = dir.resolve("big.yaml");
        Files.writeString(spec, bigSpec(150, 20));
        Path parent = Files.createDirectory(dir.resolve("parent"));
        Path out = parent.resolve("out");
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            parent.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            try (CliProcess gen = CliProcess.start(dir, "generate", "--spec", spec.toString(), "--out",
                    out.toString())) {
                awaitStaging(watch, gen);
                Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(gen.process().pid()))
                        .inheritIO().start();
                assertEquals(0, kill.waitFor());
                int exit = gen.awaitExit();
                // 128 + the signal's number: the signal, not the end of the work, ended it
                assertEquals(signal.equals("INT") ? 130 : 143, exit, gen.transcript());
            }
        }
        assertEquals(List.of(), list(parent), "left next to --out");
        assertFalse(Files.exists(out));
    }

    /** Returns once the child has created its staging directory, i.e. is writing. */
    private static void awaitStaging(WatchService watch, CliProcess gen) throws InterruptedException {
        while (true) {
            WatchKey key = watch.poll(CliProcess.LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(key, () -> "no staging directory appeared\n" + gen.transcript());
            for (WatchEvent<?> e : key.pollEvents()) {
                if (String.valueOf(e.context()).startsWith(STAGING)) {
                    return;
                }
            }
            key.reset();
        }
    }

    private static String bigSpec(int accounts, int usersPerAccount) {
        StringBuilder b = new StringBuilder("operator: {name: Big}\naccounts:\n");
        for (int a = 0; a < accounts; a++) {
            b.append("  A").append(a).append(":\n    users:\n");
            for (int u = 0; u < usersPerAccount; u++) {
                b.append("      u").append(u).append(": {}\n");
            }
        }
        return b.toString();
    }

    private static List<String> list(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }
}
