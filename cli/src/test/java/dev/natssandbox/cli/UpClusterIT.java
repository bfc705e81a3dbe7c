package dev.natssandbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.testsupport.RequiresNatsServer;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code up} on a spec declaring {@code server: {cluster: {size: 3}}}: every server's URL printed and listed in
 * {@code sandbox.json}, each server enforcing the spec's rules and routed to the other two, all stopped on stop.
 */
@RequiresNatsServer
class UpClusterIT {
    private static final String CLUSTER_SEED = UpCommandIT.SEED.replace("operator: {name: Test}\n",
            "operator: {name: Test}\nserver: {resolver: full, cluster: {size: 3}}\n");

    @TempDir
    Path dir;

    @Test
    void upStartsEveryServerOfTheClusterListsThemAndStopsThemAll() throws Exception {
        Path spec = Files.writeString(dir.resolve("cluster.yaml"), CLUSTER_SEED);
        Path state = dir.resolve("state");
        List<String> urls = new ArrayList<>();
        try (CliProcess up = CliProcess.start(dir, "up", "--spec", spec.toString(), "--dir", state.toString())) {
            up.awaitStdout(l -> l.startsWith("Press Ctrl-C"), "the 'Press Ctrl-C' line");
            JsonNode json = new ObjectMapper().readTree(state.resolve("sandbox.json").toFile());
            assertEquals("full", json.path("resolver").asText());
            assertEquals(3, json.path("servers").size(), json.toString());
            Set<String> names = new HashSet<>();
            for (JsonNode s : json.path("servers")) {
                urls.add(s.path("url").asText());
                names.add(s.path("name").asText());
            }
            assertEquals(3, Set.copyOf(urls).size(), urls.toString());
            assertEquals(3, names.size(), names.toString());
            for (int i = 0; i < 3; i++) {
                String printed = "Server " + i + ":   " + urls.get(i);
                assertTrue(up.stdout().contains(printed), "prints [" + printed + "]:\n" + up.transcript());
            }
            Map<String, Path> creds = new java.util.HashMap<>();
            json.path("users").forEach(u -> creds.put(u.path("user").asText(), Path.of(u.path("creds").asText())));

            for (String url : urls) {
                // Every server knows the accounts and enforces the users' permissions ...
                List<String> errors = new CopyOnWriteArrayList<>();
                try (Connection client = connect(url, creds.get("TestClient"), errors)) {
                    client.publish("req.b", new byte[0]);
                    client.flush(Duration.ofSeconds(10));
                    // The -ERR came before the PONG; its callback runs before this no-op on the same executor.
                    client.getOptions().getCallbackExecutor().submit(() -> { }).get();
                    assertEquals(List.of("Permissions Violation for Publish to \"req.b\""), errors, url);
                }
                // ... and is routed to the two others, as it reports itself (ROUTEZ, asked as the system user).
                try (Connection sys = connect(url, creds.get("sys"), new CopyOnWriteArrayList<>())) {
                    Message m = sys.request("$SYS.REQ.SERVER." + sys.getServerInfo().getServerId() + ".ROUTEZ",
                            "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
                    assertNotNull(m, "ROUTEZ of " + url);
                    Set<String> remotes = new HashSet<>();
                    new ObjectMapper().readTree(m.getData()).path("data").path("routes")
                            .forEach(r -> remotes.add(r.path("remote_id").asText()));
                    assertEquals(2, remotes.size(), url + " routes to the two other servers: " + remotes);
                }
            }

            up.process().toHandle().destroy();
            assertEquals(0, up.awaitExit(), up::transcript);
        }
        assertFalse(Files.exists(state.resolve("sandbox.json")), "removed on stop");
        for (String url : urls) {
            URI u = URI.create(url);
            assertThrows(ConnectException.class, () -> new Socket(u.getHost(), u.getPort()).close(),
                    "nothing listens on " + url + " after stop");
        }
    }

    private static Connection connect(String url, Path creds, List<String> errors)
            throws IOException, InterruptedException, java.security.GeneralSecurityException {
        // Sign once before connecting: the first signature in a cold JVM on a loaded machine can outlast the
        // server's authentication timeout.
        io.nats.client.NKey.fromSeed(dev.natssandbox.creds.Creds.read(creds).seed()).sign(new byte[8]);
        return Nats.connect(new Options.Builder().server(url).authHandler(Nats.credentials(creds.toString()))
                .noReconnect().errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                }).build());
    }
}
