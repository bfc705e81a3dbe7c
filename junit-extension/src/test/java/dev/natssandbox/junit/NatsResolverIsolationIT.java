package dev.natssandbox.junit;

import dev.natssandbox.model.ResolverType;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.util.List;
import java.util.Set;

import static dev.natssandbox.junit.NatsAssertions.assertCanRequest;
import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code @NatsSandbox(resolver = FULL)}: the NATS-based resolver, also under {@link SandboxScope#ACCOUNT_PER_METHOD}, where each
 * test's accounts are pushed to the shared server and deleted after the test.
 */
@RequiresNatsServer
class NatsResolverIsolationIT {
    @Test
    void isolatedAccountsArePushedToOneSharedFullResolver() {
        FixtureRun run = FixtureRun.run(IsolationIT.PARALLEL, FullResolverTestCase.class);
        run.assertAllSucceeded(3);
        assertEquals(List.of("FULL", "FULL", "FULL"), run.published("resolver"));
        List<String> accounts = run.published("account");
        assertEquals(3, Set.copyOf(accounts).size(), "an account per test: " + accounts);
        assertEquals(1, Set.copyOf(run.published(FixtureRun.PID)).size());
        run.assertNoLeftovers();
    }

    @NatsSandbox(scope = SandboxScope.ACCOUNT_PER_METHOD, resolver = ResolverType.FULL, accounts = @Account(name = "App", users = {
            @User(name = "TestService", allowPub = "_INBOX.>", allowSub = "req.a"),
            @User(name = "TestClient", allowPub = {"req.a", "chatter"}, allowSub = {"_INBOX.>", "chatter"})}))
    static class FullResolverTestCase {
        private static void check(Connection client, Connection service, Sandbox sandbox, TestReporter reporter)
                throws Exception {
            reporter.publishEntry("resolver", sandbox.spec().server().resolver().name());
            IsolationIT.IsolatedTestCase.isolated(client.getOptions().getConnectionName(), client, sandbox, reporter);
            assertCanRequest(client, service, "req.a");
            assertCannotPublish(client, "req.b");
        }

        @Test
        void first(@NatsUser("TestClient") Connection client, @NatsUser("TestService") Connection service,
                   Sandbox sandbox, TestReporter reporter) throws Exception {
            check(client, service, sandbox, reporter);
        }

        @Test
        void second(@NatsUser("TestClient") Connection client, @NatsUser("TestService") Connection service,
                    Sandbox sandbox, TestReporter reporter) throws Exception {
            check(client, service, sandbox, reporter);
        }

        @Test
        void third(@NatsUser("TestClient") Connection client, @NatsUser("TestService") Connection service,
                   Sandbox sandbox, TestReporter reporter) throws Exception {
            check(client, service, sandbox, reporter);
        }
    }
}
