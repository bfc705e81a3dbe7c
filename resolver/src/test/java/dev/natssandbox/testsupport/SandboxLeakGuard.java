package dev.natssandbox.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails a test run that leaves a sandbox directory behind. Registered for every module's tests through the resolver
 * test jar ({@code META-INF/services}); active when {@value #ENABLED} is {@code true}, which the build sets together
 * with a {@code java.io.tmpdir} of the module's own under {@code target/}, so that only this run's sandboxes are
 * there.
 *
 * <p>When the launcher session opens it lists the {@code nats-sandbox-sbx-*} and {@code nats-sandbox-cluster-*}
 * directories of {@code java.io.tmpdir}; when it closes, every such directory that was not there before is a leak
 * and the session fails with their names. A test that keeps a sandbox's files on purpose (a failure it provoked,
 * {@code KeepFiles.ALWAYS}) passes as long as it deletes them before it ends. Nested sessions (a test running the
 * launcher itself) are not checked separately: the outermost one covers them.
 */
public final class SandboxLeakGuard implements LauncherSessionListener {
    /** System property that turns the guard on. */
    public static final String ENABLED = "natssandbox.leakGuard";
    private static final Pattern SANDBOX = Pattern.compile("nats-sandbox-(sbx|cluster)-.*");
    private static final AtomicInteger DEPTH = new AtomicInteger();

    private volatile Set<String> before;

    /** Created by the JUnit Platform's service loader. */
    public SandboxLeakGuard() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (DEPTH.getAndIncrement() != 0 || !Boolean.getBoolean(ENABLED)) {
            return;
        }
        Path base = base();
        try {
            Files.createDirectories(base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create java.io.tmpdir [" + base + "]", e);
        }
        before = sandboxes(base);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (DEPTH.decrementAndGet() != 0 || before == null) {
            return;
        }
        Set<String> left = sandboxes(base());
        left.removeAll(before);
        if (!left.isEmpty()) {
            throw new IllegalStateException("this test run left " + left.size() + " sandbox director"
                    + (left.size() == 1 ? "y" : "ies") + " in [" + base() + "]: " + List.copyOf(left)
                    + "; every test closes the sandboxes it makes, and a test that makes one fail on purpose deletes "
                    + "the files it kept (the log in each directory names its server)");
        }
    }

    static Path base() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static Set<String> sandboxes(Path base) {
        try (Stream<Path> entries = Files.list(base)) {
            Set<String> names = new TreeSet<>();
            entries.map(p -> p.getFileName().toString()).filter(n -> SANDBOX.matcher(n).matches())
                    .forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list java.io.tmpdir [" + base + "]", e);
        }
    }
}
