package dev.natssandbox.probe;

import dev.natssandbox.probe.ProbeResult.Step;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.NoOpStatistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Probes on connections the caller opened itself: without a {@link ViolationRecorder} (jnats' error count and last
 * error decide), with a recorder but a custom statistics collector, and with neither.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainConnectionProbeIT {
    private Sandbox sandbox;
    private final List<Connection> opened = new ArrayList<>();

    @BeforeAll
    void start() {
        sandbox = ProbeSandboxes.start(ProbeSandboxes.seed());
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void closeConnections() throws InterruptedException {
        for (Connection c : opened) {
            c.close();
        }
        opened.clear();
    }

    private Connection connect(String user, Consumer<Options.Builder> edit) throws Exception {
        Options.Builder b = sandbox.options(user);
        edit.accept(b);
        Connection c = Nats.connect(b.build());
        opened.add(c);
        return c;
    }

    /** Fresh options whose error listener is not a recorder. */
    private Connection withoutRecorder(String user) throws Exception {
        return connect(user, b -> b.errorListener(new ErrorListener() {
        }));
    }

    @Test
    void withoutARecorderTheErrorCountAndLastErrorDecide() throws Exception {
        Connection client = withoutRecorder("TestClient");
        assertFalse(client.getOptions().getErrorListener() instanceof ViolationRecorder);
        PermissionProbe probe = PermissionProbe.forConnections();

        ProbeResult refused = probe.publish(client, "req.b");
        assertEquals(Optional.of("Permissions Violation for Publish to \"req.b\""), refused.refusal());
        // The last error still names req.b, but no error arrived during this probe: allowed.
        ProbeResult allowed = probe.publish(client, "req.a");
        assertTrue(allowed.allowed(), allowed::describe);
        assertEquals("Permissions Violation for Publish to \"req.b\"", client.getLastError());

        ProbeResult sub = probe.subscribe(client, "req.a");
        assertEquals(Optional.of("Permissions Violation for Subscription to \"req.a\""), sub.refusal());
        assertTrue(probe.subscribe(client, "_INBOX.x").allowed());
        assertEquals("TestAccount/TestClient", refused.users().get(0).name(), "named after the connection");
        assertEquals("", refused.permissionsSummary(), "a plain probe does not know the permissions");
    }

    @Test
    void deliveriesAndRequestsWorkBetweenPlainConnections() throws Exception {
        Connection client = withoutRecorder("TestClient");
        Connection service = withoutRecorder("TestService");
        Connection user = withoutRecorder("TestUser");
        PermissionProbe probe = PermissionProbe.forConnections();

        assertTrue(probe.request(client, service, "req.a").succeeded());
        assertTrue(probe.delivery(user, "hello", user, ">").delivered());
        ProbeResult notDelivered = probe.delivery(user, "hello", service, "req.a");
        assertEquals(Optional.of(Step.DELIVER), notDelivered.failedStep());
        assertTrue(notDelivered.allowed());
        ProbeResult wrongWay = probe.request(service, client, "req.a");
        assertEquals(Optional.of(Step.SUBSCRIBE), wrongWay.failedStep());
        assertEquals(Optional.of("Permissions Violation for Subscription to \"req.a\""), wrongWay.refusal());
    }

    @Test
    void theSandboxProbeRecognizesItsUsersConnectionsAndKnowsTheirPermissions() throws Exception {
        Connection client = withoutRecorder("TestClient");
        ProbeResult r = sandbox.probe().publish(client, "req.b");
        assertEquals("expected [TestClient] to publish to [req.b] but the server refused: Permissions Violation for "
                + "Publish to \"req.b\" (pub allow: [req.a]; sub allow: [_INBOX.>])", r.failureMessage(true));
        Connection injected = sandbox.connect("TestService");
        assertTrue(sandbox.probe().subscribe(injected, "req.a").allowed());
        assertEquals("(pub allow: [_INBOX.>]; sub allow: [req.a])",
                sandbox.probe().subscribe(injected, "req.b").permissionsSummary());
    }

    @Test
    void aRecorderWithACustomStatisticsCollectorStillDecides() throws Exception {
        Connection client = connect("TestClient", b -> b.statisticsCollector(new NoOpStatistics()));
        assertTrue(client.getOptions().getErrorListener() instanceof ViolationRecorder);
        PermissionProbe probe = PermissionProbe.forConnections();
        assertEquals(Optional.of("Permissions Violation for Publish to \"req.b\""),
                probe.publish(client, "req.b").refusal());
        assertTrue(probe.publish(client, "req.a").allowed());
        assertEquals(Optional.of("Permissions Violation for Subscription to \"req.a\""),
                probe.subscribe(client, "req.a").refusal());
    }

    @Test
    void aConnectionWhoseErrorsCannotBeObservedIsRefused() throws Exception {
        Connection blind = connect("TestClient", b -> b.statisticsCollector(new NoOpStatistics())
                .errorListener(new ErrorListener() {
                }));
        ProbeException e = assertThrows(ProbeException.class,
                () -> PermissionProbe.forConnections().publish(blind, "req.a"));
        assertTrue(e.getMessage().startsWith("cannot observe the server's errors on the connection of "
                + "[TestAccount/TestClient]"), e.getMessage());
    }

    @Test
    void aClosedConnectionIsNotProbed() throws Exception {
        Connection c = withoutRecorder("TestClient");
        c.close();
        ProbeException e = assertThrows(ProbeException.class,
                () -> PermissionProbe.forConnections().publish(c, "req.a"));
        assertEquals("the connection of [TestAccount/TestClient] is CLOSED; a probe needs a connected connection",
                e.getMessage());
    }
}
