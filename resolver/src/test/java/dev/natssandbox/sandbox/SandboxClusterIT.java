package dev.natssandbox.sandbox;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.Wire;
import io.nats.client.Connection;
import io.nats.client.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clustered sandboxes: every server enforces the accounts, messages cross servers, servers fail and come back. */
@RequiresNatsServer
class SandboxClusterIT {
    private static SandboxSpec spec(ResolverType resolver) {
        return SandboxSpec.operator("Test").resolver(resolver)
                .account("A", a -> a
                        .user("service", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                        .user("client", u -> u.allowPub("req.a").allowSub("_INBOX.>")))
                .build();
    }

    private static void requestAcross(SandboxCluster c, int serviceNode, int clientNode) throws Exception {
        Connection service = c.connect("service", serviceNode);
        byte[] pong = ("pong-" + serviceNode).getBytes(StandardCharsets.UTF_8);
        service.createDispatcher(m -> service.publish(m.getReplyTo(), pong)).subscribe("req.a");
        service.flush(Duration.ofSeconds(5));
        c.awaitInterest(clientNode, "A", "req.a");
        Message reply = c.connect("client", clientNode).request("req.a", new byte[0], Duration.ofSeconds(5));
        assertNotNull(reply, "request from node " + clientNode + " to a service on node " + serviceNode);
        assertEquals("pong-" + serviceNode, new String(reply.getData(), StandardCharsets.UTF_8));
        service.close();
    }

    @Test
    void threeServersEachEnforceTheRulesAndMessagesCrossThem() throws Exception {
        try (SandboxCluster c = SandboxCluster.start(spec(ResolverType.FULL), 3)) {
            assertEquals(3, Set.copyOf(c.serverUrls()).size(), c.serverUrls().toString());
            for (int node = 0; node < 3; node++) {
                Connection client = c.connect("client", node);
                assertEquals(List.of("Permissions Violation for Publish to \"req.b\""),
                        Wire.errorsOf(client, () -> client.publish("req.b", new byte[0])), "node " + node);
                assertTrue(Files.isRegularFile(c.directory().resolve("node-" + node + "/jwt/"
                        + c.hierarchy().account("A").publicKey() + ".jwt")));
                assertTrue(Files.isRegularFile(c.directory().resolve("node-" + node + "/nats-server.log")));
            }
            requestAcross(c, 1, 0);
            requestAcross(c, 0, 2);
        }
    }

    @Test
    void anAccountPushedWhileAServerWasDownReachesItWhenItComesBack() throws Exception {
        Path dir;
        try (SandboxCluster c = SandboxCluster.start(spec(ResolverType.FULL), 3)) {
            dir = c.directory();
            Connection survivor = c.connect("client", 0);
            c.stopServer(2);
            c.addAccount(AccountSpec.builder("B").user("b1").build());
            assertEquals(Connection.Status.CONNECTED, c.connect("b1", 1).getStatus());
            assertEquals(Connection.Status.CONNECTED, survivor.getStatus(), "the others keep serving");
            Path missed = c.directory().resolve("node-2/jwt/" + c.hierarchy().account("B").publicKey() + ".jwt");
            assertFalse(Files.exists(missed), "the stopped server missed the push");

            c.restartServer(2);
            assertEquals(Connection.Status.CONNECTED, c.connect("b1", 2).getStatus(),
                    "looked up from the other servers on the first connect");
            assertTrue(Files.exists(missed), "and stored");
            requestAcross(c, 2, 0);

            var before = c.hierarchy();
            var b1 = before.user("b1");
            c.removeAccount("B");
            for (int node = 0; node < 3; node++) {
                String url = c.serverUrl(node);
                assertThrows(ConnectionRefusedException.class, () -> SandboxConnections.connect(b1,
                        SandboxConnections.options(url, before, b1).build()), "node " + node);
            }
        }
        assertFalse(Files.exists(dir), "the cluster's directory is removed on close");
    }

    @Test
    void aMemoryResolverClusterReloadsEveryServer() throws Exception {
        try (SandboxCluster c = SandboxCluster.start(spec(ResolverType.MEMORY), 2)) {
            c.addAccount(AccountSpec.builder("B").user("b1").build());
            assertEquals(Connection.Status.CONNECTED, c.connect("b1", 0).getStatus());
            assertEquals(Connection.Status.CONNECTED, c.connect("b1", 1).getStatus());
            requestAcross(c, 1, 0);
        }
    }
}
