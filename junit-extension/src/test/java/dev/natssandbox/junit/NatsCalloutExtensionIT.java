package dev.natssandbox.junit;

import dev.natssandbox.callout.CalloutClients;
import dev.natssandbox.callout.CalloutDecision;
import dev.natssandbox.callout.CalloutHandler;
import dev.natssandbox.callout.CalloutRefusedException;
import dev.natssandbox.callout.CalloutRequest;
import dev.natssandbox.callout.CalloutUnsupportedException;
import dev.natssandbox.internal.server.BinaryLauncher;
import dev.natssandbox.internal.server.ServerFinder;
import dev.natssandbox.server.ServerVersion;
import io.nats.client.Connection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link NatsCallout @NatsCallout} through the Jupiter engine: a handler class that is private or served from the
 * spec's table works, and each misuse fails with a message naming the test class, the bad value and the fix, leaving
 * no server behind. On servers before 2.10 (no auth callout) only the version refusal is checked.
 */
@RequiresNatsServer
class NatsCalloutExtensionIT {
    /** Where Debian 12 installs nats-server 2.9.10, the matrix's server without auth callout. */
    private static final Path OLD_SERVER = Path.of("/usr/sbin/nats-server");

    static boolean serverHasAuthCallout() {
        return ServerVersion.installed()
                .map(CalloutUnsupportedException::supports).orElse(true);
    }

    private static String message(FixtureRun run) {
        return run.configurationFailure().getMessage();
    }

    @Nested
    @EnabledIf("dev.natssandbox.junit.NatsCalloutExtensionIT#serverHasAuthCallout")
    class Working {
        @Test
        void aPrivateHandlerClassWithAPrivateConstructorServes() {
            FixtureRun run = FixtureRun.run(PrivateHandlerTestCase.class);
            run.assertAllSucceeded(1);
            run.assertNoLeftovers();
        }

        @Test
        void withoutAHandlerTheSpecsTableServesAndRefusesWithItsReason() {
            FixtureRun run = FixtureRun.run(TableTestCase.class);
            run.assertAllSucceeded(1);
            run.assertNoLeftovers();
        }
    }

    @Nested
    @EnabledIf("dev.natssandbox.junit.NatsCalloutExtensionIT#serverHasAuthCallout")
    class Failures {
        @Test
        void aHandlerWithoutAConstructorWithoutArguments() {
            FixtureRun run = FixtureRun.run(NoConstructorTestCase.class);
            assertEquals("[" + NoConstructorTestCase.class.getName() + "]: @NatsCallout handler ["
                    + NeedsArgument.class.getName() + "] has no constructor without arguments; add one", message(run));
            run.assertNoLeftovers();
        }

        @Test
        void anAbstractHandlerClass() {
            FixtureRun run = FixtureRun.run(AbstractHandlerTestCase.class);
            assertEquals("[" + AbstractHandlerTestCase.class.getName() + "]: @NatsCallout handler ["
                    + CalloutTableLike.class.getName() + "] is abstract; give a concrete class with a constructor "
                    + "without arguments", message(run));
            run.assertNoLeftovers();
        }

        @Test
        void assertRefusedFailsForAnAdmittedClientAndForAnotherReason() {
            FixtureRun run = FixtureRun.run(AssertRefusedFailsTestCase.class);
            assertEquals(List.of(
                    "admitted: org.opentest4j.AssertionFailedError: expected client [alice] to be refused by auth "
                            + "callout with reason [anything] but it was admitted",
                    "anotherReason: org.opentest4j.AssertionFailedError: expected client [alice] to be refused by "
                            + "auth callout with reason [no such user] but the reason was [wrong password for user "
                            + "[alice]]"),
                    run.failures().stream().sorted().toList());
            run.assertNoLeftovers();
        }

        @Test
        void anInnerHandlerClass() {
            FixtureRun run = FixtureRun.run(InnerHandlerTestCase.class);
            assertEquals("[" + InnerHandlerTestCase.class.getName() + "]: @NatsCallout handler ["
                    + InnerHandlerTestCase.Inner.class.getName() + "] is an inner class, whose constructor needs an "
                    + "instance of the enclosing class; make it static", message(run));
            run.assertNoLeftovers();
        }

        @Test
        void aHandlerForAServiceThatBringsItsOwnXkey() {
            FixtureRun run = FixtureRun.run(OwnXkeyTestCase.class);
            assertEquals("[" + OwnXkeyTestCase.class.getName() + "]: @NatsCallout handler ["
                    + Admit.class.getName() + "] cannot serve account [AUTH]: its authorization.xkey "
                    + "[XCH76XF3HPZWUDQB5M2JYOQDD5IDSHTEJOI3GPQNQZ6NEJTHJ7VUPFHY] is the public xkey of a service "
                    + "that brings its own keys, so the sandbox has no seed to open the requests; remove the handler "
                    + "and start that service from the injected CalloutEnvironment, or set xkey: generate",
                    message(run));
            run.assertNoLeftovers();
        }

        @Test
        void aHandlerAndTheSpecsTableBothDeciding() {
            FixtureRun run = FixtureRun.run(HandlerAndTableTestCase.class);
            assertEquals("[" + HandlerAndTableTestCase.class.getName() + "]: @NatsCallout handler ["
                    + Admit.class.getName() + "] and the callout_users table of account [AUTH] in the spec both "
                    + "decide; remove the handler to serve the table, or the table to serve the handler",
                    message(run));
            run.assertNoLeftovers();
        }

        @Test
        void anAccountWithoutAuthCallout() {
            FixtureRun run = FixtureRun.run(NoCalloutAccountTestCase.class);
            assertEquals("[" + NoCalloutAccountTestCase.class.getName() + "]: @NatsCallout(account = "
                    + "\"TestAccount\"): account [TestAccount] has no auth callout (no authorization.auth_users); "
                    + "accounts with one: []; name a callout account, or give the account an authorization section "
                    + "in the spec", message(run));
            run.assertNoLeftovers();
        }

        @Test
        void anAccountNotInTheSandbox() {
            FixtureRun run = FixtureRun.run(UnknownAccountTestCase.class);
            assertEquals("[" + UnknownAccountTestCase.class.getName() + "]: @NatsCallout(account = \"AUHT\"): "
                    + "No account [AUHT] in sandbox; accounts are: [AUTH, APP, SYS]; name a callout account, or give "
                    + "the account an authorization section in the spec", message(run));
            run.assertNoLeftovers();
        }

        @Test
        void aSentinelThatIsNoUserOfTheAccount() {
            FixtureRun run = FixtureRun.run(UnknownSentinelTestCase.class);
            String m = message(run);
            assertTrue(m.startsWith("[" + UnknownSentinelTestCase.class.getName() + "]: @NatsCallout(account = "
                    + "\"AUTH\"), sentinel = \"sentinal\": "), m);
            assertTrue(m.contains("[AUTH/sentinal]") && m.endsWith("; the sentinel is a user of account [AUTH] "
                    + "that is not an auth user"), m);
            run.assertNoLeftovers();
        }

        @Test
        void aClientTheTableRefuses() {
            FixtureRun run = FixtureRun.run(UserNotInTableTestCase.class);
            assertEquals("[" + UserNotInTableTestCase.class.getName() + "]: client [alise] was refused by auth "
                    + "callout: Auth callout service returned an error: unknown user [alise]; give credentials the "
                    + "service admits, or to assert a refusal inject CalloutClients and expect "
                    + "CalloutRefusedException", message(run));
            run.assertNoLeftovers();
        }

        @Test
        void aClientWithUserAndToken() {
            FixtureRun run = FixtureRun.run(UserAndTokenTestCase.class);
            assertEquals("[" + UserAndTokenTestCase.class.getName() + "]: @CalloutClient parameter [alice] has user "
                    + "[alice], password […] and token […]; give user (with password) or token, not both and not "
                    + "neither", message(run));
            run.assertNoLeftovers();
        }

        @Test
        void aClientParameterThatIsNoConnection() {
            FixtureRun run = FixtureRun.run(WrongTypeTestCase.class);
            assertTrue(run.singleFailure().getMessage().contains("[" + WrongTypeTestCase.class.getName()
                    + "]: @CalloutClient parameter [alice] must be of type io.nats.client.Connection but was: "
                    + "java.lang.String"), run.singleFailure().getMessage());
            run.assertNoLeftovers();
        }
    }

    @Test
    void aServerBefore210IsRefusedAtSandboxStartNamingTheClaimTheVersionAndTheMinimum() {
        assumeTrue(Files.isExecutable(OLD_SERVER), OLD_SERVER + " is not installed");
        Optional<ServerVersion> version = new BinaryLauncher(OLD_SERVER, ServerFinder.system()).version();
        assumeTrue(version.isPresent() && !CalloutUnsupportedException.supports(version.get()),
                OLD_SERVER + " has auth callout: " + version);

        FixtureRun run = FixtureRun.run(Map.of(NatsSandbox.SERVER_PATH_PROPERTY_NAME, OLD_SERVER.toString()),
                PrivateHandlerTestCase.class);

        String m = message(run);
        assertTrue(m.startsWith("[" + PrivateHandlerTestCase.class.getName() + "]"), m);
        assertTrue(m.contains("nats-server " + version.get() + " (binary [" + OLD_SERVER + "])"), m);
        assertTrue(m.contains("auth callout (the account authorization claim) at [accounts.AUTH.authorization] needs "
                + "nats-server 2.10.0 or newer"), m);
        run.assertNoLeftovers();
    }

    // ---- fixtures, run only through FixtureRun ----

    /** Admits everyone into APP with the permissions the fixtures check. */
    static final class Admit implements CalloutHandler {
        @Override
        public CalloutDecision decide(CalloutRequest request) {
            return CalloutDecision.allow("APP").allowPub("orders.>").allowSub("_INBOX.>");
        }
    }

    static final class NeedsArgument implements CalloutHandler {
        NeedsArgument(String unused) {
        }

        @Override
        public CalloutDecision decide(CalloutRequest request) {
            return CalloutDecision.refuse("never");
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout.yaml")
    @NatsCallout(account = "AUTH", handler = PrivateHandlerTestCase.Private.class, sentinel = "sentinel")
    static class PrivateHandlerTestCase {
        private static final class Private implements CalloutHandler {
            private Private() {
            }

            @Override
            public CalloutDecision decide(CalloutRequest request) {
                return "alice".equals(request.username()) ? CalloutDecision.allow("APP").allowPub("orders.>")
                        : CalloutDecision.refuse("only alice");
            }
        }

        @Test
        void aliceIsAdmitted(@CalloutClient(user = "alice", password = "x") Connection alice,
                             @NatsUser("APP/watcher") Connection watcher, CalloutClients clients) {
            NatsAssertions.assertDelivered(alice, "orders.1", watcher, "orders.>");
            NatsAssertions.assertCannotPublish(alice, "payments.1");
            CalloutRefusedException e = assertThrows(CalloutRefusedException.class,
                    () -> clients.connect("bob", "x"));
            assertEquals("only alice", e.serviceReason());
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout-table.yaml")
    @NatsCallout(account = "AUTH", sentinel = "sentinel")
    static class TableTestCase {
        @Test
        void theTableDecides(@CalloutClient(user = "alice", password = "wonderland") Connection alice,
                             @NatsUser("APP/watcher") Connection watcher, CalloutClients clients) {
            NatsAssertions.assertDelivered(alice, "orders.1", watcher, "orders.>");
            NatsAssertions.assertCannotPublish(alice, "payments.1");
            CalloutRefusedException e = NatsAssertions.assertRefused(clients, "alice", "looking-glass",
                    "wrong password for user [alice]");
            assertEquals("Authorization Violation", e.clientError());
            assertEquals("Auth callout service returned an error: wrong password for user [alice]", e.reason());
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout-table.yaml")
    @NatsCallout(account = "AUTH", sentinel = "sentinel")
    static class AssertRefusedFailsTestCase {
        @Test
        void admitted(CalloutClients clients) {
            NatsAssertions.assertRefused(clients, "alice", "wonderland", "anything");
        }

        @Test
        void anotherReason(CalloutClients clients) {
            NatsAssertions.assertRefused(clients, "alice", "guess", "no such user");
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout.yaml")
    @NatsCallout(account = "AUTH", handler = CalloutTableLike.class, sentinel = "sentinel")
    static class AbstractHandlerTestCase {
        @Test
        void test(CalloutClients clients) {
        }
    }

    abstract static class CalloutTableLike implements CalloutHandler {
    }

    @NatsSandbox(spec = "classpath:specs/callout.yaml")
    @NatsCallout(account = "AUTH", handler = NeedsArgument.class, sentinel = "sentinel")
    static class NoConstructorTestCase {
        @Test
        void test(CalloutClients clients) {
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout.yaml")
    @NatsCallout(account = "AUTH", handler = InnerHandlerTestCase.Inner.class, sentinel = "sentinel")
    static class InnerHandlerTestCase {
        class Inner implements CalloutHandler {
            @Override
            public CalloutDecision decide(CalloutRequest request) {
                return CalloutDecision.refuse("never");
            }
        }

        @Test
        void test(CalloutClients clients) {
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout-own-xkey.yaml")
    @NatsCallout(account = "AUTH", handler = Admit.class, sentinel = "sentinel")
    static class OwnXkeyTestCase {
        @Test
        void test(CalloutClients clients) {
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout-table.yaml")
    @NatsCallout(account = "AUTH", handler = Admit.class, sentinel = "sentinel")
    static class HandlerAndTableTestCase {
        @Test
        void test(CalloutClients clients) {
        }
    }

    @NatsSandbox(spec = "classpath:specs/two-users.yaml")
    @NatsCallout(account = "TestAccount", handler = Admit.class)
    static class NoCalloutAccountTestCase {
        @Test
        void test(CalloutClients clients) {
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout.yaml")
    @NatsCallout(account = "AUHT", handler = Admit.class, sentinel = "sentinel")
    static class UnknownAccountTestCase {
        @Test
        void test(CalloutClients clients) {
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout.yaml")
    @NatsCallout(account = "AUTH", handler = Admit.class, sentinel = "sentinal")
    static class UnknownSentinelTestCase {
        @Test
        void test(CalloutClients clients) {
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout-table.yaml")
    @NatsCallout(account = "AUTH", sentinel = "sentinel")
    static class UserNotInTableTestCase {
        @Test
        void test(@CalloutClient(user = "alise", password = "wonderland") Connection alise) {
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout.yaml")
    @NatsCallout(account = "AUTH", handler = Admit.class, sentinel = "sentinel")
    static class UserAndTokenTestCase {
        @Test
        void test(@CalloutClient(user = "alice", password = "pw", token = "t") Connection alice) {
        }
    }

    @NatsSandbox(spec = "classpath:specs/callout.yaml")
    @NatsCallout(account = "AUTH", handler = Admit.class, sentinel = "sentinel")
    static class WrongTypeTestCase {
        @Test
        void test(@CalloutClient(user = "alice", password = "pw") String alice) {
        }
    }
}
