package dev.natssandbox.internal.store;

import dev.natssandbox.internal.util.SecureFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private directory a tree is built in before it is moved into place, gone in every way a write can end:
 * <ul>
 *   <li>an error: the writer deletes it;</li>
 *   <li>SIGINT, SIGTERM or {@code System.exit} while writing: a shutdown hook claims it (so it is never moved into
 *   place afterwards), renames it away from the writers' paths and deletes it;</li>
 *   <li>SIGKILL or a crash: its name records the owning process's id and start time, and the next write into the
 *   same parent deletes staging directories whose owner is no longer running.</li>
 * </ul>
 */
final class Staging {
    static final String PREFIX = ".nats-sandbox-staging-";
    /** {@code <prefix><pid>-<start millis>-<random>}, optionally {@code .abandoned} while the hook deletes it. */
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)-\\d+(\\.abandoned)?");
    private static final long OWN_START = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
            .orElse(0L);
    private static final Set<Staging> ACTIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private final Path dir;
    private boolean moved;
    private boolean abandoned;

    private Staging(Path dir) {
        this.dir = dir;
    }

    /**
     * Removes the stale staging directories in {@code parent}, then creates a new one there.
     *
     * @param parent the directory the target will be in
     * @return the staging directory, private (0700)
     */
    static Staging create(Path parent) {
        removeStale(parent);
        installHook();
        Staging s = new Staging(SecureFiles.createPrivateTempDirectory(parent,
                PREFIX + ProcessHandle.current().pid() + "-" + OWN_START + "-"));
        ACTIVE.add(s);
        return s;
    }

    Path dir() {
        return dir;
    }

    /**
     * Runs the move into place unless the JVM is shutting down and the hook has claimed the directory.
     *
     * @param move moves {@link #dir()} to the target
     * @return whether it moved
     */
    synchronized boolean moveIntoPlace(IoAction move) throws IOException {
        if (abandoned) {
            return false;
        }
        move.run();
        moved = true;
        return true;
    }

    /** Deletes the directory unless it was moved into place; the writer calls this in every outcome. */
    void close() {
        ACTIVE.remove(this);
        synchronized (this) {
            if (moved) {
                return;
            }
        }
        SecureFiles.deleteRecursively(dir);
    }

    private void abandon() {
        synchronized (this) {
            if (moved) {
                return;
            }
            abandoned = true;
        }
        // Writers still run until the JVM halts: once renamed, their paths lead nowhere and add nothing to delete.
        Path away = dir.resolveSibling(dir.getFileName() + ".abandoned");
        try {
            Files.move(dir, away);
        } catch (IOException e) {
            away = dir;
        }
        try {
            SecureFiles.deleteRecursively(away);
        } catch (RuntimeException e) {
            // the next write into this parent removes what is left (the owner is gone by then)
        }
    }

    /** @return the staging directories in {@code parent} whose owning process is gone */
    static List<Path> stale(Path parent) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            java.util.ArrayList<Path> stale = new java.util.ArrayList<>();
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && !running(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    stale.add(p);
                }
            }
            return stale;
        } catch (IOException | RuntimeException e) {
            return List.of(); // cleanup of others' leftovers must never fail a write
        }
    }

    private static void removeStale(Path parent) {
        for (Path p : stale(parent)) {
            try {
                SecureFiles.deleteRecursively(p);
            } catch (RuntimeException e) {
                // not ours to fail on; the next write tries again
            }
        }
    }

    /** A pid alone may have been reused by now: the start time tells the owner from a newcomer. */
    private static boolean running(long pid, long startMillis) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        return h.isPresent() && h.get().info().startInstant().map(Instant::toEpochMilli)
                .map(t -> startMillis == 0 || Math.abs(t - startMillis) < 2000).orElse(true);
    }

    private static synchronized void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(ACTIVE).forEach(Staging::abandon),
                    "nats-sandbox-staging-cleanup"));
            hookInstalled = true;
        }
    }

    /** A file operation that may fail. */
    interface IoAction {
        void run() throws IOException;
    }
}
