package dev.natssandbox.callout;

import dev.natssandbox.probe.PermissionProbe;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Config mode ({@code authorization { auth_callout { … } }} with plain accounts) with the service in this JVM: the
 * issuer signs responses and users, the user JWT's audience names the account; with and without xkey.
 */
@RequiresNatsServer
class CalloutConfigModeIT {
    private static final CalloutHandler HANDLER = request -> switch (request.username()) {
        case "alice" -> CalloutDecision.allow("APP").allowPub("orders.>").allowSub("_INBOX.>");
        case "app-watcher" -> CalloutDecision.allow("APP");
        case "other-watcher" -> CalloutDecision.allow("OTHER");
        default -> CalloutDecision.refuse("no user [" + request.username() + "] in config mode");
    };

    @TempDir
    Path dir;
    private final PermissionProbe probe = PermissionProbe.forConnections();
    private ConfigModeServer server;
    private CalloutService service;
    private CalloutClients clients;

    private void start(boolean xkey) {
        server = ConfigModeServer.start(dir, xkey);
        try {
            service = CalloutService.start(server.environment, HANDLER);
        } catch (CalloutUnsupportedException e) {
            assumeTrue(false, e.getMessage());
        }
        clients = CalloutClients.of(server.environment);
    }

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        if (service != null) {
            service.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "xkey {0}")
    @ValueSource(booleans = {false, true})
    void clientsGetTheDecidedAccountAndPermissions(boolean xkey) {
        start(xkey);
        Connection alice = clients.connect("alice", "pw");
        Connection app = clients.connect("app-watcher", "pw");
        Connection other = clients.connect("other-watcher", "pw");

        assertTrue(probe.publish(alice, "orders.new").allowed());
        assertFalse(probe.publish(alice, "payments.new").allowed());
        assertTrue(probe.subscribe(alice, "_INBOX.x").allowed());
        assertFalse(probe.subscribe(alice, "orders.>").allowed());
        assertTrue(probe.delivery(alice, "orders.new", app, "orders.>").delivered());
        assertFalse(probe.delivery(alice, "orders.new", other, "orders.>").delivered());
    }

    @ParameterizedTest(name = "xkey {0}")
    @ValueSource(booleans = {false, true})
    void refusalsCarryTheServiceReason(boolean xkey) {
        start(xkey);

        CalloutRefusedException e = assertThrows(CalloutRefusedException.class, () -> clients.connect("eve", "x"));

        assertEquals("no user [eve] in config mode", e.serviceReason(), e.reason());
        assertEquals("Authorization Violation", e.clientError());
    }
}
