package dev.natssandbox.sandbox;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A connection from the sandbox knows its own limits when connect returns. nats-server sends the INFO with the
 * connection's {@code max_payload} after the PONG that ends jnats's connect, so each check below would fail now and
 * then without the sandbox's extra round trip; the loops make such a race show.
 */
@RequiresNatsServer
class ConnectionInfoIT {
    private static final int ATTEMPTS = 50;
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSpec.operator("Info")
                .account("Limited", a -> a.limits(l -> l.payload(1024))
                        .user("member")
                        .user("tiny", u -> u.maxPayload(100)))
                .build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aConnectionKnowsTheAccountsPayloadLimitWhenConnectReturns() throws InterruptedException {
        for (int i = 0; i < ATTEMPTS; i++) {
            Connection c = sandbox.connect("member");
            try {
                assertEquals(1024, c.getServerInfo().getMaxPayload(), "attempt " + i);
            } finally {
                c.close();
            }
        }
    }

    @Test
    void aConnectionKnowsTheUsersPayloadLimitAndJnatsRefusesALargerMessage() throws InterruptedException {
        for (int i = 0; i < ATTEMPTS; i++) {
            Connection c = sandbox.connect("tiny");
            try {
                assertEquals(100, c.getServerInfo().getMaxPayload(), "attempt " + i);
                assertThrows(IllegalArgumentException.class, () -> c.publish("x", new byte[101]), "attempt " + i);
            } finally {
                c.close();
            }
        }
    }

    @Test
    void aProbeConnectionKnowsItsLimitToo() {
        assertEquals(100, sandbox.probeConnection("tiny").getServerInfo().getMaxPayload());
    }
}
