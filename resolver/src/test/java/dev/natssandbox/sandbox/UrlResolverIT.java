package dev.natssandbox.sandbox;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.testsupport.RequiresNatsServer;
import dev.natssandbox.testsupport.Wire;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code resolver: url}: accounts come from the account server inside this JVM; new accounts need no reload, changed
 * ones are pushed and enforced at once, removed ones lose their connections.
 */
@RequiresNatsServer
class UrlResolverIT {
    private Sandbox sandbox;

    @BeforeEach
    void start() {
        SandboxSpec spec = SandboxSpec.operator("Test").resolver(ResolverType.URL)
                .account("A", a -> a.user("a1").user("a2"))
                .build();
        sandbox = Sandbox.builder(spec).keepFiles(KeepFiles.NEVER).start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private long reloads() {
        return sandbox.logTail(200).stream().filter(l -> l.contains("Reloaded server configuration")).count();
    }

    private static CompletableFuture<Void> closed(Sandbox s, String user, List<Connection> out) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        out.add(s.connect(user, o -> o.connectionListener((c, event) -> {
            if (event == ConnectionListener.Events.CLOSED) {
                closed.complete(null);
            }
        })));
        return closed;
    }

    @Test
    void theServerIsConfiguredWithTheEmbeddedResolver() throws IOException {
        String url = sandbox.accountServerUrl().orElseThrow();
        String config = java.nio.file.Files.readString(sandbox.server().configFile());
        assertTrue(config.contains("resolver: URL(" + url + ")"), config);
        assertFalse(config.contains("resolver_preload"), config);
        sandbox.connect("a1");
    }

    @Test
    void aNewAccountIsUsableWithoutAReload() {
        long before = reloads();
        sandbox.addAccount(AccountSpec.builder("B").user("b1").build());
        assertEquals(Connection.Status.CONNECTED, sandbox.connect("b1").getStatus());
        assertEquals(before, reloads(), "no reload for a new account");
    }

    @Test
    void aChangedAccountIsPushedAndEnforcedOnTheRunningServer() {
        Connection first = sandbox.connect("a1");
        sandbox.updateAccount("A", a -> a.limits(l -> l.conn(1)));
        ConnectionRefusedException e = assertThrows(ConnectionRefusedException.class, () -> sandbox.connect("a2"));
        assertEquals("maximum account active connections exceeded", e.serverMessage());
        assertEquals(List.of(), Wire.errorsOf(first, () -> first.publish("a.x", new byte[0])),
                "the connection within the limit still works");
        assertEquals(Connection.Status.CONNECTED, first.getStatus());
    }

    @Test
    void aRemovedAccountLosesItsConnectionsAndCannotComeBack() throws Exception {
        sandbox.addAccount(AccountSpec.builder("B").user("b1").build());
        List<Connection> conns = new java.util.ArrayList<>();
        CompletableFuture<Void> closed = closed(sandbox, "b1", conns);
        String key = sandbox.hierarchy().account("B").publicKey();
        SandboxSpec before = sandbox.spec();
        sandbox.removeAccount("B");
        closed.get(10, TimeUnit.SECONDS);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.accountServerUrl().orElseThrow() + key)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        assertTrue(before.accounts().stream().anyMatch(a -> a.name().equals("B")));
    }

    @Test
    void closingTheSandboxStopsTheAccountServer() {
        String url = sandbox.accountServerUrl().orElseThrow();
        sandbox.close();
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
