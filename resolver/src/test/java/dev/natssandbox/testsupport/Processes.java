package dev.natssandbox.testsupport;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/** Process checks for integration tests. */
public final class Processes {
    private Processes() {
    }

    /** @return the nats-server processes this JVM started that are still running */
    public static Set<ProcessHandle> natsServerChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("nats-server")).orElse(false))
                .collect(Collectors.toSet());
    }

    /**
     * @param pid a process id
     * @return whether a process with that id is running
     */
    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Waits for a process to end; the deadline only bounds a broken test, it decides nothing.
     *
     * @param pid      the process
     * @param deadline how long at most
     */
    public static void awaitExit(long pid, Duration deadline) {
        ProcessHandle.of(pid).ifPresent(h -> awaitExit(h, deadline));
    }

    /**
     * @param h        the process
     * @param deadline how long at most
     */
    public static void awaitExit(ProcessHandle h, Duration deadline) {
        try {
            h.onExit().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail("process " + h.pid() + " " + h.info().commandLine().orElse("") + " still runs after " + deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        } catch (ExecutionException e) {
            fail(e);
        }
    }
}
