package dev.natssandbox.samples;

import dev.natssandbox.junit.NatsSandbox;
import dev.natssandbox.junit.NatsUser;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.probe.ProbeResult;
import dev.natssandbox.probe.Violation;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;

import static dev.natssandbox.junit.NatsAssertions.assertCanRequest;
import static dev.natssandbox.junit.NatsAssertions.assertCannotRequest;
import static dev.natssandbox.junit.NatsAssertions.assertDelivered;
import static dev.natssandbox.junit.NatsAssertions.assertNotDelivered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts are separate subject spaces: nothing crosses between them unless one account exports and the other
 * imports. Two accounts from {@code samples/specs/exports-imports.yaml}:
 * <ul>
 *   <li>{@code Orders} exports the service {@code orders.place}, the private service {@code orders.refund} (importers
 *   need an activation token) and the stream {@code orders.events.>};</li>
 *   <li>{@code Shop} imports both services, and the stream under its own name {@code feed.orders.>}.</li>
 * </ul>
 *
 * <pre>
 * nsc add export --account Orders --subject orders.place --service
 * nsc add export --account Orders --subject orders.refund --service --private
 * nsc add export --account Orders --subject "orders.events.&gt;"
 * nsc add import --account Shop --src-account &lt;Orders&gt; --remote-subject orders.place --service
 * nsc generate activation --account Orders --subject orders.refund --target-account &lt;Shop&gt; -o refund.tok
 * nsc add import --account Shop --token refund.tok
 * nsc add import --account Shop --src-account &lt;Orders&gt; --remote-subject "orders.events.&gt;" \
 *     --local-subject "feed.orders.&gt;"
 * </pre>
 *
 * Everything not exported stays private: a message on {@code orders.internal} never reaches {@code Shop}, however
 * broadly its users subscribe. "Not delivered" is decided by ordering, not by waiting: the subscriber's own flush,
 * sent after the publisher's flush returned, would have brought the message along.
 */
@NatsSandbox(spec = "classpath:exports-imports.yaml")
class ExportsImportsIT {

    /**
     * A request from {@code Shop} reaches the service in {@code Orders} and the reply comes back. Across accounts
     * the service does not see the client's inbox: the server gives the request a reply subject of its own,
     * {@code _R_.…}, and maps the reply back to the inbox. {@code OrderService} may publish it because of its
     * response permission ({@code --allow-pub-response}: one reply per request received).
     */
    @Test
    void aShopRequestIsAnsweredByTheOrderService(@NatsUser("Shopper") Connection shopper,
                                                 @NatsUser("OrderService") Connection service) {
        ProbeResult result = assertCanRequest(shopper, service, "orders.place");

        assertTrue(result.request().orElseThrow().replyTo().startsWith("_R_."), result.describe());
    }

    /**
     * The seed's recipe for a service, {@code --allow-pub "_INBOX.>"}, answers requests from its own account but not
     * imported ones: the reply subject it is given is {@code _R_.…}, and the server refuses the reply.
     */
    @Test
    void aServiceThatMayPublishOnlyToInboxesCannotAnswerOtherAccounts(
            @NatsUser("Shopper") Connection shopper, @NatsUser("OrderDesk") Connection colleague,
            @NatsUser("InboxOnlyService") Connection service) {
        assertCanRequest(colleague, service, "orders.place");

        ProbeResult fromShop = assertCannotRequest(shopper, service, "orders.place");
        assertEquals(ProbeResult.Step.PUBLISH_REPLY, fromShop.failedStep().orElseThrow());
        assertTrue(fromShop.violation().map(Violation::subject).orElseThrow().startsWith("_R_."), fromShop.describe());
    }

    /**
     * A private export ({@code token_req}) is reachable only with an activation token: the sandbox issued one for
     * the import in the spec, signed by {@code Orders} for {@code Shop}, and put it into {@code Shop}'s JWT.
     */
    @Test
    void aPrivateServiceIsReachableWithTheActivationTheSandboxIssued(
            Sandbox sandbox, @NatsUser("Shopper") Connection shopper, @NatsUser("OrderService") Connection service) {
        assertCanRequest(shopper, service, "orders.refund");

        Hierarchy h = sandbox.hierarchy();
        Import refund = h.account("Shop").claims().imports().stream()
                .filter(i -> i.subject().equals("orders.refund")).findFirst().orElseThrow();
        Jwt activation = Jwts.decode(refund.token());
        assertEquals(h.account("Orders").publicKey(), activation.issuer());
        assertEquals(h.account("Shop").publicKey(), activation.subject());
        assertEquals("orders.refund", ((ActivationClaims) activation.claims()).subject());
    }

    /** The stream arrives in {@code Shop} under the local subject of the import, and only there. */
    @Test
    void orderEventsArriveInTheShopUnderItsOwnName(@NatsUser("OrderDesk") Connection desk,
                                                   @NatsUser("Shopper") Connection shopper) {
        ProbeResult result = assertDelivered(desk, "orders.events.created", shopper, "feed.orders.>");
        assertEquals("feed.orders.created", result.messages().get(0).subject());

        assertNotDelivered(desk, "orders.events.created", shopper, "orders.events.created");
    }

    /** An import is one way: what {@code Shop} publishes under the imported names stays in {@code Shop}. */
    @Test
    void importsDoNotFlowBack(@NatsUser("Shopper") Connection shopper, @NatsUser("OrderDesk") Connection desk) {
        assertNotDelivered(shopper, "orders.events.created", desk, "orders.events.created");
        assertNotDelivered(shopper, "feed.orders.created", desk, ">");
    }

    /** What {@code Orders} does not export does not exist for {@code Shop}, even for a subscription to {@code >}. */
    @Test
    void aSubjectThatIsNotExportedStaysPrivate(@NatsUser("OrderDesk") Connection desk,
                                               @NatsUser("Shopper") Connection shopper) {
        assertNotDelivered(desk, "orders.internal", shopper, "orders.internal");
        assertNotDelivered(desk, "orders.internal", shopper, ">");
        // Inside its own account the same message is delivered: the subject is private, not broken.
        assertDelivered(desk, "orders.internal", desk, "orders.internal");
    }

    /**
     * A request on a service that is not exported is not refused by anyone: the server simply has nowhere to route
     * it. The probe reports the step where it stopped.
     */
    @Test
    void aRequestForAServiceThatIsNotExportedReachesNobody(@NatsUser("Shopper") Connection shopper,
                                                           @NatsUser("OrderService") Connection service) {
        ProbeResult result = assertCannotRequest(shopper, service, "orders.cancel");

        assertEquals(ProbeResult.Step.DELIVER_REQUEST, result.failedStep().orElseThrow());
        assertTrue(result.allowed(), "nothing was refused: " + result.describe());
    }
}
