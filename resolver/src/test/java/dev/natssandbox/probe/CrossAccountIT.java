package dev.natssandbox.probe;

import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.model.ImportSpec;
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

/** Deliveries and requests across accounts, through exports and imports, and a private subject that stays put. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossAccountIT {
    private Sandbox sandbox;
    private PermissionProbe probe;

    @BeforeAll
    void start() {
        sandbox = ProbeSandboxes.start(SandboxSpec.operator("Cross")
                .account("Provider", a -> a
                        .exportStream("events.>")
                        .exportStream("metrics.>")
                        .exportService("svc.time")
                        .exportService("svc.strict")
                        .user("emitter")
                        .user("timeService", u -> u.allowSub("svc.time").allowResponses(1, Duration.ZERO))
                        // Allowed to publish to inboxes, but a reply across accounts goes to an _R_ subject.
                        .user("strictService", u -> u.allowSub("svc.strict").allowPub("_INBOX.>")))
                .account("Consumer", a -> a
                        .importStream("Provider", "events.>")
                        .importing(ImportSpec.builder("Provider", "metrics.>", ExportType.STREAM).name("mapped")
                                .localSubject("ext.metrics.>").build())
                        .importService("Provider", "svc.time")
                        .importService("Provider", "svc.strict")
                        .user("listener")
                        .user("caller", u -> u.allowPub("svc.>").allowSub("_INBOX.>")))
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
    void anExportedStreamReachesTheImportingAccount() {
        ProbeResult r = probe.delivery("emitter", "events.a", "listener", "events.>");
        assertTrue(r.delivered(), r::describe);
        assertEquals("events.a", r.messages().get(0).subject());
        assertEquals("listener", r.messages().get(0).receiver());
    }

    @Test
    void anImportWithALocalSubjectDeliversUnderThatSubject() {
        ProbeResult r = probe.delivery("emitter", "metrics.b", "listener", "ext.metrics.>");
        assertTrue(r.delivered(), r::describe);
        assertEquals("ext.metrics.b", r.messages().get(0).subject(), "the subscriber sees the mapped subject");
        assertFalse(probe.delivery("emitter", "metrics.b", "listener", "metrics.>").delivered(),
                "nothing arrives under the exporter's subject");
    }

    @Test
    void aPrivateSubjectIsNotDeliveredToAnotherAccount() {
        ProbeResult r = probe.delivery("emitter", "private.x", "listener", ">");
        assertFalse(r.delivered(), r::describe);
        assertTrue(r.allowed(), "nothing is refused: the message simply stays in its account");
        assertEquals(Optional.of(Step.DELIVER), r.failedStep());
        // The same message within the account is delivered: the negative above is about the account boundary.
        assertTrue(probe.delivery("emitter", "private.x", "timeService", "private.x").failedStep()
                .map(s -> s == Step.SUBSCRIBE).orElse(false), "timeService may not subscribe to private.x");
        assertTrue(probe.delivery("emitter", "private.x", "emitter", ">").delivered());
    }

    @Test
    void aStreamIsNotDeliveredBackwards() {
        ProbeResult r = probe.delivery("listener", "events.c", "emitter", "events.>");
        assertFalse(r.delivered(), r::describe);
        assertTrue(r.allowed());
    }

    @Test
    void anImportedServiceAnswersAcrossAccountsThroughItsResponsePermission() {
        ProbeResult r = probe.request("caller", "timeService", "svc.time");
        assertTrue(r.succeeded(), r::describe);
        DeliveredMessage request = r.request().orElseThrow();
        assertEquals("svc.time", request.subject());
        assertTrue(request.replyTo().startsWith("_R_."), "the service sees the server's reply mapping, not the "
                + "client's inbox: " + request.replyTo());
        DeliveredMessage reply = r.messages().get(1);
        assertEquals(r.subscription(), reply.subject(), "the reply arrives in the client's inbox");
    }

    @Test
    void aServiceWithInboxPermissionButNoResponsePermissionCannotReplyAcrossAccounts() {
        ProbeResult r = probe.request("caller", "strictService", "svc.strict");
        assertEquals(Optional.of(Step.PUBLISH_REPLY), r.failedStep(), r::describe);
        Violation v = r.violation().orElseThrow(() -> new AssertionError(r.describe()));
        assertEquals(Violation.Kind.PUBLISH, v.kind());
        assertTrue(v.subject().startsWith("_R_."), v::toString);
        assertTrue(r.request().isPresent(), "the request itself went through");
    }

    @Test
    void aServiceThatIsNotImportedIsNotReached() {
        ProbeResult r = probe.request("caller", "timeService", "svc.other");
        assertEquals(Optional.of(Step.SUBSCRIBE), r.failedStep(), "timeService may only subscribe to svc.time");
        ProbeResult viaEmitter = probe.request("caller", "emitter", "svc.other");
        assertEquals(Optional.of(Step.DELIVER_REQUEST), viaEmitter.failedStep(), viaEmitter::describe);
        assertTrue(viaEmitter.allowed());
    }
}
