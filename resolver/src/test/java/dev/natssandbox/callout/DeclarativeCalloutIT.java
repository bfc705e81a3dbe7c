package dev.natssandbox.callout;

import dev.natssandbox.probe.PermissionProbe;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.spec.SpecFormat;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A spec's {@code callout_users} table served by the built-in service, as {@code up} runs it. */
@RequiresNatsServer
class DeclarativeCalloutIT {
    @Test
    void tableUsersGetTheirRowAndOthersAreRefusedWithTheReason() {
        CalloutOperatorModeIT.assumeAuthCallout();
        try (Sandbox sandbox = Sandbox.start(SpecFiles.parse(CalloutTableTests.YAML, SpecFormat.YAML, "c.yaml"))) {
            try (SandboxCallouts callouts = SandboxCallouts.start(sandbox);
                 CalloutClients clients = CalloutClients.of(sandbox, CalloutEnvironment.of(sandbox, "AUTH"),
                         "AUTH/sentinel")) {
                PermissionProbe probe = PermissionProbe.forConnections();
                Connection alice = clients.connect("alice", "wonderland");
                Connection ci = clients.connectWithToken("t0ken-ci");

                assertEquals(java.util.List.of("AUTH"), callouts.accounts());
                assertTrue(probe.delivery(alice, "orders.1", sandbox.connect("APP/watcher"), "orders.>")
                        .delivered());
                assertFalse(probe.publish(alice, "payments.1").allowed());
                assertTrue(probe.delivery(ci, "ci.1", sandbox.connect("OTHER/watcher"), "ci.>").delivered());
                CalloutRefusedException e = assertThrows(CalloutRefusedException.class,
                        () -> clients.connect("alice", "guess"));
                assertEquals("wrong password for user [alice]", e.serviceReason());
            }
        }
    }
}
