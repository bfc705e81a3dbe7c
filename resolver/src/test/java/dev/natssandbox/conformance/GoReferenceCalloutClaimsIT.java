package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.jwt.AuthorizationRequestClaims;
import dev.natssandbox.jwt.AuthorizationResponseClaims;
import dev.natssandbox.jwt.ExternalAuthorization;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.testsupport.CalloutCheck;
import dev.natssandbox.testsupport.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;

import static dev.natssandbox.testsupport.CalloutCheck.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auth callout claims against nats-io/jwt v2.8: the account {@code authorization} claim, the
 * {@code authorization_request} and the {@code authorization_response}. Ours decode, validate and re-marshal to
 * identical bytes in the reference; the reference's decode here, field by field, and re-encode to the identical token.
 */
@ExtendWith(ExternalTools.RequiresGoReference.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoReferenceCalloutClaimsIT {
    private CalloutCheck go;
    private JsonNode reference;

    @BeforeAll
    void generate() {
        go = CalloutCheck.build();
        reference = go.generate(Instant.now().getEpochSecond());
    }

    private JsonNode verify(String... tokens) {
        ObjectNode request = JSON.createObjectNode();
        for (String t : tokens) {
            request.withArray("tokens").add(t);
        }
        return go.verify(request).get("tokens");
    }

    private static String seed(JsonNode key) {
        return key.get("seed").asText();
    }

    @Test
    void ourCalloutAccountsAreValidAndIdenticalInTheReference() {
        Hierarchy h = Provisioner.provision(SandboxSpec.operator("Test")
                .account("AUTH", a -> a.user("service").user("backup")
                        .authCallout(c -> c.authUser("service").authUser("backup").allowAccount("APP")
                                .allowAccount("OTHER").generateXkey()))
                .account("ANY", a -> a.user("svc").authCallout(c -> c.authUser("svc").allowAccount("*")))
                .account("APP", a -> { })
                .account("OTHER", a -> { })
                .build());

        JsonNode reports = verify(h.account("AUTH").jwt(), h.account("ANY").jwt(), h.account("APP").jwt());

        for (JsonNode r : reports) {
            assertEquals("account", r.get("type").asText(), r.toString());
            assertEquals(List.of(), GoHarness.strings(r.get("issues")), r.toString());
            assertTrue(r.get("identical").asBoolean(), r.toString());
        }
        JsonNode auth = reports.get(0).get("claims").get("nats").get("authorization");
        assertEquals(h.account("AUTH").xkey().orElseThrow().publicKey(), auth.get("xkey").asText());
        assertEquals(h.account("OTHER").publicKey(), auth.get("allowed_accounts").get(1).asText());
    }

    @Test
    void anAuthorizationTheReferenceRefusesIsRefusedThereToo() {
        // What the spec refuses before writing, written here by hand: the reference names the same problem.
        NatsKeyPair operator = NatsKeyPair.generate(KeyKind.OPERATOR);
        NatsKeyPair account = NatsKeyPair.generate(KeyKind.ACCOUNT);
        String token = Jwts.encode(Jwts.Standard.of(account.publicKey(), "BAD"),
                dev.natssandbox.jwt.AccountClaims.DEFAULT.withAuthorization(
                        new ExternalAuthorization(List.of(), List.of(account.publicKey()), "")), operator);

        JsonNode report = verify(token).get(0);

        assertEquals(List.of("External authorization cannot have accounts without users specified"),
                GoHarness.strings(report.get("issues")));
    }

    @Test
    void theReferenceCalloutAccountDecodesAndReEncodesToTheIdenticalToken() {
        Jwt jwt = Jwts.decode(reference.get("account_jwt").asText());

        assertEquals(new ExternalAuthorization(List.of(reference.get("auth_user").get("public").asText()),
                List.of(reference.get("target").get("public").asText(), reference.get("callout").get("public").asText()),
                reference.get("xkeys").get(2).get("public").asText()), jwt.account().authorization());
        String again = Jwts.encode(Jwts.Standard.builder(jwt.subject()).name(jwt.name()).audience(jwt.audience())
                .issuedAt(jwt.issuedAt()).expires(jwt.expires()).notBefore(jwt.notBefore())
                .build(), jwt.claims(), NatsKeyPair.fromSeed(seed(reference.get("operator")),
                KeyKind.OPERATOR));
        assertEquals(jwt.token(), again);
    }

    private static Jwts.Standard standard(Jwt jwt) {
        return Jwts.Standard.builder(jwt.subject()).name(jwt.name()).audience(jwt.audience())
                .issuedAt(jwt.issuedAt()).expires(jwt.expires()).notBefore(jwt.notBefore()).build();
    }

    @Test
    void theReferenceRequestDecodesFieldByFieldAndReEncodesIdentically() {
        Jwt jwt = Jwts.decode(reference.get("request_jwt").asText());
        AuthorizationRequestClaims r = jwt.authorizationRequest();

        assertEquals(AuthorizationRequestClaims.AUDIENCE, jwt.audience());
        assertEquals(reference.get("callout").get("public").asText(), jwt.subject());
        assertEquals(AuthorizationRequestClaims.ServerId.builder().name("srv-a").host("127.0.0.1")
                .id(reference.get("server").get("public").asText()).version("2.15.1").cluster("c1")
                .tags(List.of("az:1", "edge")).xkey(reference.get("xkeys").get(0).get("public").asText())
                .build(), r.server());
        assertEquals(reference.get("user").get("public").asText(), r.userNkey());
        assertEquals(AuthorizationRequestClaims.ClientInformation.builder().host("127.0.0.1").id(17).user("alice")
                .name("app <1>").tags(List.of("t1")).nameTag("nt").kind("Client").type("nats").nonce("abc")
                .build(), r.clientInfo());
        assertEquals(AuthorizationRequestClaims.ConnectOptions.builder().signedNonce("sig").token("tok")
                .username("alice").password("s3cret").name("app <1>").lang("go").version("1.54.0").protocol(1)
                .build(), r.connectOptions());
        assertEquals(AuthorizationRequestClaims.ClientTls.builder().version("1.3").cipher("TLS_AES_128_GCM_SHA256")
                .certs(List.of("PEM1")).verifiedChains(List.of(List.of("A", "B"))).build(), r.tls());
        assertEquals("rn", r.requestNonce());
        assertEquals(jwt.token(), Jwts.encode(standard(jwt), r,
                NatsKeyPair.fromSeed(seed(reference.get("server")), KeyKind.SERVER)));
    }

    @Test
    void theReferenceResponsesDecodeAndReEncodeIdentically() {
        NatsKeyPair callout = NatsKeyPair.fromSeed(seed(reference.get("callout")), KeyKind.ACCOUNT);
        Jwt admit = Jwts.decode(reference.get("response_jwt").asText());
        Jwt refusal = Jwts.decode(reference.get("refusal_jwt").asText());

        assertEquals(reference.get("user_jwt").asText(), admit.authorizationResponse().jwt());
        assertEquals(reference.get("server").get("public").asText(), admit.audience());
        assertEquals("no such user <alice>", refusal.authorizationResponse().error());
        assertEquals(admit.token(), Jwts.encode(standard(admit), admit.claims(), callout));
        assertEquals(refusal.token(), Jwts.encode(standard(refusal), refusal.claims(), callout));
    }

    @Test
    void ourRequestsAndResponsesAreValidAndIdenticalInTheReference() {
        NatsKeyPair server = NatsKeyPair.generate(KeyKind.SERVER);
        NatsKeyPair callout = NatsKeyPair.generate(KeyKind.ACCOUNT);
        NatsKeyPair user = NatsKeyPair.generate(KeyKind.USER);
        long now = Instant.now().getEpochSecond();
        var full = AuthorizationRequestClaims.builder()
                .server(AuthorizationRequestClaims.ServerId.builder().name("n <1>")
                .host("0.0.0.0").id(server.publicKey()).version("2.10.27").build())
                .userNkey(user.publicKey())
                .clientInfo(AuthorizationRequestClaims.ClientInformation.builder().host("127.0.0.1").id(9).user("bob")
                        .kind("Client").type("nats").build())
                .connectOptions(AuthorizationRequestClaims.ConnectOptions.builder().username("bob")
                .password("pw&\"").lang("java")
                        .version("2.26").protocol(1).build())
                .tls(AuthorizationRequestClaims.ClientTls.builder().verifiedChains(List.of(List.of("X"), List.of()))
                        .build()).build();
        var bare = AuthorizationRequestClaims.builder().userNkey(user.publicKey()).build();
        String userJwt = Jwts.encode(Jwts.Standard.of(user.publicKey(), "bob"),
                dev.natssandbox.jwt.UserClaims.builder().build(), callout);

        JsonNode reports = verify(
                Jwts.encode(Jwts.Standard.builder(callout.publicKey()).audience(AuthorizationRequestClaims.AUDIENCE)
                        .issuedAt(now).expires(now + 2).build(), full, server),
                Jwts.encode(Jwts.Standard.builder(callout.publicKey()).issuedAt(now).build(), bare, server),
                Jwts.encode(Jwts.Standard.builder(user.publicKey()).audience(server.publicKey()).issuedAt(now)
                        .build(),
                        AuthorizationResponseClaims.admit(userJwt), callout),
                Jwts.encode(Jwts.Standard.builder(user.publicKey()).audience(server.publicKey()).issuedAt(now)
                        .build(),
                        AuthorizationResponseClaims.refuse("not <today>"), callout));

        List<String> types = List.of("authorization_request", "authorization_request", "authorization_response",
                "authorization_response");
        for (int i = 0; i < types.size(); i++) {
            JsonNode r = reports.get(i);
            assertEquals(types.get(i), r.get("type").asText(), r.toString());
            assertEquals(List.of(), GoHarness.strings(r.get("issues")), r.toString());
            assertTrue(r.get("identical").asBoolean(), r.toString());
        }
    }
}
