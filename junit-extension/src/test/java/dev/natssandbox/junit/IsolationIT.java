package dev.natssandbox.junit;

import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.natssandbox.junit.NatsAssertions.assertCanRequest;
import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SandboxScope#ACCOUNT_PER_METHOD}: one server for the run, and for each test method fresh copies of the declared accounts,
 * removed afterwards; tests running at the same time do not see each other's messages.
 */
@RequiresNatsServer
class IsolationIT {
    static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent");

    @Test
    void eachTestGetsItsOwnAccountsOnOneSharedServer() {
        FixtureRun run = FixtureRun.run(PARALLEL, IsolatedTestCase.class, AlsoIsolatedTestCase.class);
        run.assertAllSucceeded(6);
        List<String> pids = run.published(FixtureRun.PID);
        assertEquals(1, Set.copyOf(pids).size(), "one server for the run: " + pids);
        List<String> accounts = run.published("account");
        assertEquals(6, Set.copyOf(accounts).size(), "an account per test: " + accounts);
        run.assertNoLeftovers();
    }

    @NatsSandbox(scope = SandboxScope.ACCOUNT_PER_METHOD, accounts = @Account(name = "App", users = {
            @User(name = "TestService", allowPub = "_INBOX.>", allowSub = "req.a"),
            @User(name = "TestClient", allowPub = {"req.a", "chatter"}, allowSub = {"_INBOX.>", "chatter"})}))
    static class IsolatedTestCase {
        @NatsUser("TestClient")
        Connection fieldClient;

        static void isolated(String marker, Connection client, Sandbox sandbox, TestReporter reporter)
                throws Exception {
            FixtureSupport.publish(reporter, sandbox);
            UserIdentity me = sandbox.hierarchy().user(client.getOptions().getConnectionName());
            reporter.publishEntry("account", me.account());
            assertTrue(me.account().startsWith("App-"), me.account());
            // Everyone publishes on "chatter"; only this test's own message may arrive.
            Subscription sub = client.subscribe("chatter");
            client.flush(Duration.ofSeconds(5));
            client.publish("chatter", marker.getBytes());
            client.flush(Duration.ofSeconds(5));
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertNotNull(m);
            assertEquals(marker, new String(m.getData()));
            client.flush(Duration.ofSeconds(5));
            assertEquals(0, sub.getPendingMessageCount(), "another test's message arrived");
        }

        @Test
        void first(@NatsUser("TestClient") Connection client, @NatsUser("TestService") Connection service,
                   Sandbox sandbox, TestReporter reporter) throws Exception {
            isolated("first", client, sandbox, reporter);
            assertCanRequest(client, service, "req.a");
            assertCannotPublish(client, "req.b");
            assertEquals(client.getOptions().getConnectionName(), fieldClient.getOptions().getConnectionName());
        }

        @Test
        void second(@NatsUser("App/TestClient") Connection client, Sandbox sandbox, TestReporter reporter)
                throws Exception {
            isolated("second", client, sandbox, reporter);
        }

        @Test
        void third(@NatsUser("TestClient") Connection client, Sandbox sandbox, TestReporter reporter)
                throws Exception {
            isolated("third", client, sandbox, reporter);
        }
    }

    @NatsSandbox(scope = SandboxScope.ACCOUNT_PER_METHOD, accounts = @Account(name = "App", users = {
            @User(name = "TestService", allowPub = "_INBOX.>", allowSub = "req.a"),
            @User(name = "TestClient", allowPub = {"req.a", "chatter"}, allowSub = {"_INBOX.>", "chatter"})}))
    static class AlsoIsolatedTestCase {
        @Test
        void fourth(@NatsUser("TestClient") Connection client, Sandbox sandbox, TestReporter reporter)
                throws Exception {
            IsolatedTestCase.isolated("fourth", client, sandbox, reporter);
        }

        @Test
        void fifth(@NatsUser("TestClient") Connection client, Sandbox sandbox, TestReporter reporter)
                throws Exception {
            IsolatedTestCase.isolated("fifth", client, sandbox, reporter);
        }

        @Test
        void sixth(@NatsUser("TestClient") Connection client, Sandbox sandbox, TestReporter reporter)
                throws Exception {
            IsolatedTestCase.isolated("sixth", client, sandbox, reporter);
            assertFalse(sandbox.hierarchy().accountNames().isEmpty());
        }
    }

}
