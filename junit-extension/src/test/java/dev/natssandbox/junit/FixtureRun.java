package dev.natssandbox.junit;

import dev.natssandbox.internal.util.SecureFiles;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs {@code *TestCase} fixtures through the Jupiter engine with {@link EngineTestKit} and reads what they and the
 * extension reported. Fixtures publish their sandbox with {@link FixtureSupport#publish}; after the run,
 * {@link #assertNoLeftovers()} checks that every server they saw has exited and every directory is gone.
 */
final class FixtureRun {
    static final String PID = FixtureSupport.PID;
    static final String DIR = FixtureSupport.DIR;
    static final String URL = FixtureSupport.URL;
    /** The key of the entry the extension publishes when a test fails. */
    static final String FAILURE_KEY = "nats-sandbox";

    private static final Pattern LOG_IN_FAILURE = Pattern.compile("log tail \\((.+)\\):");
    /** A cluster's report heads each server's tail with its log, {@code <cluster dir>/node-<i>/<log>}. */
    private static final Pattern CLUSTER_LOG_IN_FAILURE = Pattern.compile("\n--- \\S+ \\((.+)/node-\\d+/[^/]+\\)\n");

    private final EngineExecutionResults results;

    private FixtureRun(EngineExecutionResults results) {
        this.results = results;
    }

    static FixtureRun run(Class<?>... fixtures) {
        return run(Map.of(), fixtures);
    }

    static FixtureRun run(Map<String, String> parameters, Class<?>... fixtures) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").configurationParameters(parameters);
        Arrays.stream(fixtures).forEach(f -> kit.selectors(selectClass(f)));
        return new FixtureRun(kit.execute());
    }

    EngineExecutionResults results() {
        return results;
    }

    Events tests() {
        return results.testEvents();
    }

    /** Asserts that every test succeeded, that there were that many, and that no container failed. */
    void assertAllSucceeded(long tests) {
        assertEquals(List.of(), failures(), "failures");
        assertEquals(tests, tests().succeeded().count(), "succeeded tests");
        assertEquals(0, results.allEvents().skipped().count(), "skipped");
    }

    /** @return each published value of the key, in publishing order */
    List<String> published(String key) {
        return entries().stream().map(e -> e.getKeyValuePairs().get(key)).filter(v -> v != null).toList();
    }

    /**
     * @return each published value of the key by the name of the test method (or the simple name of the class) that
     *         published it
     */
    Map<String, String> publishedBy(String key) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (Event e : results.allEvents().reportingEntryPublished().list()) {
            String v = e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key);
            if (v != null) {
                byName.put(name(e.getTestDescriptor()), v);
            }
        }
        return byName;
    }

    private static String name(TestDescriptor descriptor) {
        return descriptor.getSource().map(source -> source instanceof MethodSource m ? m.getMethodName()
                : source instanceof ClassSource c ? c.getJavaClass().getSimpleName()
                : descriptor.getDisplayName()).orElse(descriptor.getDisplayName());
    }

    private List<ReportEntry> entries() {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class)).toList();
    }

    /** @return every failure of a test or container, as "display name: exception" */
    List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (Event e : results.allEvents().failed().list()) {
            failures.add(name(e.getTestDescriptor()) + ": "
                    + e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow());
        }
        return failures;
    }

    /** @return the exceptions of the failed tests and containers, in the order they failed */
    List<Throwable> failureExceptions() {
        return results.allEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()).toList();
    }

    /** @return the exception of the one failed test or container */
    Throwable singleFailure() {
        List<Event> failed = results.allEvents().failed().list();
        assertEquals(1, failed.size(), () -> "failures: " + failures());
        return failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    /** @return the {@link ExtensionConfigurationException} in the cause chain of the one failure */
    ExtensionConfigurationException configurationFailure() {
        Throwable failure = singleFailure();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExtensionConfigurationException e) {
                return e;
            }
        }
        return fail("no ExtensionConfigurationException in the cause chain", failure);
    }

    /**
     * Deletes the files kept of sandboxes the extension reported as failed, then checks that the run left nothing
     * behind: every server a fixture published has exited, no nats-server is a child of this JVM (the engine test kit
     * runs in it, so its servers would be), and every published sandbox directory is gone.
     */
    void assertNoLeftovers() {
        // What the extension kept of sandboxes whose fixture failed on purpose (ON_FAILURE) is not a leftover of the
        // extension; it goes here, so that the run leaves nothing (the build's leak guard checks that).
        reportedSandboxDirectories().forEach(SecureFiles::deleteRecursively);
        for (String pid : published(PID)) {
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid));
            assertFalse(process.map(ProcessHandle::isAlive).orElse(false), "nats-server pid " + pid + " is alive");
        }
        List<String> servers = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .filter(c -> c.contains("nats-server")).toList();
        assertEquals(List.of(), servers, "nats-server processes left running");
        for (String dir : published(DIR)) {
            assertFalse(Files.exists(Path.of(dir)), "sandbox directory " + dir + " is left");
        }
    }

    /**
     * @return the directories of the sandboxes the extension reported as failed (from the log path in its
     *         {@value #FAILURE_KEY} entries), in reporting order and without repeats
     */
    List<Path> reportedSandboxDirectories() {
        return published(FAILURE_KEY).stream().map(text -> {
            Matcher cluster = CLUSTER_LOG_IN_FAILURE.matcher(text);
            if (cluster.find()) {
                return Path.of(cluster.group(1));
            }
            Matcher m = LOG_IN_FAILURE.matcher(text);
            assertTrue(m.find(), () -> "no log path in " + text);
            return Path.of(m.group(1)).getParent();
        }).distinct().toList();
    }

    /**
     * Checks that the sandboxes the extension reported as failed kept their files (ON_FAILURE, the default),
     * deletes them, then checks for leftovers.
     */
    void deleteKeptAndAssertNoLeftovers() {
        for (Path dir : reportedSandboxDirectories()) {
            assertTrue(Files.isDirectory(dir), () -> "failed sandbox's files not kept: " + dir);
            SecureFiles.deleteRecursively(dir);
        }
        assertNoLeftovers();
    }
}
