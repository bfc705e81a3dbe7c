package dev.natssandbox.callout;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.probe.PermissionProbe;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.ServerVersion;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Operator mode (the callout account's JWT has the {@code authorization} claim) with the service in this JVM: jnats
 * clients get exactly the account and permissions decided, with and without xkey encryption; refusals reach the test
 * with the service's reason. On a server older than 2.10 the service refuses to start, naming the version.
 */
@RequiresNatsServer
class CalloutOperatorModeIT {
    static final CalloutHandler HANDLER = request -> switch (request.username().isEmpty()
            ? "token:" + request.authToken() : request.username()) {
        case "alice" -> request.password().equals("wonderland")
                ? CalloutDecision.allow("APP").allowPub("orders.>").allowSub("_INBOX.>")
                : CalloutDecision.refuse("wrong password for alice");
        case "bob" -> CalloutDecision.allow("OTHER");
        case "token:t-123" -> CalloutDecision.allow("APP").allowPub("orders.token");
        case "mallory" -> CalloutDecision.allow("SYS");
        default -> CalloutDecision.refuse("no user [" + request.username() + "]");
    };

    private final PermissionProbe probe = PermissionProbe.forConnections();
    private Sandbox sandbox;
    private CalloutService service;
    private CalloutClients clients;

    static SandboxSpec spec(boolean xkey) {
        return SandboxSpec.operator("Test")
                .account("AUTH", a -> a.user("service").user("sentinel", u -> u.denyPub(">").denySub(">"))
                        .authCallout(c -> {
                            c.authUser("service").allowAccount("APP").allowAccount("OTHER");
                            if (xkey) {
                                c.generateXkey();
                            }
                        }))
                .account("APP", a -> a.user("watcher"))
                .account("OTHER", a -> a.user("watcher"))
                .build();
    }

    /**
     * Skips the test on servers before 2.10: a sandbox refuses a spec with auth callout on them (see
     * {@link CalloutUnsupportedIT}).
     */
    static void assumeAuthCallout() {
        ServerVersion version = ExternalTools.natsServerVersion();
        assumeTrue(CalloutUnsupportedException.supports(version), "auth callout needs 2.10+; server is " + version);
    }

    private void start(boolean xkey) {
        assumeAuthCallout();
        sandbox = Sandbox.start(spec(xkey));
        CalloutEnvironment env = CalloutEnvironment.of(sandbox, "AUTH");
        service = CalloutService.start(env, HANDLER);
        clients = CalloutClients.of(sandbox, env, "AUTH/sentinel");
        assertEquals(xkey, env.xkey().isPresent());
    }

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        if (service != null) {
            service.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @ParameterizedTest(name = "xkey {0}")
    @ValueSource(booleans = {false, true})
    void anAdmittedClientGetsExactlyTheDecidedAccountAndPermissions(boolean xkey) {
        start(xkey);
        Connection alice = clients.connect("alice", "wonderland");
        Connection appWatcher = sandbox.connect("APP/watcher");
        Connection otherWatcher = sandbox.connect("OTHER/watcher");

        assertTrue(probe.publish(alice, "orders.new").allowed());
        assertFalse(probe.publish(alice, "payments.new").allowed());
        assertTrue(probe.subscribe(alice, "_INBOX.x").allowed());
        assertFalse(probe.subscribe(alice, "orders.>").allowed());
        assertTrue(probe.delivery(alice, "orders.new", appWatcher, "orders.>").delivered());
        assertFalse(probe.delivery(alice, "orders.new", otherWatcher, "orders.>").delivered());
        assertTrue(service.decisions() >= 1);
    }

    @ParameterizedTest(name = "xkey {0}")
    @ValueSource(booleans = {false, true})
    void anotherUserLandsInTheOtherAccountWithDefaultPermissions(boolean xkey) {
        start(xkey);
        Connection bob = clients.connect("bob", "any");

        assertTrue(probe.publish(bob, "payments.new").allowed());
        assertTrue(probe.delivery(bob, "x.y", sandbox.connect("OTHER/watcher"), "x.>").delivered());
        assertFalse(probe.delivery(bob, "x.y", sandbox.connect("APP/watcher"), "x.>").delivered());
    }

    @ParameterizedTest(name = "xkey {0}")
    @ValueSource(booleans = {false, true})
    void refusalsCarryTheServiceReason(boolean xkey) {
        start(xkey);

        CalloutRefusedException wrong = assertThrows(CalloutRefusedException.class,
                () -> clients.connect("alice", "looking-glass"));
        CalloutRefusedException unknown = assertThrows(CalloutRefusedException.class,
                () -> clients.connect("carol", "x"));

        assertEquals("wrong password for alice", wrong.serviceReason(), wrong.reason());
        assertEquals("Auth callout service returned an error: no user [carol]", unknown.reason());
        // No server version sends the service's reason to the client: the client sees only this.
        assertEquals("Authorization Violation", wrong.clientError());
        assertEquals("Authorization Violation", unknown.clientError());
    }

    @Test
    void aTokenClientIsAdmittedByItsToken() {
        start(false);
        Connection c = clients.connectWithToken("t-123");

        assertTrue(probe.publish(c, "orders.token").allowed());
        assertFalse(probe.publish(c, "orders.other").allowed());
    }

    @Test
    void anAccountTheServiceMayNotUseIsRefusedWithAReasonNamingIt() {
        start(false);

        CalloutRefusedException e = assertThrows(CalloutRefusedException.class,
                () -> clients.connect("mallory", "x"));

        assertTrue(e.serviceReason().contains("[SYS]"), e.reason());
    }
}
