package dev.natssandbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code up --dir DIR} writes {@code DIR/sandbox.json} when the server is ready and removes it on stop. */
@RequiresNatsServer
class SandboxJsonIT {
    @TempDir
    Path dir;

    @Test
    void describesServersUsersAndResolverWhileRunning() throws Exception {
        Path spec = Files.writeString(dir.resolve("seed.yaml"), UpCommandIT.SEED);
        Path state = dir.resolve("state");
        try (CliProcess up = CliProcess.start(dir, "up", "--spec", spec.toString(), "--dir", state.toString(),
                "--resolver", "full")) {
            up.awaitStdout(l -> l.startsWith("Press Ctrl-C"), "the 'Press Ctrl-C' line");
            JsonNode json = new ObjectMapper().readTree(state.resolve("sandbox.json").toFile());
            assertEquals("full", json.path("resolver").asText());
            assertEquals(1, json.path("servers").size(), json.toString());
            String url = json.path("servers").path(0).path("url").asText();
            assertTrue(url.startsWith("nats://127.0.0.1:"), url);
            assertFalse(json.path("servers").path(0).path("name").asText().isEmpty(), json.toString());
            List<String> users = new ArrayList<>();
            Path creds = null;
            for (JsonNode u : json.path("users")) {
                users.add(u.path("account").asText() + "/" + u.path("user").asText());
                if (u.path("user").asText().equals("TestUser")) {
                    creds = Path.of(u.path("creds").asText());
                }
            }
            assertEquals(List.of("SYS/sys", "TestAccount/TestClient", "TestAccount/TestService",
                    "TestAccount/TestUser"), users.stream().sorted().toList());
            assertNotNull(creds);
            Options options = new Options.Builder().server(url).authHandler(Nats.credentials(creds.toString()))
                    .noReconnect().build();
            // Sign once before connecting: the first signature in a cold JVM on a loaded machine can outlast the
            // server's two-second authentication timeout.
            io.nats.client.NKey.fromSeed(dev.natssandbox.creds.Creds.read(creds).seed()).sign(new byte[8]);
            Connection connected;
            try {
                connected = Nats.connect(options);
            } catch (java.io.IOException e) {
                throw new AssertionError("cannot connect to " + url + ":\n" + up.transcript(), e);
            }
            try (Connection c = connected) {
                Subscription sub = c.subscribe("greetings");
                c.publish("greetings", "hello".getBytes(StandardCharsets.UTF_8));
                c.flush(Duration.ofSeconds(10));
                Message m = sub.nextMessage(Duration.ofSeconds(10));
                assertNotNull(m, "the creds listed in sandbox.json connect to the listed server");
            }
            up.process().toHandle().destroy();
            assertEquals(0, up.awaitExit(), up::transcript);
            assertFalse(Files.exists(state.resolve("sandbox.json")), "removed on stop");
        }
    }
}
