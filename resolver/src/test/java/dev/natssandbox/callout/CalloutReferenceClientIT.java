package dev.natssandbox.callout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.testsupport.CalloutCheck;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import io.nats.client.NUID;
import io.nats.client.Subscription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.natssandbox.testsupport.CalloutCheck.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference Go client (nats.go) through the JVM service, in operator and config mode, each with and without
 * xkey: it lands in exactly the decided account with exactly the decided publish and subscribe permissions, and a
 * refused client gets what every nats-server sends ({@code -ERR 'Authorization Violation'}, which nats.go returns as
 * {@code nats: Authorization Violation}) while the service's reason reaches the auth error event, read here for
 * that Go client by its connection name. The Go program flushes after each operation; the watchers' own flush then
 * decides delivery, no timeout involved.
 */
@RequiresNatsServer
@ExtendWith(ExternalTools.RequiresGoReference.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalloutReferenceClientIT {
    private static final Duration FLUSH = Duration.ofSeconds(10);
    /** What nats.go returns at connect for the server's {@code -ERR 'Authorization Violation'}: its text, prefixed. */
    private static final String GO_REFUSAL = "nats: Authorization Violation";
    private static final String SERVICE_REFUSED = "Auth callout service returned an error: ";
    private static final CalloutHandler CONFIG_HANDLER = request -> switch (request.username()) {
        case "alice" -> CalloutDecision.allow("APP").allowPub("orders.>").allowSub("_INBOX.>");
        case "watcher" -> CalloutDecision.allow(request.password());
        default -> CalloutDecision.refuse("no user [" + request.username() + "] in config mode");
    };

    private CalloutCheck go;

    @TempDir
    Path dir;

    @BeforeAll
    void build() {
        go = CalloutCheck.build();
    }

    /** Subscribes to everything in an account; after {@link #received} the pending messages are all that came. */
    private static Subscription watch(Connection c) throws Exception {
        Subscription s = c.subscribe(">");
        c.flush(FLUSH);
        return s;
    }

    private static List<String> received(Connection c, Subscription s) throws Exception {
        c.flush(FLUSH);
        List<String> subjects = new ArrayList<>();
        while (s.getPendingMessageCount() > 0) {
            subjects.add(s.nextMessage(FLUSH).getSubject());
        }
        return subjects;
    }

    private JsonNode goClient(String url, String name, String creds, String user, String password) {
        ObjectNode probe = JSON.createObjectNode().put("url", url).put("name", name).put("user", user)
                .put("password", password);
        if (creds != null) {
            probe.put("creds", creds);
        }
        probe.putArray("publish").add("orders.new").add("payments.new");
        probe.putArray("subscribe").add("_INBOX.go").add("orders.>");
        return go.client(probe);
    }

    private static List<String> attempts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(a -> out.add(a.get("subject").asText() + (a.get("allowed").asBoolean() ? " allowed"
                : " denied: " + a.get("error").asText())));
        return out;
    }

    /** alice: the decided account (APP, not OTHER) and exactly the decided permissions, seen by the Go client. */
    private void assertAliceAsDecided(JsonNode alice, Connection app, Subscription appSub, Connection other,
                                      Subscription otherSub) throws Exception {
        assertTrue(alice.get("connected").asBoolean(), alice.toString());
        assertEquals(List.of("orders.new allowed", "payments.new denied: nats: permissions violation: "
                        + "Permissions Violation for Publish to \"payments.new\""),
                attempts(alice.get("publishes")), alice.toString());
        assertEquals(List.of("_INBOX.go allowed", "orders.> denied: nats: permissions violation: "
                        + "Permissions Violation for Subscription to \"orders.>\""),
                attempts(alice.get("subscribes")).stream().map(a -> a.replaceFirst(" \\(sid \"\\d+\"\\)$", ""))
                        .toList(), alice.toString());
        assertEquals(List.of("orders.new"), received(app, appSub));
        assertEquals(List.of(), received(other, otherSub));
    }

    /** A refused Go client: nats.go's error, and the service's reason from the event for its connection name. */
    private void assertRefusedWithReason(CalloutClients clients, String url, String creds, String user,
                                         String serviceReason) throws Exception {
        String name = "go-" + user + "-" + NUID.nextGlobal();
        CompletableFuture<String> reason = clients.refusalReason(name);

        JsonNode outcome = goClient(url, name, creds, user, "x");

        assertFalse(outcome.get("connected").asBoolean(), outcome.toString());
        assertEquals(GO_REFUSAL, outcome.get("error").asText(), outcome.toString());
        // The refusal has happened; this only bounds the wait for the server's event about it.
        assertEquals(SERVICE_REFUSED + serviceReason, reason.get(FLUSH.toMillis(), TimeUnit.MILLISECONDS));
    }

    @ParameterizedTest(name = "xkey {0}")
    @ValueSource(booleans = {false, true})
    void operatorMode(boolean xkey) throws Exception {
        CalloutOperatorModeIT.assumeAuthCallout();
        try (Sandbox sandbox = Sandbox.start(CalloutOperatorModeIT.spec(xkey))) {
            CalloutEnvironment env = CalloutEnvironment.of(sandbox, "AUTH");
            assertEquals(xkey, env.xkey().isPresent());
            try (CalloutService service = CalloutService.start(env, CalloutOperatorModeIT.HANDLER);
                 CalloutClients clients = CalloutClients.of(sandbox, env, "AUTH/sentinel")) {
                Connection app = sandbox.connect("APP/watcher");
                Connection other = sandbox.connect("OTHER/watcher");
                Subscription appSub = watch(app);
                Subscription otherSub = watch(other);
                String sentinel = new String(sandbox.creds("AUTH/sentinel").format());

                JsonNode alice = goClient(sandbox.serverUrl(), "go-alice", sentinel, "alice", "wonderland");

                assertAliceAsDecided(alice, app, appSub, other, otherSub);
                assertRefusedWithReason(clients, sandbox.serverUrl(), sentinel, "carol", "no user [carol]");
                assertEquals(2, service.decisions());
            }
        }
    }

    @ParameterizedTest(name = "xkey {0}")
    @ValueSource(booleans = {false, true})
    void configMode(boolean xkey) throws Exception {
        try (ConfigModeServer server = ConfigModeServer.start(dir, xkey);
             CalloutService service = CalloutService.start(server.environment, CONFIG_HANDLER);
             CalloutClients clients = CalloutClients.of(server.environment)) {
            assertEquals(xkey, server.environment.xkey().isPresent());
            Connection app = clients.connect("watcher", "APP");
            Connection other = clients.connect("watcher", "OTHER");
            Subscription appSub = watch(app);
            Subscription otherSub = watch(other);

            JsonNode alice = goClient(server.server.url(), "go-alice", null, "alice", "pw");

            assertAliceAsDecided(alice, app, appSub, other, otherSub);
            assertRefusedWithReason(clients, server.server.url(), null, "eve", "no user [eve] in config mode");
            assertEquals(4, service.decisions());
        }
    }
}
