package dev.natssandbox.junit;

import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.natssandbox.junit.FixtureSupport.assertIsUser;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Classes and methods running concurrently each get their own user's connection, and nothing is left. */
@RequiresNatsServer
class ParallelIT {
    static final String SPEC = NatsSandboxExtensionIT.SPEC;
    static final int REPETITIONS = 6;

    static final Map<String, String> CONCURRENT = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "6");

    @Test
    void concurrentClassesAndMethodsGetTheRightUsers() {
        FixtureRun run = FixtureRun.run(CONCURRENT, ClassScopeTestCase.class, MethodScopeTestCase.class,
                SharedTestCase.class, AlsoSharedTestCase.class, RegisteredTestCase.class);
        run.assertAllSucceeded(REPETITIONS * 11L);
        List<String> pids = run.published(FixtureRun.PID);
        assertEquals(REPETITIONS * 11, pids.size());
        // one for each CLASS-scope class, one per METHOD-scope test, one for both SHARED classes
        assertEquals(2 + REPETITIONS * 2 + 1, Set.copyOf(pids).size(), "servers: " + Set.copyOf(pids));
        run.assertNoLeftovers();
    }

    static void check(Sandbox sandbox, Connection alice, Connection bob, TestReporter reporter) throws Exception {
        assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
        assertIsUser("TestAccount/bob", "bob.x", "alice.x", bob);
        FixtureSupport.publish(reporter, sandbox);
    }

    @NatsSandbox(spec = SPEC)
    static class ClassScopeTestCase {
        @NatsUser("bob")
        Connection bob;

        @RepeatedTest(REPETITIONS)
        void aliceAndBob(Sandbox sandbox, @NatsUser("alice") Connection alice, TestReporter reporter)
                throws Exception {
            check(sandbox, alice, bob, reporter);
        }

        @RepeatedTest(REPETITIONS)
        void bobAndAlice(Sandbox sandbox, @NatsUser("bob") Connection bob, @NatsUser("alice") Connection alice,
                         TestReporter reporter) throws Exception {
            check(sandbox, alice, bob, reporter);
        }
    }

    @NatsSandbox(spec = SPEC, scope = SandboxScope.METHOD)
    static class MethodScopeTestCase {
        @NatsUser("alice")
        Connection alice;

        @RepeatedTest(REPETITIONS)
        void aliceAndBob(Sandbox sandbox, @NatsUser("bob") Connection bob, TestReporter reporter) throws Exception {
            check(sandbox, alice, bob, reporter);
        }

        @RepeatedTest(REPETITIONS)
        void bobAndAlice(Sandbox sandbox, @NatsUser("bob") Connection bob, TestReporter reporter) throws Exception {
            check(sandbox, alice, bob, reporter);
        }
    }

    @NatsSandbox(spec = SPEC, scope = SandboxScope.SHARED)
    static class SharedTestCase {
        @RepeatedTest(REPETITIONS)
        void aliceAndBob(Sandbox sandbox, @NatsUser("alice") Connection alice, @NatsUser("bob") Connection bob,
                         TestReporter reporter) throws Exception {
            check(sandbox, alice, bob, reporter);
        }

        @RepeatedTest(REPETITIONS)
        void bobAndAlice(Sandbox sandbox, @NatsUser("bob") Connection bob, @NatsUser("alice") Connection alice,
                         TestReporter reporter) throws Exception {
            check(sandbox, alice, bob, reporter);
        }
    }

    @NatsSandbox(spec = SPEC, scope = SandboxScope.SHARED)
    static class AlsoSharedTestCase {
        @NatsUser("alice")
        Connection alice;
        @NatsUser("bob")
        Connection bob;

        @RepeatedTest(REPETITIONS)
        void fields(Sandbox sandbox, TestReporter reporter) throws Exception {
            check(sandbox, alice, bob, reporter);
        }

        @RepeatedTest(REPETITIONS)
        void fieldsAgain(Sandbox sandbox, TestReporter reporter) throws Exception {
            check(sandbox, alice, bob, reporter);
        }
    }

    static class RegisteredTestCase {
        @RegisterExtension
        static NatsSandboxExtension nats = NatsSandboxExtension.builder().spec(SPEC).build();

        /** One connection for all tests of the class: probing it concurrently would mix up their errors. */
        @NatsUser("alice")
        static Connection sharedAlice;

        @RepeatedTest(REPETITIONS)
        void staticAndParameter(Sandbox sandbox, @NatsUser("alice") Connection alice, @NatsUser("bob") Connection bob,
                                TestReporter reporter) throws Exception {
            assertEquals(Connection.Status.CONNECTED, sharedAlice.getStatus());
            assertEquals("TestAccount/alice", sharedAlice.getOptions().getConnectionName());
            check(sandbox, alice, bob, reporter);
        }

        @RepeatedTest(REPETITIONS)
        void parameters(Sandbox sandbox, @NatsUser("alice") Connection alice, @NatsUser("bob") Connection bob,
                        TestReporter reporter) throws Exception {
            check(sandbox, alice, bob, reporter);
        }

        @RepeatedTest(REPETITIONS)
        void bobAndAlice(Sandbox sandbox, @NatsUser("bob") Connection bob, @NatsUser("alice") Connection alice,
                         TestReporter reporter) throws Exception {
            check(sandbox, alice, bob, reporter);
        }
    }
}
