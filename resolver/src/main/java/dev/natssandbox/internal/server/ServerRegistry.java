package dev.natssandbox.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.internal.util.SecureFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps track of the servers this JVM runs, so none outlives it:
 * <ul>
 *   <li>a JVM shutdown hook closes what owns servers (sandboxes, which also remove their directories), then every
 *   server still open;</li>
 *   <li>each running server has an entry file in {@code <java.io.tmpdir>/nats-sandbox-<user>/running/}, locked by
 *   the owning JVM for as long as it lives. When a JVM dies without closing its servers (kill -9), the operating
 *   system releases the lock; the next sandbox started on the machine finds the unlocked entry and stops the
 *   orphaned server (after checking the process is the same one, by start time) or container, and removes its
 *   directory.</li>
 * </ul>
 */
public final class ServerRegistry {
    private static final System.Logger LOG = System.getLogger(ServerRegistry.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<AutoCloseable> OWNERS = ConcurrentHashMap.newKeySet();
    /**
     * This JVM's own entries. They must never be opened by the reaper: on Linux, closing any descriptor of a file
     * drops every lock the process holds on it, so a look at our own entry would leave it unlocked and another
     * JVM would take our live server for an orphan.
     */
    private static final Set<Path> OWN_ENTRIES = ConcurrentHashMap.newKeySet();
    private static final List<Consumer<String>> CONTAINER_REAPERS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static volatile boolean hookInstalled;
    private static final AtomicReference<CompletableFuture<List<String>>> REAPING =
            new AtomicReference<>(CompletableFuture.completedFuture(List.of()));
    private static CompletableFuture<List<String>> queuedReap; // guarded by REAPING

    private ServerRegistry() {
    }

    /** A registered server: closing it removes the entry and releases the lock. */
    public static final class Registration implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private final AutoCloseable server;

        private Registration(Path file, FileChannel channel, FileLock lock, AutoCloseable server) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.server = server;
        }

        @Override
        public void close() {
            OPEN.remove(server);
            if (channel == null) {
                return;
            }
            try {
                Files.deleteIfExists(file);
                lock.release();
                channel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot remove registry entry " + file + ": " + e);
            } finally {
                OWN_ENTRIES.remove(file);
            }
        }
    }

    /**
     * @return the registry directory: {@code <java.io.tmpdir>/nats-sandbox-<user>/running}
     */
    public static Path directory() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "nats-sandbox-" + user, "running");
    }

    /**
     * Closes {@code owner} when the JVM exits, before any server is closed by the hook, so that it can still tell
     * a server that died from one the hook stopped.
     *
     * @param owner what owns a server, e.g. a sandbox (its close must be idempotent)
     */
    public static void closeAtExit(AutoCloseable owner) {
        installHook();
        OWNERS.add(owner);
    }

    /**
     * @param owner something given to {@link #closeAtExit} that has been closed
     */
    public static void forgetAtExit(AutoCloseable owner) {
        OWNERS.remove(owner);
    }

    /**
     * Adds a reaper for orphaned containers (the Docker launcher registers one).
     *
     * @param reaper removes a container by id
     */
    public static void addContainerReaper(Consumer<String> reaper) {
        CONTAINER_REAPERS.add(reaper);
    }

    /**
     * Registers a running server.
     *
     * @param id          instance id
     * @param server      closed by the shutdown hook if still open
     * @param pid         the server process id, or -1
     * @param containerId the container id, or {@code null}
     * @param directory   the sandbox directory to remove if the server is found orphaned, or {@code null}
     * @return the registration; close it when the server is stopped
     */
    public static Registration register(String id, AutoCloseable server, long pid, String containerId,
                                        Path directory) {
        installHook();
        OPEN.add(server);
        Path dir = directory();
        Path file = dir.resolve(id + ".json").toAbsolutePath().normalize();
        // Written and locked under a name the reaper does not look at, then renamed: a reaper never sees an entry
        // that is not locked yet (the lock belongs to the file, whatever its name).
        Path pending = dir.resolve(id + "." + ProcessHandle.current().pid() + ".pending").toAbsolutePath();
        try {
            SecureFiles.createPrivateDirectories(dir);
            FileChannel channel = FileChannel.open(pending, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock = channel.lock();
            ObjectNode entry = JSON.createObjectNode();
            entry.put("owner_pid", ProcessHandle.current().pid());
            entry.put("server_pid", pid);
            if (pid > 0) {
                ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                        .ifPresent(t -> entry.put("server_start", t.toEpochMilli()));
            }
            if (containerId != null) {
                entry.put("container_id", containerId);
            }
            if (directory != null) {
                entry.put("directory", directory.toAbsolutePath().toString());
            }
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(entry)));
            channel.force(true);
            OWN_ENTRIES.add(file);
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
            return new Registration(file, channel, lock, server);
        } catch (IOException | RuntimeException e) {
            // Orphan cleanup is a safety net; a sandbox must not fail because the temp dir is read-only.
            LOG.log(System.Logger.Level.WARNING, "cannot register server " + id + " in " + dir
                    + "; it will not be cleaned up if this JVM is killed: " + e);
            return new Registration(file, null, null, server);
        }
    }

    /**
     * What launchers call before they start a server. Reaping an orphan waits for its server to stop and deletes
     * its directory (more than a second), which a new sandbox need not wait for: it runs on a daemon thread. Only a
     * server that must bind a fixed port, which an orphan may hold, waits for it.
     *
     * @param port the port the new server binds; -1 (or 0) when it picks a free one
     */
    public static void reapOrphansBeforeLaunch(int port) {
        if (port > 0) {
            reapOrphans();
        } else {
            reapOrphansInBackground();
        }
    }

    /**
     * Starts {@link #reapOrphans()} on a daemon thread; while one runs, one more is queued to follow it (an orphan
     * may have appeared after the running one looked).
     *
     * @return completed with what was reaped
     */
    public static CompletableFuture<List<String>> reapOrphansInBackground() {
        synchronized (REAPING) {
            CompletableFuture<List<String>> running = REAPING.get();
            if (running.isDone()) {
                CompletableFuture<List<String>> next = new CompletableFuture<>();
                REAPING.set(next);
                reapOn(next);
                return next;
            }
            if (queuedReap == null) {
                CompletableFuture<List<String>> queued = new CompletableFuture<>();
                queuedReap = queued;
                running.whenComplete((r, e) -> {
                    synchronized (REAPING) {
                        REAPING.set(queued);
                        queuedReap = null;
                    }
                    reapOn(queued);
                });
            }
            return queuedReap;
        }
    }

    private static void reapOn(CompletableFuture<List<String>> result) {
        Thread t = new Thread(() -> {
            try {
                result.complete(reapOrphans());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "nats-sandbox-reaper");
        t.setDaemon(true);
        t.start();
    }

    /** @return the latest background reap (queued or running), completed when it is done; completed if none ran */
    public static CompletableFuture<List<String>> lastBackgroundReap() {
        synchronized (REAPING) {
            return queuedReap != null ? queuedReap : REAPING.get();
        }
    }

    /**
     * Stops servers and containers left behind by JVMs that died without closing them, and removes their
     * directories. Cheap when there is nothing to do.
     *
     * @return descriptions of what was reaped
     */
    public static List<String> reapOrphans() {
        return reapOrphans(directory());
    }

    /**
     * Like {@link #reapOrphans()}, for the registry kept in {@code dir} instead of {@link #directory()}: the
     * registry of a JVM that ran with another {@code java.io.tmpdir}.
     *
     * @param dir a registry directory ({@code <tmpdir>/nats-sandbox-<user>/running}); nothing happens when it does
     *            not exist
     * @return descriptions of what was reaped
     */
    public static List<String> reapOrphans(Path dir) {
        List<String> reaped = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return reaped;
        }
        List<Path> sorted = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
            entries.forEach(sorted::add);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot scan " + dir + ": " + e);
        }
        // By name: a cluster's servers ("<id>-node-N.json") are stopped before its own entry ("<id>.json") removes
        // the directory that holds all of theirs ('-' sorts before '.').
        sorted.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path entry : sorted) {
            if (OWN_ENTRIES.contains(entry.toAbsolutePath().normalize())) {
                continue; // alive, and opening it would release our lock (see OWN_ENTRIES)
            }
            reapOne(entry).ifPresent(reaped::add);
        }
        removeAbandonedPendingEntries(dir);
        return reaped;
    }

    /** Entries a JVM was killed while writing: unlocked and older than any registration takes. */
    private static void removeAbandonedPendingEntries(Path dir) {
        long cutoff = System.currentTimeMillis() - 60_000;
        String ours = "." + ProcessHandle.current().pid() + ".pending";
        try (DirectoryStream<Path> pending = Files.newDirectoryStream(dir, "*.pending")) {
            for (Path p : pending) {
                if (p.getFileName().toString().endsWith(ours) || Files.getLastModifiedTime(p).toMillis() > cutoff) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot remove abandoned entry " + p + ": " + e);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot scan " + dir + " for abandoned entries: " + e);
        }
    }

    private static Optional<String> reapOne(Path entry) {
        try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return Optional.empty(); // ours, and alive
            }
            if (lock == null) {
                return Optional.empty(); // another live JVM holds it
            }
            try {
                // Read through the locked channel: another descriptor, once closed, would drop the lock.
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 16));
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // fill
                }
                byte[] bytes = java.util.Arrays.copyOf(buffer.array(), buffer.position());
                if (bytes.length == 0) {
                    Files.deleteIfExists(entry); // nothing recorded, nothing to stop
                    return Optional.empty();
                }
                JsonNode e = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
                StringBuilder what = new StringBuilder("orphan of dead JVM " + e.path("owner_pid").asLong());
                long pid = e.path("server_pid").asLong(-1);
                if (pid > 0) {
                    long start = e.path("server_start").asLong(-1);
                    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> sameProcess(h, start))
                            .ifPresent(h -> {
                                stop(h);
                                what.append(": stopped nats-server pid ").append(pid);
                            });
                }
                String container = e.path("container_id").asText("");
                if (!container.isEmpty() && !containerReaperAvailable()) {
                    // Deleting the entry would forget the container for good; a JVM with Docker support reaps it.
                    LOG.log(System.Logger.Level.DEBUG, "left " + entry + " for a JVM with Docker support: "
                            + "container " + container);
                    return Optional.empty();
                }
                if (!container.isEmpty()) {
                    for (Consumer<String> reaper : CONTAINER_REAPERS) {
                        reaper.accept(container);
                    }
                    what.append(": removed container ").append(container);
                }
                String directory = e.path("directory").asText("");
                if (!directory.isEmpty()) {
                    SecureFiles.deleteRecursively(Path.of(directory));
                }
                Files.deleteIfExists(entry);
                LOG.log(System.Logger.Level.INFO, "nats-sandbox: " + what);
                return Optional.of(what.toString());
            } finally {
                if (lock.isValid()) {
                    lock.release();
                }
            }
        } catch (IOException | RuntimeException ex) {
            LOG.log(System.Logger.Level.DEBUG, "cannot reap " + entry + ": " + ex);
            return Optional.empty();
        }
    }

    /**
     * A JVM that only ever used the binary launcher has no container reaper yet: the providers register theirs
     * (the Docker one only when Testcontainers is on the classpath).
     */
    private static boolean containerReaperAvailable() {
        if (CONTAINER_REAPERS.isEmpty()) {
            for (ServerLauncherProvider p : Launchers.installed()) {
                try {
                    p.registerReaper();
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(System.Logger.Level.DEBUG, "no container reaper from " + p + ": " + e);
                }
            }
        }
        return !CONTAINER_REAPERS.isEmpty();
    }

    private static boolean sameProcess(ProcessHandle h, long recordedStartMillis) {
        if (recordedStartMillis < 0) {
            return h.info().command().map(c -> c.contains("nats-server")).orElse(false);
        }
        return h.info().startInstant().map(Instant::toEpochMilli)
                .map(t -> Math.abs(t - recordedStartMillis) < 2000).orElse(false);
    }

    /**
     * Stops a process: SIGTERM, up to 5 s, then SIGKILL.
     *
     * @param h the process
     */
    static void stop(ProcessHandle h) {
        h.destroy();
        try {
            h.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception timeout) {
            h.destroyForcibly();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's liveness checks
            }
        }
    }

    private static void closeAll(Set<AutoCloseable> set) {
        for (AutoCloseable c : List.copyOf(set)) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the JVM is exiting; do what can be done for the others
            }
        }
    }

    private static synchronized void installHook() {
        if (hookInstalled) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(OWNERS);
            closeAll(OPEN);
        }, "nats-sandbox-shutdown"));
        hookInstalled = true;
    }
}
