package dev.natssandbox.junit;

import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.Set;

import static dev.natssandbox.junit.FixtureSupport.assertIsUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Where {@code @NatsSandbox} is found (composed annotations, enclosing classes of {@code @Nested} classes), duplicate
 * names in annotations, and which classes share the server of {@link SandboxScope#ACCOUNT_PER_METHOD}.
 */
@RequiresNatsServer
class DeclarationsIT {
    static final Map<String, String> PARALLEL = IsolationIT.PARALLEL;

    @Test
    void aComposedAnnotationCarryingNatsSandboxDeclaresTheSandbox() {
        FixtureRun run = FixtureRun.run(ComposedTestCase.class);
        run.assertAllSucceeded(1);
        run.assertNoLeftovers();
    }

    @Test
    void aNestedClassUsesTheComposedDeclarationOfItsEnclosingClass() {
        FixtureRun run = FixtureRun.run(ComposedEnclosingTestCase.class);
        run.assertAllSucceeded(2);
        assertEquals(1, Set.copyOf(run.published(FixtureRun.PID)).size(), "one server");
        run.assertNoLeftovers();
    }

    @Test
    void twoUsersOfOneNameInAnAccountAreRefused() {
        FixtureRun run = FixtureRun.run(DuplicateUserTestCase.class);
        assertEquals("[" + DuplicateUserTestCase.class.getName() + "]: invalid @NatsSandbox accounts: "
                + "accounts.App.users: duplicate @User name [alice] in @Account [App]; each @User of an account "
                + "needs a name of its own. Keep one of them or rename one", run.configurationFailure().getMessage());
    }

    @Test
    void twoAccountsOfOneNameAreRefused() {
        FixtureRun run = FixtureRun.run(DuplicateAccountTestCase.class);
        assertEquals("[" + DuplicateAccountTestCase.class.getName() + "]: invalid @NatsSandbox accounts: "
                + "accounts: duplicate @Account name [App]; each @Account needs a name of its own. Keep one of them "
                + "or rename one", run.configurationFailure().getMessage());
    }

    @Test
    void aComposedDeclarationWithADuplicateIsReadAndRefused() {
        FixtureRun run = FixtureRun.run(ComposedDuplicateTestCase.class);
        assertEquals("[" + ComposedDuplicateTestCase.class.getName() + "]: invalid @NatsSandbox accounts: "
                + "accounts: duplicate @Account name [Twice]; each @Account needs a name of its own. Keep one of them "
                + "or rename one", run.configurationFailure().getMessage());
    }

    @Test
    void isolatedClassesWithTheSameOperatorShareOneServerWhateverAccountsTheyDeclare() {
        FixtureRun run = FixtureRun.run(PARALLEL, IsolatedOrdersTestCase.class, IsolatedBillingTestCase.class,
                IsolatedOrdersAndBillingTestCase.class, IsolatedOtherOperatorTestCase.class);
        run.assertAllSucceeded(4);
        Map<String, String> pids = run.publishedBy(FixtureRun.PID);
        assertEquals(1, Set.copyOf(java.util.List.of(pids.get("orders"), pids.get("billing"),
                pids.get("ordersAndBilling"))).size(), "one server for the operator Test: " + pids);
        assertNotEquals(pids.get("orders"), pids.get("otherOperator"), "another operator, another server");
        run.assertNoLeftovers();
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @NatsSandbox(accounts = @Account(name = "TestAccount", users = {
            @User(name = "alice", allowPub = "alice.>", allowSub = "alice.>"),
            @User(name = "bob", allowPub = "bob.>", allowSub = "bob.>")}))
    @interface AliceAndBobSandbox {
    }

    @AliceAndBobSandbox
    static class ComposedTestCase {
        @Test
        void composed(@NatsUser("alice") Connection alice, @NatsUser("bob") Connection bob, Sandbox sandbox,
                      TestReporter reporter) throws Exception {
            assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
            assertIsUser("TestAccount/bob", "bob.x", "alice.x", bob);
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @AliceAndBobSandbox
    static class ComposedEnclosingTestCase {
        @Test
        void outer(Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }

        @Nested
        class Inner {
            @Test
            void inner(@NatsUser("alice") Connection alice, Sandbox sandbox, TestReporter reporter) throws Exception {
                assertIsUser("TestAccount/alice", "alice.x", "bob.x", alice);
                FixtureSupport.publish(reporter, sandbox);
            }
        }
    }

    @NatsSandbox(accounts = @Account(name = "App", users = {@User(name = "alice", allowPub = "a"),
            @User(name = "alice", allowPub = "b")}))
    static class DuplicateUserTestCase {
        @Test
        void never() {
        }
    }

    @NatsSandbox(accounts = {@Account(name = "App", users = @User(name = "alice")),
            @Account(name = "App", users = @User(name = "bob"))})
    static class DuplicateAccountTestCase {
        @Test
        void never() {
        }
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @NatsSandbox(accounts = {@Account(name = "Twice"), @Account(name = "Twice")})
    @interface TwiceSandbox {
    }

    @TwiceSandbox
    static class ComposedDuplicateTestCase {
        @Test
        void never() {
        }
    }

    @NatsSandbox(scope = SandboxScope.ACCOUNT_PER_METHOD, accounts = @Account(name = "Orders", users = @User(name = "o")))
    static class IsolatedOrdersTestCase {
        @Test
        void orders(@NatsUser("o") Connection c, Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @NatsSandbox(scope = SandboxScope.ACCOUNT_PER_METHOD, accounts = @Account(name = "Billing", users = @User(name = "b")))
    static class IsolatedBillingTestCase {
        @Test
        void billing(@NatsUser("b") Connection c, Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @NatsSandbox(scope = SandboxScope.ACCOUNT_PER_METHOD, accounts = {@Account(name = "Orders", users = @User(name = "o")),
            @Account(name = "Billing", exportServices = "bill.>", users = @User(name = "b"))})
    static class IsolatedOrdersAndBillingTestCase {
        @Test
        void ordersAndBilling(@NatsUser("o") Connection o, @NatsUser("b") Connection b, Sandbox sandbox,
                              TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }

    @NatsSandbox(scope = SandboxScope.ACCOUNT_PER_METHOD, operator = "Other", accounts = @Account(name = "Orders",
            users = @User(name = "o")))
    static class IsolatedOtherOperatorTestCase {
        @Test
        void otherOperator(@NatsUser("o") Connection c, Sandbox sandbox, TestReporter reporter) {
            FixtureSupport.publish(reporter, sandbox);
        }
    }
}
