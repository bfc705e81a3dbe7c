package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The auth callout claims against nats-io/jwt v2.8: the account {@code authorization} claim (ours decode, validate
 * and re-marshal to identical bytes in the reference; the reference's decode here and re-encode to the identical
 * token).
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
        String again = Jwts.encode(new Jwts.Standard(jwt.subject(), jwt.name(), jwt.audience(), jwt.issuedAt(),
                jwt.expires(), jwt.notBefore()), jwt.claims(), NatsKeyPair.fromSeed(seed(reference.get("operator")),
                KeyKind.OPERATOR));
        assertEquals(jwt.token(), again);
    }
}
