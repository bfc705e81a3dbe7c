package dev.natssandbox.nscimport;

import dev.natssandbox.creds.Creds;
import dev.natssandbox.probe.PermissionProbe;
import dev.natssandbox.probe.ProbeResult;
import dev.natssandbox.probe.ViolationRecorder;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.server.LauncherKind;
import dev.natssandbox.internal.store.StoreLayout;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An imported environment runs with its real identities: the creds files nsc (here: {@code generate}) wrote for the
 * original environment, not the sandbox's, connect to the imported sandbox, and their permissions hold.
 */
@RequiresNatsServer
class NscImportIT {
    @TempDir
    Path tmp;

    private final List<Connection> opened = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        for (Connection c : opened) {
            c.close();
        }
    }

    /** Connects with a creds file, as any NATS client of the original environment would. */
    private Connection connect(Sandbox sandbox, Path credsFile) throws Exception {
        Connection c = Nats.connect(new Options.Builder().server(sandbox.serverUrl())
                .authHandler(Nats.credentials(credsFile.toString()))
                .errorListener(new ViolationRecorder(credsFile.getFileName().toString(), null))
                .build());
        opened.add(c);
        return c;
    }

    @Test
    void theOriginalCredsOfAGeneratedEnvironmentConnectToItsImportAndKeepTheirPermissions() throws Exception {
        Hierarchy original = NscFixtures.generate(NscFixtures.seedSpec(), tmp.resolve("env"));
        StoreLayout layout = NscFixtures.layout(tmp.resolve("env"));
        NscEnvironment env = NscEnvironment.read(layout.stores(), layout.keys());
        assertEquals(List.of(), env.warnings());

        try (Sandbox sandbox = env.sandbox().launcher(LauncherKind.BINARY).start()) {
            Path clientCreds = layout.creds("Test", "TestAccount", "TestClient");
            Creds creds = Creds.read(clientCreds);
            // The sandbox re-issued every JWT; the original creds carry the original one, for the same key.
            assertNotEquals(creds.jwt(), sandbox.creds("TestClient").jwt());
            assertEquals(original.user("TestClient").jwt(), creds.jwt());
            assertEquals(creds.userPublicKey(), sandbox.hierarchy().user("TestClient").publicKey());

            Connection client = connect(sandbox, clientCreds);
            Connection service = connect(sandbox, layout.creds("Test", "TestAccount", "TestService"));
            Connection biller = connect(sandbox, layout.creds("Test", "Billing", "biller"));
            PermissionProbe probe = sandbox.probe();

            assertTrue(probe.publish(client, "req.a").allowed());
            ProbeResult refused = probe.publish(client, "req.b");
            assertEquals(Optional.of("Permissions Violation for Publish to \"req.b\""), refused.refusal(),
                    refused::describe);
            assertEquals(Optional.of("Permissions Violation for Subscription to \"req.a\""),
                    probe.subscribe(client, "req.a").refusal());
            ProbeResult request = probe.request(client, service, "req.a");
            assertTrue(request.succeeded(), request::describe);
            // Across accounts: TestAccount imports Billing's service.
            ProbeResult billing = probe.request(client, biller, "billing.invoice");
            assertTrue(billing.succeeded(), billing::describe);
            assertEquals(Optional.of("Permissions Violation for Subscription to \"req.a\""),
                    probe.subscribe(biller, "req.a").refusal());
        }
    }

    @Test
    void theOldLayoutsCredsConnectToItsImportAndTheScopedKeysTemplateHolds() throws Exception {
        Hierarchy original = Provisioner.provision(NscImportRoundTripTests.legacy("ops"), KeySource.generating(),
                NscFixtures.ISSUED);
        NscFixtures.writeOld(original, tmp.resolve("nsc"), tmp.resolve("nkeys"), true);
        NscEnvironment env = NscEnvironment.read(tmp.resolve("nsc"), tmp.resolve("nkeys"));

        try (Sandbox sandbox = env.sandbox().launcher(LauncherKind.BINARY).start()) {
            Path users = tmp.resolve("nkeys/Legacy/accounts/Shop/users");
            Connection alice = connect(sandbox, users.resolve("alice.creds"));
            Connection bob = connect(sandbox, users.resolve("bob.creds"));
            Connection carol = connect(sandbox, users.resolve("carol.creds"));
            Connection biller = connect(sandbox, tmp.resolve("nkeys/Legacy/accounts/Billing/users/biller.creds"));
            PermissionProbe probe = sandbox.probe();

            ProbeResult delivered = probe.delivery(alice, "shop.order", carol, "shop.>");
            assertTrue(delivered.delivered(), delivered::describe);
            assertEquals(Optional.of("Permissions Violation for Subscription to \"other.>\""),
                    probe.subscribe(carol, "other.>").refusal());
            assertTrue(probe.publish(bob, "bob.x").allowed());
            assertEquals(Optional.of("Permissions Violation for Publish to \"shop.order\""),
                    probe.publish(bob, "shop.order").refusal());
            ProbeResult billing = probe.request(alice, biller, "billing.invoice");
            assertTrue(billing.succeeded(), billing::describe);
        }
    }
}
