package dev.natssandbox.junit;

import dev.natssandbox.sandbox.KeepFiles;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the extension closes and when: connections with the method or class they were injected for, servers and
 * files with their scope, and what it keeps and reports when a test fails.
 */
@RequiresNatsServer
class CleanupIT {
    static final String SPEC = NatsSandboxExtensionIT.SPEC;

    @Test
    void connectionsOfAMethodAreClosedAfterIt() {
        FixtureRun run = FixtureRun.run(MethodConnectionsTestCase.class);
        run.assertAllSucceeded(2);
        run.assertNoLeftovers();
    }

    @Test
    void connectionsOfAClassAreClosedAfterIt() {
        FixtureRun run = FixtureRun.run(ClassConnectionsTestCase.class);
        run.assertAllSucceeded(2);
        run.assertNoLeftovers();
    }

    @Test
    void failedTestPublishesTheServerLogAndKeepsTheFiles() throws Exception {
        FixtureRun run = FixtureRun.run(FailingTestCase.class);
        assertEquals("on purpose", run.singleFailure().getMessage());
        Path dir = Path.of(run.published(FixtureRun.DIR).get(0));
        List<String> reports = run.published(FixtureRun.FAILURE_KEY);
        assertEquals(1, reports.size());
        String report = reports.get(0);
        assertTrue(report.startsWith("server sbx-"), report);
        assertTrue(report.contains(" log tail (" + dir.resolve("nats-server.log") + "):\n"), report);
        assertTrue(report.contains("Server is ready"), report);
        assertEquals(List.of(dir), run.reportedSandboxDirectories());
        assertTrue(Files.isRegularFile(dir.resolve("server.conf")), "kept files");
        run.deleteKeptAndAssertNoLeftovers();
    }

    @Test
    void abortedTestIsNoFailureAndKeepsNothing() {
        FixtureRun run = FixtureRun.run(AbortedTestCase.class);
        assertEquals(List.of(), run.failures());
        assertEquals(2, run.results().allEvents().aborted().count(), "the @BeforeEach and the test aborted");
        assertEquals(List.of(), run.published(FixtureRun.FAILURE_KEY), "no failure reported");
        List<String> dirs = run.published(FixtureRun.DIR);
        assertEquals(2, dirs.size());
        dirs.forEach(dir -> assertFalse(Files.exists(Path.of(dir)), "kept the files of an aborted test: " + dir));
        run.assertNoLeftovers();
    }

    @Test
    void failedTestKeepsNothingWithKeepFilesNever() {
        FixtureRun run = FixtureRun.run(FailingKeepNothingTestCase.class);
        assertEquals("on purpose", run.singleFailure().getMessage());
        assertEquals(1, run.published(FixtureRun.FAILURE_KEY).size());
        assertFalse(Files.exists(run.reportedSandboxDirectories().get(0)));
        run.assertNoLeftovers();
    }

    @Test
    void passingTestKeepsTheFilesWithKeepFilesAlways() {
        FixtureRun run = FixtureRun.run(PassingKeepEverythingTestCase.class);
        run.assertAllSucceeded(1);
        Path dir = Path.of(run.published(FixtureRun.DIR).get(0));
        assertTrue(Files.isRegularFile(dir.resolve("nats-server.log")), "kept files");
        dev.natssandbox.internal.util.SecureFiles.deleteRecursively(dir);
        run.assertNoLeftovers();
    }

    @Test
    void failedTestInMethodScopeKeepsOnlyItsOwnSandbox() {
        FixtureRun run = FixtureRun.run(FailingMethodScopeTestCase.class);
        assertEquals("on purpose", run.singleFailure().getMessage());
        List<String> dirs = run.published(FixtureRun.DIR);
        assertEquals(2, dirs.size());
        Path failed = Path.of(run.publishedBy(FixtureRun.DIR).get("fails"));
        assertEquals(List.of(failed), run.reportedSandboxDirectories());
        assertFalse(Files.exists(Path.of(run.publishedBy(FixtureRun.DIR).get("passes"))));
        run.deleteKeptAndAssertNoLeftovers();
    }

    @Test
    void configurationParameterSetsTheDefaultForKeepingFiles() {
        FixtureRun run = FixtureRun.run(java.util.Map.of(NatsSandbox.KEEP_FILES_PROPERTY_NAME, "never"),
                FailingTestCase.class);
        assertEquals("on purpose", run.singleFailure().getMessage());
        assertFalse(Files.exists(Path.of(run.published(FixtureRun.DIR).get(0))));
        run.assertNoLeftovers();
    }

    @NatsSandbox(spec = SPEC)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MethodConnectionsTestCase {
        @NatsUser("bob")
        Connection bobField;
        final List<Connection> fromFirstTest = new ArrayList<>();

        @BeforeEach
        void beforeEach(@NatsUser("bob") Connection bob) {
            if (fromFirstTest.isEmpty()) {
                fromFirstTest.add(bob);
            }
        }

        @Test
        @Order(1)
        void first(@NatsUser("alice") Connection alice) {
            fromFirstTest.add(alice);
            fromFirstTest.add(bobField);
            fromFirstTest.forEach(c -> assertEquals(Connection.Status.CONNECTED, c.getStatus()));
        }

        @Test
        @Order(2)
        void second(Sandbox sandbox, TestReporter reporter) {
            assertTrue(sandbox.isRunning());
            assertEquals(3, fromFirstTest.size());
            fromFirstTest.forEach(c -> assertEquals(Connection.Status.CLOSED, c.getStatus()));
            assertNotSame(fromFirstTest.get(2), bobField, "field injected again");
            assertEquals(Connection.Status.CONNECTED, bobField.getStatus());
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    /**
     * The nested class's class-level connections must be closed when it finishes, while the enclosing class (and
     * its server) goes on; the enclosing class checks that in its {@code @AfterAll}.
     */
    @NatsSandbox(spec = SPEC)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class ClassConnectionsTestCase {
        @NatsUser("alice")
        static Connection staticAlice;
        final List<Connection> classLevel = new ArrayList<>();
        final List<Connection> nestedClassLevel = new ArrayList<>();

        @BeforeAll
        void beforeAll(@NatsUser("bob") Connection bob) {
            classLevel.add(bob);
            classLevel.add(staticAlice);
        }

        @Test
        void openDuringTheClass() {
            classLevel.forEach(c -> assertEquals(Connection.Status.CONNECTED, c.getStatus()));
        }

        @Nested
        @TestInstance(TestInstance.Lifecycle.PER_CLASS)
        class Inner {
            @NatsUser("alice")
            static Connection innerStaticAlice;

            @BeforeAll
            void beforeAll(@NatsUser("bob") Connection bob) {
                nestedClassLevel.add(bob);
                nestedClassLevel.add(innerStaticAlice);
            }

            @Test
            void openDuringTheNestedClass() {
                classLevel.forEach(c -> assertEquals(Connection.Status.CONNECTED, c.getStatus()));
                nestedClassLevel.forEach(c -> assertEquals(Connection.Status.CONNECTED, c.getStatus()));
            }
        }

        @AfterAll
        void afterAll(Sandbox sandbox, TestReporter reporter) {
            assertTrue(sandbox.isRunning());
            assertEquals(2, nestedClassLevel.size());
            nestedClassLevel.forEach(c -> assertEquals(Connection.Status.CLOSED, c.getStatus()));
            classLevel.forEach(c -> assertEquals(Connection.Status.CONNECTED, c.getStatus()));
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    /**
     * An assumption that fails in a {@code @BeforeEach} (a server too old for the feature) and one in a test: both
     * abort, neither is a failure, so ON_FAILURE (the default) keeps nothing. Method scope: one sandbox each.
     */
    @NatsSandbox(spec = SPEC, scope = SandboxScope.METHOD)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class AbortedTestCase {
        @BeforeEach
        void needsSomething(Sandbox sandbox, TestInfo info, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
            Assumptions.assumeFalse(info.getTestMethod().orElseThrow().getName().equals("abortedInBeforeEach"),
                    "not on this server");
        }

        @Test
        @Order(1)
        void abortedInBeforeEach() {
            fail("not reached");
        }

        @Test
        @Order(2)
        void abortedInTest(@NatsUser("alice") Connection alice) {
            Assumptions.abort("not on this server");
        }
    }

    @NatsSandbox(spec = SPEC)
    static class FailingTestCase {
        @Test
        void fails(Sandbox sandbox, @NatsUser("alice") Connection alice, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
            fail("on purpose");
        }
    }

    @NatsSandbox(spec = SPEC, keepFiles = KeepFiles.NEVER)
    static class FailingKeepNothingTestCase {
        @Test
        void fails() {
            fail("on purpose");
        }
    }

    @NatsSandbox(spec = SPEC, keepFiles = KeepFiles.ALWAYS)
    static class PassingKeepEverythingTestCase {
        @Test
        void passes(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @NatsSandbox(spec = SPEC, scope = SandboxScope.METHOD)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class FailingMethodScopeTestCase {
        @Test
        void fails(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
            fail("on purpose");
        }

        @Test
        void passes(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }
}
