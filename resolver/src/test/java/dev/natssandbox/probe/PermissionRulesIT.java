package dev.natssandbox.probe;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.probe.ProbeResult.Step;
import dev.natssandbox.sandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queue-group permissions, response permissions and deny lists, as nats-server enforces them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionRulesIT {
    private Sandbox sandbox;
    private PermissionProbe probe;

    @BeforeAll
    void start() {
        sandbox = ProbeSandboxes.start(SandboxSpec.operator("Rules")
                .account("App", a -> a
                        .user("Open")
                        // "q.> workers": queue subscriptions in group workers only; plain subscriptions to jobs
                        .user("Worker", u -> u.allowSub("q.> workers", "jobs.>"))
                        // No publish permission at all: replies only through "resp", one per request
                        .user("Responder", u -> u.allowSub("svc.>").allowResponses(1, Duration.ofMinutes(5)))
                        .user("Caller", u -> u.allowPub("svc.>").allowSub("_INBOX.>"))
                        .user("Evolving", u -> u.allowPub("v1.>"))
                        .user("Guarded", u -> u.allowPub("orders.>").denyPub("orders.secret")
                                .allowSub(">").denySub("secret.>")))
                .build());
        probe = sandbox.probe();
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void queuePermissionAllowsItsGroupOnly() {
        assertTrue(probe.subscribe("Worker", "q.a", "workers").allowed());
        assertTrue(probe.subscribe("Worker", "q.a.b", "workers").allowed());

        ProbeResult otherGroup = probe.subscribe("Worker", "q.a", "others");
        assertFalse(otherGroup.allowed(), otherGroup::describe);
        assertEquals(Optional.of("Permissions Violation for Subscription to \"q.a\" using queue \"others\""),
                otherGroup.refusal());
        Violation v = otherGroup.violation().orElseThrow();
        assertEquals("others", v.queue());

        ProbeResult plain = probe.subscribe("Worker", "q.a");
        assertEquals(Optional.of("Permissions Violation for Subscription to \"q.a\""), plain.refusal(),
                plain::describe);
    }

    @Test
    void plainSubscribePermissionAlsoAllowsAnyQueueGroup() {
        assertTrue(probe.subscribe("Worker", "jobs.x").allowed());
        assertTrue(probe.subscribe("Worker", "jobs.x", "anything").allowed());
        ProbeResult outside = probe.subscribe("Worker", "other.x", "workers");
        assertEquals(Optional.of("Permissions Violation for Subscription to \"other.x\" using queue \"workers\""),
                outside.refusal(), outside::describe);
        assertTrue(outside.failureMessage(true).endsWith("(sub allow: [q.> workers, jobs.>])"),
                () -> outside.failureMessage(true));
    }

    @Test
    void responsePermissionAllowsOneReplyThenRefusesTheSecond() {
        // Without resp the responder could not publish at all.
        ProbeResult noPub = probe.publish("Responder", "_INBOX.anything");
        assertEquals(Optional.of("Permissions Violation for Publish to \"_INBOX.anything\""), noPub.refusal());

        ProbeResult first = probe.request("Caller", "Responder", "svc.echo");
        assertTrue(first.succeeded(), first::describe);
        String replyTo = first.request().orElseThrow().replyTo();

        // resp max 1: nats-server 2.9.10 counts the reply, and drops the permission on the second one.
        ProbeResult second = probe.publish("Responder", replyTo);
        assertFalse(second.allowed(), second::describe);
        assertEquals(Optional.of("Permissions Violation for Publish to \"" + replyTo + "\""), second.refusal());
        assertTrue(second.failureMessage(true).endsWith("(pub allow: [] (replies only); sub allow: [svc.>]; resp: "
                + "max 1, ttl 5m)"), () -> second.failureMessage(true));
    }

    @Test
    void eachRequestGrantsItsOwnReply() {
        for (int i = 0; i < 3; i++) {
            ProbeResult r = probe.request("Caller", "Responder", "svc.time");
            assertTrue(r.succeeded(), r::describe);
        }
    }

    @Test
    void denyOverridesAllowForPublishing() {
        assertTrue(probe.publish("Guarded", "orders.new").allowed());
        ProbeResult secret = probe.publish("Guarded", "orders.secret");
        assertEquals(Optional.of("Permissions Violation for Publish to \"orders.secret\""), secret.refusal());
        assertEquals(Optional.of("Permissions Violation for Publish to \"other\""),
                probe.publish("Guarded", "other").refusal());
    }

    @Test
    void denyOverridesAllowForSubscribing() {
        assertTrue(probe.subscribe("Guarded", "public.x").allowed());
        ProbeResult secret = probe.subscribe("Guarded", "secret.x");
        assertEquals(Optional.of("Permissions Violation for Subscription to \"secret.x\""), secret.refusal());
    }

    @Test
    void aWildcardSubscriptionOverlappingADenyIsAcceptedButDeniedMessagesAreNotDelivered() {
        ProbeResult accepted = probe.subscribe("Guarded", ">");
        assertTrue(accepted.allowed(), accepted::describe);

        ProbeResult publicMessage = probe.delivery("Open", "public.x", "Guarded", ">");
        assertTrue(publicMessage.delivered(), publicMessage::describe);

        ProbeResult secretMessage = probe.delivery("Open", "secret.x", "Guarded", ">");
        assertFalse(secretMessage.delivered(), secretMessage::describe);
        assertTrue(secretMessage.allowed(), "nothing is refused; the server filters the delivery");
        assertEquals(Optional.of(Step.DELIVER), secretMessage.failedStep());
        assertEquals(Optional.empty(), secretMessage.refusal());
        assertEquals("expected a message [Open] publishes to [secret.x] to reach [Guarded]'s subscription to [>] but "
                + "it was not delivered: no probe message in [Guarded]'s subscription to [>] after its own flush "
                + "(Open: no permissions: everything in the account is allowed | Guarded: pub allow: [orders.>]; "
                + "pub deny: [orders.secret]; sub allow: [>]; sub deny: [secret.>])",
                secretMessage.failureMessage(true));
    }

    @Test
    void aProbeAfterALiveChangeSeesTheNewPermissions() {
        ProbeResult before = probe.publish("Evolving", "v2.x");
        assertEquals(Optional.of("Permissions Violation for Publish to \"v2.x\""), before.refusal());

        sandbox.updateUser("Evolving", u -> u.allowPub("v2.>"));

        ProbeResult after = probe.publish("Evolving", "v2.x");
        assertTrue(after.allowed(), after::describe);
        assertEquals("(pub allow: [v1.>, v2.>])", after.permissionsSummary());
    }
}
