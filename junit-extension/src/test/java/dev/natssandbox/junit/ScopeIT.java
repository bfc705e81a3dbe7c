package dev.natssandbox.junit;

import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.natssandbox.junit.FixtureSupport.assertIsUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** How long a server lives: for a class, for a method, or for every class of a run that declares the same one. */
@RequiresNatsServer
class ScopeIT {
    static final String SPEC = NatsSandboxExtensionIT.SPEC;
    static final String OTHER_SPEC = "classpath:specs/other.yaml";

    @Test
    void classScopeStartsOneServerPerClass() {
        FixtureRun run = FixtureRun.run(ClassScopeTestCase.class, OtherClassScopeTestCase.class);
        run.assertAllSucceeded(4);
        Map<String, String> pids = run.publishedBy(FixtureRun.PID);
        assertEquals(4, pids.size());
        assertEquals(pids.get("first"), pids.get("second"));
        assertEquals(pids.get("first"), pids.get("third"));
        assertNotEquals(pids.get("first"), pids.get("sameSpecInAnotherClass"));
        run.assertNoLeftovers();
    }

    @Test
    void methodScopeStartsOneServerPerMethod() {
        FixtureRun run = FixtureRun.run(MethodScopeTestCase.class);
        run.assertAllSucceeded(3);
        List<String> pids = run.published(FixtureRun.PID);
        assertEquals(3, pids.size());
        assertEquals(3, Set.copyOf(pids).size(), "servers: " + pids);
        run.assertNoLeftovers();
    }

    @Test
    void sharedScopeStartsOneServerPerDeclarationForTheRun() {
        FixtureRun run = FixtureRun.run(SharedTestCase.class, AlsoSharedTestCase.class, SharedOtherSpecTestCase.class);
        run.assertAllSucceeded(3);
        Map<String, String> pids = run.publishedBy(FixtureRun.PID);
        assertEquals(pids.get("shared"), pids.get("alsoShared"));
        assertNotEquals(pids.get("shared"), pids.get("otherSpec"));
        run.assertNoLeftovers();
    }

    @Test
    void sharedScopeCountsEqualModelsAsTheSameDeclaration() {
        FixtureRun run = FixtureRun.run(SharedAnnotationsTestCase.class, SharedRegisteredTestCase.class);
        run.assertAllSucceeded(2);
        Map<String, String> pids = run.publishedBy(FixtureRun.PID);
        assertEquals(2, pids.size());
        assertEquals(pids.get("annotations"), pids.get("registered"));
        run.assertNoLeftovers();
    }

    @NatsSandbox(spec = SPEC)
    static class ClassScopeTestCase {
        @Test
        void first(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }

        @Test
        void second(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }

        @Test
        void third(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @NatsSandbox(spec = SPEC)
    static class OtherClassScopeTestCase {
        @Test
        void sameSpecInAnotherClass(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @NatsSandbox(spec = SPEC, scope = SandboxScope.METHOD)
    static class MethodScopeTestCase {
        @NatsUser("bob")
        Connection bob;
        Sandbox beforeEach;

        @BeforeEach
        void beforeEach(Sandbox sandbox) {
            beforeEach = sandbox;
        }

        @Test
        void first(Sandbox sandbox, @NatsUser("alice") Connection alice, TestReporter reporter) throws Exception {
            check(sandbox, alice, reporter);
        }

        @Test
        void second(Sandbox sandbox, @NatsUser("alice") Connection alice, TestReporter reporter) throws Exception {
            check(sandbox, alice, reporter);
        }

        @Test
        void third(Sandbox sandbox, @NatsUser("alice") Connection alice, TestReporter reporter) throws Exception {
            check(sandbox, alice, reporter);
        }

        private void check(Sandbox sandbox, Connection alice, TestReporter reporter) throws Exception {
            assertSame(beforeEach, sandbox);
            assertEquals(sandbox.serverUrl(), alice.getConnectedUrl());
            assertEquals(sandbox.serverUrl(), bob.getConnectedUrl());
            assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
            assertIsUser("TestAccount/bob", "bob.x", "alice.x", bob);
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @NatsSandbox(spec = SPEC, scope = SandboxScope.SHARED)
    static class SharedTestCase {
        @Test
        void shared(Sandbox sandbox, @NatsUser("alice") Connection alice, TestReporter reporter) throws Exception {
            assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @NatsSandbox(spec = SPEC, scope = SandboxScope.SHARED)
    static class AlsoSharedTestCase {
        @Test
        void alsoShared(Sandbox sandbox, @NatsUser("bob") Connection bob, TestReporter reporter) throws Exception {
            assertIsUser("TestAccount/bob", "bob.x", "alice.x", bob);
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @NatsSandbox(spec = OTHER_SPEC, scope = SandboxScope.SHARED)
    static class SharedOtherSpecTestCase {
        @Test
        void otherSpec(Sandbox sandbox, @NatsUser("carol") Connection carol, TestReporter reporter)
                throws Exception {
            assertIsUser("OtherAccount/carol", "carol.x", "alice.x", carol);
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @NatsSandbox(scope = SandboxScope.SHARED, accounts = @Account(name = "TestAccount", users = {
            @User(name = "alice", allowPub = "alice.>", allowSub = "alice.>"),
            @User(name = "bob", allowPub = "bob.>", allowSub = "bob.>")}))
    static class SharedAnnotationsTestCase {
        @Test
        void annotations(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    static class SharedRegisteredTestCase {
        @RegisterExtension
        static NatsSandboxExtension nats = NatsSandboxExtension.builder().spec(NatsSandboxExtensionIT.fluentSpec())
                .scope(SandboxScope.SHARED).build();

        @Test
        void registered(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }
}
