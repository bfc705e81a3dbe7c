package dev.natssandbox.sandbox;

import dev.natssandbox.testsupport.Processes;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.internal.util.NativeCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM that used a sandbox (keys, JWTs, a jnats connection) and was killed with SIGKILL leaves no BouncyCastle
 * native libraries ({@code bc-lts-*-libs}) in its temp directory: nats-sandbox keeps BouncyCastle on pure Java.
 * The child gets a temp directory of its own, so other JVMs on the machine cannot blur the count.
 */
@RequiresNatsServer
class NativeCryptoLeftoversIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private Process child;
    private long serverPid = -1;

    @AfterEach
    void nothingLeftRunning() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        // The child's registry is in its own temp directory, where no other JVM's reaper looks: stop its server.
        if (serverPid > 0) {
            ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly);
            Processes.awaitExit(serverPid, DEADLINE);
        }
    }

    @Test
    void aKilledJvmLeavesNoNativeLibrariesBehind() throws Exception {
        assertEquals(List.of(), bcDirectories(killedChild(List.of())));
    }

    @Test
    void theNativeVariantStaysAvailableOnRequest() throws Exception {
        // The switch exists and is honoured: with it, BouncyCastle unpacks its libraries as it would without us.
        List<String> left = bcDirectories(killedChild(List.of("-D" + NativeCrypto.ALLOW_NATIVE + "=true")));
        assertEquals(1, left.size(), left.toString());
    }

    private Path killedChild(List<String> jvmOptions) throws IOException, InterruptedException {
        Path childTmp = Files.createDirectory(tmp.resolve("child-tmp-" + jvmOptions.size()));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + childTmp));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(SandboxChildMain.class.getName(), "connect", tmp.toString(), KeepFiles.NEVER.name()));
        child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        boolean connected = false;
        for (String line; !connected && (line = out.readLine()) != null; ) {
            if (line.startsWith("pid=")) {
                serverPid = Long.parseLong(line.substring(4));
            }
            connected = line.equals("connected=CONNECTED");
        }
        assertTrue(connected, "the child did not connect");
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        return childTmp;
    }

    private static List<String> bcDirectories(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bc-lts-")).sorted().toList();
        }
    }
}
