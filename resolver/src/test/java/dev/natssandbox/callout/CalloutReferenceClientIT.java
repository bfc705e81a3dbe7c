package dev.natssandbox.callout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.sandbox.Sandbox;
import dev.natssandbox.testsupport.CalloutCheck;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.natssandbox.testsupport.CalloutCheck.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reference Go client (nats.go) through the JVM service, in both modes with xkey: it lands in exactly the
 * decided account with exactly the decided publish permissions, and a refused client is refused. The Go program
 * publishes and flushes; the watchers' own flush then decides delivery, no timeout involved.
 */
@RequiresNatsServer
@ExtendWith(ExternalTools.RequiresGoReference.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalloutReferenceClientIT {
    private static final Duration FLUSH = Duration.ofSeconds(10);
    private CalloutCheck go;

    @TempDir
    Path dir;

    @BeforeAll
    void build() {
        go = CalloutCheck.build();
    }

    /** Subscribes to everything in an account; after {@link #flush} the pending messages are all that came. */
    private static Subscription watch(Connection c) throws Exception {
        Subscription s = c.subscribe(">");
        c.flush(FLUSH);
        return s;
    }

    private static List<String> received(Connection c, Subscription s) throws Exception {
        c.flush(FLUSH);
        List<String> subjects = new java.util.ArrayList<>();
        while (s.getPendingMessageCount() > 0) {
            subjects.add(s.nextMessage(FLUSH).getSubject());
        }
        return subjects;
    }

    private static boolean refused(JsonNode outcome) {
        return !outcome.get("connected").asBoolean() && outcome.get("error").asText()
                .toLowerCase(java.util.Locale.ROOT).contains("authorization violation");
    }

    private JsonNode goClient(String url, String creds, String user, String password, String... publish) {
        ObjectNode probe = JSON.createObjectNode().put("url", url).put("user", user).put("password", password);
        if (creds != null) {
            probe.put("creds", creds);
        }
        probe.putArray("publish").addAll(java.util.Arrays.stream(publish).map(JSON.getNodeFactory()::textNode)
                .toList());
        return go.client(probe);
    }

    @Test
    void operatorModeWithXkey() throws Exception {
        CalloutOperatorModeIT.assumeAuthCallout();
        try (Sandbox sandbox = Sandbox.start(CalloutOperatorModeIT.spec(true))) {
            try (CalloutService service = CalloutService.start(CalloutEnvironment.of(sandbox, "AUTH"),
                    CalloutOperatorModeIT.HANDLER)) {
                Connection app = sandbox.connect("APP/watcher");
                Connection other = sandbox.connect("OTHER/watcher");
                Subscription appSub = watch(app);
                Subscription otherSub = watch(other);
                String sentinel = new String(sandbox.creds("AUTH/sentinel").format());

                JsonNode alice = goClient(sandbox.serverUrl(), sentinel, "alice", "wonderland", "orders.new",
                        "payments.new");
                JsonNode carol = goClient(sandbox.serverUrl(), sentinel, "carol", "x");

                assertTrue(alice.get("published").asBoolean(), alice.toString());
                assertEquals(List.of("orders.new"), received(app, appSub));
                assertEquals(List.of(), received(other, otherSub));
                assertFalse(carol.get("connected").asBoolean(), carol.toString());
                assertTrue(refused(carol), carol.toString());
                assertTrue(service.decisions() >= 2);
            }
        }
    }

    @Test
    void configModeWithXkey() throws Exception {
        try (ConfigModeServer server = ConfigModeServer.start(dir, true)) {
            CalloutService service;
            try {
                service = CalloutService.start(server.environment, request -> switch (request.username()) {
                    case "alice" -> CalloutDecision.allow("APP").allowPub("orders.>");
                    case "watcher" -> CalloutDecision.allow(request.password());
                    default -> CalloutDecision.refuse("unknown");
                });
            } catch (CalloutUnsupportedException e) {
                assumeTrue(false, e.getMessage());
                return;
            }
            try (service; CalloutClients clients = CalloutClients.of(server.environment)) {
                Connection app = clients.connect("watcher", "APP");
                Connection other = clients.connect("watcher", "OTHER");
                Subscription appSub = watch(app);
                Subscription otherSub = watch(other);

                JsonNode alice = goClient(server.server.url(), null, "alice", "pw", "payments.new", "orders.new");
                JsonNode eve = goClient(server.server.url(), null, "eve", "pw");

                assertTrue(alice.get("published").asBoolean(), alice.toString());
                assertEquals(List.of("orders.new"), received(app, appSub));
                assertEquals(List.of(), received(other, otherSub));
                assertTrue(refused(eve), eve.toString());
            }
        }
    }
}
