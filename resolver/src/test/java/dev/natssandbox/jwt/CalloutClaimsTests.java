package dev.natssandbox.jwt;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authorization request and response tokens: wire shape, round trip, kinds of key, secrets kept out of text. */
class CalloutClaimsTests {
    private final NatsKeyPair server = NatsKeyPair.generate(KeyKind.SERVER);
    private final NatsKeyPair account = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair user = NatsKeyPair.generate(KeyKind.USER);

    @Test
    void aBareRequestWritesTheFieldsTheReferenceAlwaysWrites() {
        var bare = AuthorizationRequestClaims.builder().userNkey(user.publicKey()).build();

        assertEquals("{\"server_id\":{\"name\":\"\",\"host\":\"\",\"id\":\"\"},\"user_nkey\":\"" + user.publicKey()
                + "\",\"client_info\":{},\"connect_opts\":{\"protocol\":0},\"type\":\"authorization_request\","
                + "\"version\":2}", Jwts.natsJson(bare));
    }

    @Test
    void aRequestRoundTripsThroughAToken() {
        var request = AuthorizationRequestClaims.builder()
                .server(AuthorizationRequestClaims.ServerId.builder().name("s")
                .host("h").id(server.publicKey()).version("2.10.27").cluster("c").tags(List.of("t")).build())
                .userNkey(user.publicKey())
                .clientInfo(AuthorizationRequestClaims.ClientInformation.builder().host("127.0.0.1").id(4).user("alice")
                        .name("n").kind("Client").type("nats").build())
                .connectOptions(AuthorizationRequestClaims.ConnectOptions.builder().username("alice").password("pw")
                .lang("java")
                        .version("2").protocol(1).build()).build();

        Jwt jwt = Jwts.decode(Jwts.encode(Jwts.Standard.of(account.publicKey(), ""), request, server));

        assertEquals(request, jwt.authorizationRequest());
    }

    @Test
    void responsesCarryEitherAUserJwtOrAnError() {
        Jwt refusal = Jwts.decode(Jwts.encode(Jwts.Standard.builder(user.publicKey()).audience(server.publicKey())
                .build(),
                AuthorizationResponseClaims.refuse("no"), account));

        assertEquals("{\"error\":\"no\",\"type\":\"authorization_response\",\"version\":2}",
                Jwts.natsJson(refusal.claims()));
        assertEquals(server.publicKey(), refusal.audience());
        assertEquals("no", refusal.authorizationResponse().error());
    }

    @Test
    void aResponseMustBeSignedByAnAccountAndARequestByAServer() {
        JwtException e = assertThrows(JwtException.class, () -> Jwts.encode(Jwts.Standard.of(user.publicKey(), ""),
                AuthorizationResponseClaims.refuse("no"), server));
        assertTrue(e.getMessage().contains("signed by account keys"), e.getMessage());
        assertThrows(JwtException.class, () -> Jwts.encode(Jwts.Standard.of(account.publicKey(), ""),
                AuthorizationRequestClaims.builder().userNkey(user.publicKey()).build(), account));
    }

    @Test
    void connectOptionsNeverPrintThePasswordOrToken() {
        var o = AuthorizationRequestClaims.ConnectOptions.builder().token("t0ken-value").username("alice")
                .password("pa55word").protocol(1).build();

        assertFalse(o.toString().contains("pa55word"), o.toString());
        assertFalse(o.toString().contains("t0ken-value"), o.toString());
        assertTrue(o.toString().contains("alice"), o.toString());
    }
}
