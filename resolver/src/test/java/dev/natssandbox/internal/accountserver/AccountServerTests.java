package dev.natssandbox.internal.accountserver;

import dev.natssandbox.jwt.JwtException;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded account server answers over HTTP as nats-server's URL resolver and nats-account-server expect. */
class AccountServerTests {
    private final HttpClient http = HttpClient.newHttpClient();
    private Hierarchy hierarchy;
    private AccountServer server;

    @BeforeEach
    void start() {
        hierarchy = Provisioner.provision(SandboxSpec.operator("Test").account("A", a -> a.user("u")).build());
        server = AccountServer.start(hierarchy.operator().jwt());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBareAccountsUrlAnswers200AsTheServerChecksAtStart() throws Exception {
        assertEquals("http://127.0.0.1:" + server.port() + "/jwt/v1/accounts/", server.url());
        assertEquals(200, get("/jwt/v1/accounts/", null).statusCode());
        assertEquals(200, get("/jwt/v1/accounts", null).statusCode());
    }

    @Test
    void aKnownAccountIsServedAsJwtWithItsJtiAsETag() throws Exception {
        String key = server.put(hierarchy.account("A").jwt());
        assertEquals(hierarchy.account("A").publicKey(), key);
        HttpResponse<String> r = get("/jwt/v1/accounts/" + key, null);
        assertEquals(200, r.statusCode());
        assertEquals(hierarchy.account("A").jwt(), r.body());
        assertEquals("application/jwt", r.headers().firstValue("Content-Type").orElseThrow());
        String jti = Jwts.decode(r.body()).id();
        assertEquals("\"" + jti + "\"", r.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void ifNoneMatchWithTheCurrentJtiIsNotModified() throws Exception {
        String key = server.put(hierarchy.account("A").jwt());
        String etag = get("/jwt/v1/accounts/" + key, null).headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/jwt/v1/accounts/" + key, etag).statusCode());
        assertEquals(200, get("/jwt/v1/accounts/" + key, "\"stale\"").statusCode());
    }

    @Test
    void anUnknownOrRemovedAccountIs404() throws Exception {
        String key = server.put(hierarchy.account("A").jwt());
        assertEquals(404, get("/jwt/v1/accounts/" + hierarchy.systemAccount().publicKey(), null).statusCode());
        assertTrue(server.remove(key));
        assertFalse(server.remove(key));
        assertEquals(404, get("/jwt/v1/accounts/" + key, null).statusCode());
        assertEquals(404, get("/elsewhere", null).statusCode());
    }

    @Test
    void theOperatorJwtIsServed() throws Exception {
        HttpResponse<String> r = get("/jwt/v1/operator", null);
        assertEquals(200, r.statusCode());
        assertEquals(hierarchy.operator().jwt(), r.body());
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url()))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void onlyVerifiedAccountJwtsAreServed() {
        assertThrows(JwtException.class, () -> server.put(hierarchy.user("u").jwt()));
        String tampered = hierarchy.account("A").jwt().replaceFirst("\\.(.)", ".X");
        assertThrows(JwtException.class, () -> server.put(tampered));
    }

    @Test
    void closeStopsListeningAndIsIdempotent() {
        int port = server.port();
        server.close();
        server.close();
        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/jwt/v1/accounts/")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }
}
