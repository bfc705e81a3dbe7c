package dev.natssandbox.push;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.internal.store.StoreLayout;
import dev.natssandbox.testsupport.HandWrittenDeployment;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.Wire;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The push API against a nats-server started from a configuration written by hand, verified by its users. */
@RequiresNatsServer
class DeploymentIT {
    static final SandboxSpec ORDERS = SandboxSpec.operator("Prod")
            .account("Orders", a -> a
                    .user("service", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                    .user("client", u -> u.allowPub("req.a").allowSub("_INBOX.>")))
            .build();

    @TempDir
    Path dir;

    private HandWrittenDeployment deployment;

    @AfterEach
    void stop() {
        if (deployment != null) {
            deployment.close();
        }
    }

    private Deployment connect() throws Exception {
        deployment = deployment != null ? deployment : HandWrittenDeployment.start(dir, "full");
        return Deployment.builder(deployment.url()).creds(deployment.sysCreds).connect();
    }

    private Path creds(Hierarchy h, String user) {
        return new StoreLayout(dir.resolve("keys")).creds(h.operator().name(), "Orders", user);
    }

    @Test
    void pushedAccountsAreUsableListedPulledAndDeleted() throws Exception {
        try (Deployment d = connect()) {
            assertEquals(1, d.servers());
            assertEquals(deployment.identities.operator().publicKey(), d.operator().publicKey());
            assertEquals(deployment.identities.systemAccount().publicKey(), d.systemAccount());

            Hierarchy h = SpecIssuer.issue(ORDERS, deployment.identities.operator().keyPair(), dir.resolve("keys"));
            PushReport report = d.push(SpecIssuer.accountJwts(h)).requireApplied();
            String orders = h.account("Orders").publicKey();
            assertEquals(List.of("Orders"), report.applied());
            assertEquals("jwt updated", report.accounts().get(0).answers().get(0).message());

            List<String> errors = new CopyOnWriteArrayList<>();
            try (Connection service = HandWrittenDeployment.connect(deployment.url(), creds(h, "service"), errors);
                 Connection client = HandWrittenDeployment.connect(deployment.url(), creds(h, "client"), errors)) {
                service.createDispatcher(m -> service.publish(m.getReplyTo(), "ok".getBytes(StandardCharsets.UTF_8)))
                        .subscribe("req.a");
                service.flush(Duration.ofSeconds(5));
                Message reply = client.request("req.a", new byte[0], Duration.ofSeconds(5));
                assertNotNull(reply);
                assertEquals("ok", new String(reply.getData(), StandardCharsets.UTF_8));
                client.publish("req.b", new byte[0]);
                Wire.flush(client);
                assertEquals(List.of("Permissions Violation for Publish to \"req.b\""), errors);
            }

            assertTrue(d.list().values().iterator().next().contains(orders));
            assertEquals(h.account("Orders").jwt(), d.pull(orders).orElseThrow());

            List<ServerAnswer> deleted = d.delete(List.of(orders), deployment.identities.operator().keyPair());
            assertEquals(1, deleted.size());
            assertTrue(deleted.get(0).ok(), deleted.toString());
            assertEquals("deleted 1 accounts", deleted.get(0).message());
            assertFalse(d.list().values().iterator().next().contains(orders));
            assertThrows(AuthenticationException.class,
                    () -> HandWrittenDeployment.connect(deployment.url(), creds(h, "client"), errors).close());
        }
    }

    @Test
    void pushingAgainReusesTheKeysAndUpdatesTheAccount() throws Exception {
        try (Deployment d = connect()) {
            NatsKeyPair op = deployment.identities.operator().keyPair();
            Hierarchy first = SpecIssuer.issue(ORDERS, op, dir.resolve("keys"));
            d.push(SpecIssuer.accountJwts(first)).requireApplied();
            SandboxSpec limited = ORDERS.toBuilder().account("Orders", a -> a.limits(l -> l.conn(1))).build();
            Hierarchy second = SpecIssuer.issue(limited, op, dir.resolve("keys"));
            assertEquals(first.account("Orders").publicKey(), second.account("Orders").publicKey());
            d.push(SpecIssuer.accountJwts(second)).requireApplied();
            assertEquals(second.account("Orders").jwt(), d.pull(second.account("Orders").publicKey()).orElseThrow());
        }
    }

    @Test
    void accountsOfAnotherOperatorAreRefusedBeforeAnythingIsSent() throws Exception {
        try (Deployment d = connect()) {
            Hierarchy foreign = Provisioner.provision(ORDERS);
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> d.push(SpecIssuer.accountJwts(foreign)));
            assertTrue(e.getMessage().startsWith("account [Orders] " + foreign.account("Orders").publicKey()
                    + " is issued by [" + foreign.operator().publicKey() + "], which the deployment at ["
                    + deployment.url() + "] does not trust: it trusts operator [Prod] with keys ["
                    + deployment.identities.operator().publicKey() + "]"), e.getMessage());
            assertFalse(d.list().values().iterator().next().contains(foreign.account("Orders").publicKey()));
            assertThrows(InvalidInputException.class, () -> d.delete(List.of(foreign.account("Orders").publicKey()),
                    foreign.operator().keyPair()));
        }
    }

    @Test
    void credentialsTheServerRefusesAreAClearError() throws Exception {
        deployment = HandWrittenDeployment.start(dir, "full");
        Hierarchy stranger = Provisioner.provision(ORDERS);
        DeploymentException e = assertThrows(DeploymentException.class, () -> Deployment.builder(deployment.url())
                .creds(stranger.user("Orders/client").creds()).connect());
        assertTrue(e.getMessage().startsWith("the server at [" + deployment.url() + "] refused the credentials of "
                + "user [" + stranger.user("Orders/client").publicKey() + "]"), e.getMessage());
    }

    @Test
    void aUserOutsideTheSystemAccountIsAClearError() throws Exception {
        try (Deployment d = connect()) {
            Hierarchy h = SpecIssuer.issue(ORDERS, deployment.identities.operator().keyPair(), dir.resolve("keys"));
            d.push(SpecIssuer.accountJwts(h)).requireApplied();
            DeploymentException e = assertThrows(DeploymentException.class, () -> Deployment.builder(deployment.url())
                    .creds(creds(h, "client")).connect());
            assertTrue(e.getMessage().startsWith("user [" + h.user("Orders/client").publicKey() + "] of account ["
                    + h.account("Orders").publicKey() + "] is not a system-account user"), e.getMessage());
        }
    }

    @Test
    void aServerWithTheMemoryResolverIsAClearError() throws Exception {
        deployment = HandWrittenDeployment.start(dir, "MEMORY");
        try (Deployment d = Deployment.builder(deployment.url()).creds(deployment.sysCreds).connect()) {
            Hierarchy h = SpecIssuer.issue(ORDERS, deployment.identities.operator().keyPair(), dir.resolve("keys"));
            DeploymentException e = assertThrows(DeploymentException.class, () -> d.push(SpecIssuer.accountJwts(h)));
            assertTrue(e.getMessage().startsWith("no server answers [$SYS.REQ.CLAIMS.UPDATE]: the deployment does not "
                    + "run the NATS-based resolver"), e.getMessage());
        }
    }
}
