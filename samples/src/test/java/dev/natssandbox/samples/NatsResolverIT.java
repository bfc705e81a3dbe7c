package dev.natssandbox.samples;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.push.Deployment;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.sandbox.SandboxCluster;
import dev.natssandbox.spec.SpecFiles;
import io.nats.client.Connection;
import io.nats.client.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static dev.natssandbox.junit.NatsAssertions.assertDelivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nsc basics walkthrough with the resolver production uses instead of the archived nats-account-server: the
 * NATS-based resolver ({@code resolver: full}), on one server and as a 3-server cluster.
 */
class NatsResolverIT {
    private static SandboxSpec seed() {
        return SpecFiles.load("classpath:seed-basics.yaml").toBuilder().resolver(ResolverType.FULL).build();
    }

    /**
     * "Account Server Configuration", NATS-resolver edition: the server keeps every account JWT in its own
     * directory; a new account is pushed over the system account ({@code nsc push}), no account server, no reload.
     */
    @Test
    void theWalkthroughsAccountServerPartWithTheNatsResolver() throws Exception {
        try (Sandbox sandbox = Sandbox.start(seed())) {
            String config = Files.readString(sandbox.configFile());
            assertTrue(config.contains("    type: full\n"), config);
            Connection user = sandbox.connect("TestUser");
            assertDelivered(user, user, "hello");
            assertCannotPublish(sandbox.connect("TestClient"), "req.b");

            sandbox.addAccount(AccountSpec.builder("Billing").user("biller").build());
            Connection biller = sandbox.connect("biller");
            assertDelivered(biller, biller, "invoices");

            // What nsc push --diff shows, from the JVM: the accounts the server holds.
            try (Deployment d = Deployment.builder(sandbox.serverUrl()).creds(sandbox.creds("SYS/sys")).connect()) {
                List<String> held = d.list().values().iterator().next();
                assertTrue(held.contains(sandbox.hierarchy().account("Billing").publicKey()), held.toString());
            }
        }
    }

    /**
     * The walkthrough on three routed servers, declared in the spec ({@code server.cluster.size}; {@link ClusterIT}
     * declares it in a spec file): every server enforces its rules and a request crosses servers.
     */
    @Test
    void theWalkthroughAsAThreeServerCluster() throws Exception {
        try (SandboxCluster cluster = SandboxCluster.start(seed().toBuilder().clusterSize(3).build())) {
            for (int node = 0; node < 3; node++) {
                Connection user = cluster.connect("TestUser", node);
                assertDelivered(user, user, "hello");
                assertCannotPublish(cluster.connect("TestClient", node), "req.b");
            }
            Connection service = cluster.connect("TestService", 2);
            service.createDispatcher(m -> service.publish(m.getReplyTo(), "served".getBytes(StandardCharsets.UTF_8)))
                    .subscribe("req.a");
            service.flush(Duration.ofSeconds(5));
            cluster.awaitInterest(0, "TestAccount", "req.a");
            Message reply = cluster.connect("TestClient", 0).request("req.a", new byte[0], Duration.ofSeconds(5));
            assertNotNull(reply, "TestClient on server 0 reaches TestService on server 2");
            assertEquals("served", new String(reply.getData(), StandardCharsets.UTF_8));
        }
    }
}
