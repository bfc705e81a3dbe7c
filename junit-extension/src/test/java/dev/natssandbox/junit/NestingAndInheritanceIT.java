package dev.natssandbox.junit;

import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.util.Map;
import java.util.Set;

import static dev.natssandbox.junit.FixtureSupport.assertIsUser;
import static dev.natssandbox.junit.FixtureSupport.errorsAfterPublishing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which sandbox @Nested classes and subclasses see. */
@RequiresNatsServer
class NestingAndInheritanceIT {
    static final String SPEC = NatsSandboxExtensionIT.SPEC;

    @Test
    void nestedClassUsesTheSandboxOfItsEnclosingClass() {
        FixtureRun run = FixtureRun.run(EnclosingTestCase.class);
        run.assertAllSucceeded(2);
        assertEquals(2, run.published(FixtureRun.PID).size());
        assertEquals(1, Set.copyOf(run.published(FixtureRun.PID)).size(), "one server");
        run.assertNoLeftovers();
    }

    @Test
    void nestedClassWithADeclarationOfItsOwnGetsAnotherSandbox() {
        FixtureRun run = FixtureRun.run(EnclosingWithOtherNestedTestCase.class);
        run.assertAllSucceeded(2);
        Map<String, String> pids = run.publishedBy(FixtureRun.PID);
        assertEquals(2, pids.size());
        assertNotEquals(pids.get("outer"), pids.get("inner"));
        run.assertNoLeftovers();
    }

    @Test
    void declarationIsInheritedFromTheSuperclass() {
        FixtureRun run = FixtureRun.run(InheritingTestCase.class);
        run.assertAllSucceeded(1);
        run.assertNoLeftovers();
    }

    @NatsSandbox(spec = SPEC)
    static class EnclosingTestCase {
        @Test
        void outer(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }

        @Nested
        class Inner {
            @NatsUser("bob")
            Connection bob;

            @Test
            void inner(Sandbox sandbox, @NatsUser("alice") Connection alice, TestReporter reporter)
                    throws Exception {
                assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
                assertIsUser("TestAccount/bob", "bob.x", "alice.x", bob);
                FixtureSupport.publish(reporter, sandbox);
            }
        }
    }

    @NatsSandbox(spec = SPEC)
    static class EnclosingWithOtherNestedTestCase {
        @NatsUser("alice")
        Connection alice;

        @Test
        void outer(Sandbox sandbox, TestReporter reporter) throws Exception {
            assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
            FixtureSupport.publish(reporter, sandbox);
        }

        @Nested
        @NatsSandbox(spec = "classpath:specs/other.yaml")
        class Inner {
            @NatsUser("carol")
            Connection carol;

            @Test
            void inner(Sandbox sandbox, TestReporter reporter) throws Exception {
                assertIsUser("OtherAccount/carol", "carol.x", "alice.x", carol);
                assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
                FixtureSupport.publish(reporter, sandbox);
            }
        }
    }

    @NatsSandbox(spec = SPEC)
    abstract static class SandboxBase {
        @NatsUser("alice")
        Connection alice;
    }

    static class InheritingTestCase extends SandboxBase {
        @Test
        void inheritedDeclarationAndField(@NatsUser("bob") Connection bob, Sandbox sandbox, TestReporter reporter)
                throws Exception {
            assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
            assertIsUser("TestAccount/bob", "bob.x", "alice.x", bob);
            assertTrue(errorsAfterPublishing(alice, "alice.y").isEmpty());
            FixtureSupport.publish(reporter, sandbox);
        }
    }
}
