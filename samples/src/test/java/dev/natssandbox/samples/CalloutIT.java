package dev.natssandbox.samples;

import dev.natssandbox.callout.CalloutClients;
import dev.natssandbox.callout.CalloutEnvironment;
import dev.natssandbox.callout.CalloutRefusedException;
import dev.natssandbox.callout.CalloutService;
import dev.natssandbox.callout.CalloutUnsupportedException;
import dev.natssandbox.junit.CalloutClient;
import dev.natssandbox.junit.NatsCallout;
import dev.natssandbox.junit.NatsSandbox;
import dev.natssandbox.junit.NatsUser;
import dev.natssandbox.samples.callout.StaffDirectory;
import dev.natssandbox.server.ServerVersion;
import io.nats.client.Connection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import static dev.natssandbox.junit.NatsAssertions.assertCanPublish;
import static dev.natssandbox.junit.NatsAssertions.assertCanSubscribe;
import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static dev.natssandbox.junit.NatsAssertions.assertCannotSubscribe;
import static dev.natssandbox.junit.NatsAssertions.assertDelivered;
import static dev.natssandbox.junit.NatsAssertions.assertNotDelivered;
import static dev.natssandbox.junit.NatsAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Auth callout (nats-server 2.10+): clients log in with user name and password, and an authorization service
 * decides their account and permissions. {@code callout.yaml} makes AUTH the callout account (its JWT carries the
 * {@code authorization} claim, requests are encrypted with a generated xkey); {@link StaffDirectory} is the
 * hand-written service logic. {@code @NatsCallout} runs it in the JVM as AUTH's auth user, and injects clients with
 * any credentials. Skipped on older servers, which have no auth callout.
 */
@EnabledIf(value = "serverHasAuthCallout", disabledReason = "auth callout needs nats-server 2.10+")
@NatsSandbox(spec = "classpath:callout.yaml")
@NatsCallout(account = "AUTH", handler = StaffDirectory.class, sentinel = "sentinel")
class CalloutIT {

    /**
     * Before the sandbox starts: on an older server it would refuse the spec (the authorization claim needs 2.10).
     *
     * @return whether the server the sandbox finds has auth callout
     */
    static boolean serverHasAuthCallout() {
        return ServerVersion.installed()
                .map(CalloutUnsupportedException::supports).orElse(true);
    }

    @Test
    void salesStaffLandInSalesAndMayPublishOrders(@CalloutClient(user = "alice", password = "sales-pw") Connection alice,
                                                  @NatsUser("SALES/ledger") Connection ledger,
                                                  @NatsUser("SUPPORT/desk") Connection desk) {
        assertCanPublish(alice, "orders.new");
        assertCannotPublish(alice, "tickets.new");
        assertCannotSubscribe(alice, "orders.>");
        // The account is decided by the service: SALES sees alice's orders, SUPPORT does not.
        assertDelivered(alice, "orders.new", ledger, "orders.>");
        assertNotDelivered(alice, "orders.new", desk, "orders.>");
    }

    @Test
    void supportStaffLandInSupportAndMayOnlyReadTickets(
            @CalloutClient(user = "bob", password = "support-pw") Connection bob,
            @NatsUser("SUPPORT/desk") Connection desk) {
        assertCanSubscribe(bob, "tickets.>");
        assertCannotPublish(bob, "orders.new");
        assertDelivered(desk, "tickets.1", bob, "tickets.>");
    }

    /**
     * nats-server tells a refused client only "Authorization Violation" (every version); the service's reason is in
     * the server's auth error event, which the injected clients read.
     */
    @Test
    void strangersAreRefusedWithTheServicesReason(CalloutClients clients) {
        CalloutRefusedException wrong = assertRefused(clients, "alice", "guess", "wrong password for alice");
        assertRefused(clients, "mallory", "x", "mallory is not in the staff directory");

        assertEquals("Authorization Violation", wrong.clientError());
    }

    /**
     * The test brings its own service: {@code @NatsCallout} without a handler hands over what a production service
     * needs (server URL, the auth user's creds, the signing keys, the xkey seed), and the test starts it.
     */
    @Nested
    @NatsCallout(account = "AUTH", sentinel = "sentinel")
    class OwnService {
        @Test
        void aServiceStartedFromTheEnvironmentDecides(CalloutEnvironment env, CalloutClients clients,
                                                     @NatsUser("SALES/ledger") Connection ledger) {
            assertEquals(true, env.xkey().isPresent(), "callout.yaml asks for an xkey");
            try (CalloutService service = CalloutService.start(env, new StaffDirectory())) {
                Connection alice = clients.connect("alice", "sales-pw");

                assertDelivered(alice, "orders.1", ledger, "orders.>");
                assertEquals(1, service.decisions());
            }
        }
    }
}
