package dev.natssandbox.samples;

import dev.natssandbox.junit.NatsSandbox;
import dev.natssandbox.junit.NatsUser;
import dev.natssandbox.sandbox.SandboxCluster;
import io.nats.client.Connection;
import io.nats.client.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static dev.natssandbox.junit.NatsAssertions.assertDelivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The nsc basics walkthrough as a 3-server cluster, declared in the spec file ({@code samples/specs/seed-cluster.yaml}:
 * {@code server: {resolver: full, cluster: {size: 3}}}; {@code @NatsSandbox(clusterSize = 3)} does the same for
 * annotations). Connections go to a chosen server with {@code @NatsUser(value = …, server = N)}; the cluster handle
 * comes by type.
 *
 * <p>Across servers, delivery is decided the way it is on one server — flush ordering — once the publishing server
 * knows about the subscription on the other: {@link SandboxCluster#awaitInterest} asks the publishing server
 * ({@code ROUTEZ} with subscription details) until one of its routes carries the subscription. Interest travels over
 * routes asynchronously, so the subscriber's own flush does not prove it.
 */
@NatsSandbox(spec = "classpath:seed-cluster.yaml")
class ClusterIT {
    @Test
    void everyServerEnforcesTheWalkthroughsRules(SandboxCluster cluster,
                                                 @NatsUser(value = "TestUser", server = 0) Connection user0,
                                                 @NatsUser(value = "TestUser", server = 1) Connection user1,
                                                 @NatsUser(value = "TestUser", server = 2) Connection user2,
                                                 @NatsUser(value = "TestClient", server = 0) Connection client0,
                                                 @NatsUser(value = "TestClient", server = 1) Connection client1,
                                                 @NatsUser(value = "TestClient", server = 2) Connection client2) {
        assertEquals(3, cluster.size());
        for (Connection user : new Connection[] {user0, user1, user2}) {
            assertDelivered(user, user, "hello");
        }
        for (Connection client : new Connection[] {client0, client1, client2}) {
            assertCannotPublish(client, "req.b");
        }
    }

    @Test
    void aRequestCrossesServers(SandboxCluster cluster,
                                @NatsUser(value = "TestService", server = 2) Connection service,
                                @NatsUser("TestClient") Connection client) throws Exception {
        service.createDispatcher(m -> service.publish(m.getReplyTo(), "served".getBytes(StandardCharsets.UTF_8)))
                .subscribe("req.a");
        service.flush(Duration.ofSeconds(5));
        cluster.awaitInterest(0, "TestAccount", "req.a");  // server 0 now routes req.a to server 2
        Message reply = client.request("req.a", new byte[0], Duration.ofSeconds(5));
        assertNotNull(reply, "TestClient on server 0 reaches TestService on server 2");
        assertEquals("served", new String(reply.getData(), StandardCharsets.UTF_8));
    }
}
