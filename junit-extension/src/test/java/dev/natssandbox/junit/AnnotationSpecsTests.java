package dev.natssandbox.junit;

import dev.natssandbox.jwt.MessageTrace;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.SandboxSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message tracing through the annotations: the same model the builder and spec files produce. */
class AnnotationSpecsTests {

    @NatsSandbox(accounts = {
            @Account(name = "Feeds", exportStreams = "feed.>", users = @User(name = "feeder")),
            @Account(name = "Traced", traceDestination = "trace.traced", traceSampling = 40,
                    importStreams = @Import(account = "Feeds", subject = "feed.>", allowTrace = true),
                    users = @User(name = "reader"))})
    static class TracedTestCase {
    }

    @Test
    void traceAndAllowTraceReachTheModel() {
        SandboxSpec spec = AnnotationSpecs.toSpec(TracedTestCase.class.getAnnotation(NatsSandbox.class));
        AccountSpec traced = spec.account("Traced");
        assertEquals(new MessageTrace("trace.traced", 40), traced.trace());
        ImportSpec feed = traced.imports().get(0);
        assertTrue(feed.allowTrace(), "allowTrace of the stream import");
        assertNull(spec.account("Feeds").trace(), "no traceDestination, no tracing");
        assertFalse(spec.account("Feeds").exports().get(0).allowTrace());
    }
}
