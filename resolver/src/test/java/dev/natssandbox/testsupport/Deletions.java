package dev.natssandbox.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits for a path to be deleted by someone else (a reaper in this or another JVM), woken by the file system's own
 * delete events rather than by polling.
 */
public final class Deletions {
    private Deletions() {
    }

    /**
     * @param path     what must vanish
     * @param deadline how long that may take at most
     */
    public static void awaitDeleted(Path path, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            path.getParent().register(watch, StandardWatchEventKinds.ENTRY_DELETE);
            while (Files.exists(path)) {
                long left = end - System.nanoTime();
                WatchKey key = left > 0 ? watch.poll(left, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    fail(path + " still exists after " + deadline);
                }
                key.pollEvents();
                key.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for " + path + " to be deleted");
        }
    }
}
