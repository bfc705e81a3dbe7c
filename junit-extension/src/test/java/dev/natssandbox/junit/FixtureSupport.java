package dev.natssandbox.junit;

import dev.natssandbox.probe.ViolationRecorder;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.TestReporter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code *TestCase} fixtures use to check their injected things and to tell the test what they saw. */
final class FixtureSupport {
    /** Report entry keys a fixture publishes about its sandbox. */
    static final String PID = "nats.pid";
    static final String DIR = "nats.dir";
    static final String URL = "nats.url";

    private FixtureSupport() {
    }

    /**
     * Publishes the server's pid, the sandbox directory and the server URL, having checked that the server runs and
     * the directory exists (so that finding neither after the run means something).
     */
    static void publish(TestReporter reporter, Sandbox sandbox) {
        long pid = sandbox.pid().orElseThrow(() -> new AssertionError("no pid for " + sandbox.serverDescription()));
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(Files.isDirectory(sandbox.directory()));
        reporter.publishEntry(Map.of(PID, Long.toString(pid), DIR, sandbox.directory().toString(), URL,
                sandbox.serverUrl()));
    }

    /**
     * Publishes once and returns what the server answered: the flush returns after the server's PONG, which it
     * sends after any {@code -ERR} for the publish; the empty task then runs after the error listener's callback.
     *
     * @return the error texts the server sent for the publish; empty when it was allowed
     */
    static List<String> errorsAfterPublishing(Connection connection, String subject) throws Exception {
        ViolationRecorder recorder = (ViolationRecorder) connection.getOptions().getErrorListener();
        int before = recorder.all().size();
        connection.publish(subject, "probe".getBytes(StandardCharsets.UTF_8));
        connection.flush(Duration.ofSeconds(10));
        try {
            connection.getOptions().getCallbackExecutor().submit(() -> { }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        List<String> all = recorder.all();
        return all.subList(before, all.size());
    }

    /** Asserts that the connection is the user's: named after it, connected, and confined to its subjects. */
    static void assertIsUser(String qualifiedName, String ownSubject, String foreignSubject, Connection connection)
            throws Exception {
        assertEquals(Connection.Status.CONNECTED, connection.getStatus());
        assertEquals(qualifiedName, connection.getOptions().getConnectionName());
        assertEquals(List.of(), errorsAfterPublishing(connection, ownSubject));
        assertEquals(List.of("Permissions Violation for Publish to \"" + foreignSubject + "\""),
                errorsAfterPublishing(connection, foreignSubject));
    }
}
