package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.creds.Creds;
import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.ChainVerifier;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.JwtException;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.testsupport.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.natssandbox.conformance.GoHarness.JSON;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens and creds files made by the reference Go library ({@code jwtcheck generate}), read by ours: every token
 * decodes, verifies and chains, our jti is the reference's, our writer re-encodes the decoded claims to the
 * reference's bytes, every field included (and, but for accounts, to the identical token), creds files parse
 * and format byte for byte alike. Also: the v1 account token from the NATS documentation's memory-resolver
 * walkthrough decodes in both, and a tampered token fails in both. The field-by-field expectations are in
 * {@link GoReferenceFieldsIT}.
 */
@ExtendWith(ExternalTools.RequiresGoReference.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoReferenceTokensIT {
    /** From the walkthrough: the operator that signed it and the account it describes. */
    private static final String V1_OPERATOR = "ODWZJ2KAPF76WOWMPCJF6BY4QIPLTUIY4JIBLU4K3YDG3GHIWBVWBHUZ";
    private static final String V1_ACCOUNT = "ACSU3Q6LTLBVLGAQUONAGXJHVNWGSKKAUA7IY5TB4Z7PLEKSR5O6JTGR";

    private GoHarness harness;
    private ReferenceTokens reference;
    private final Map<String, JsonNode> goReports = new LinkedHashMap<>();

    @BeforeAll
    void generateReferenceTokens() {
        harness = GoHarness.build();
        reference = ReferenceTokens.generate(harness);
        ObjectNode request = JSON.createObjectNode().put("operator", reference.operator().token());
        reference.accounts().values().forEach(a -> request.withArray("accounts").add(a.token()));
        reference.users().values().forEach(u -> request.withArray("users").add(u.token()));
        request.putArray("activations").add(reference.activation().token());
        goReports.putAll(GoHarness.tokensByJwt(harness.verify(request)));
    }

    @Test
    void everyReferenceTokenDecodesVerifiesAndChainsInOurs() {
        Instant now = Instant.ofEpochSecond(reference.now());
        Jwt op = reference.operator();
        Jwt exporter = reference.account("GoExporter");
        assertEquals(List.of(), ChainVerifier.checkOperator(op, now), "operator");
        assertAll(reference.accounts().entrySet().stream().map(e -> (Executable) () -> assertEquals(List.of(),
                ChainVerifier.checkAccount(op, e.getValue(), now), "account " + e.getKey())));
        assertAll(reference.users().entrySet().stream().filter(e -> !e.getKey().equals("GoRevoked"))
                .map(e -> (Executable) () -> assertEquals(List.of(), ChainVerifier.checkUser(exporter, e.getValue(),
                        now), "user " + e.getKey())));
        List<String> revoked = ChainVerifier.checkUser(exporter, reference.user("GoRevoked"), now);
        assertEquals(1, revoked.size(), "problems of GoRevoked: " + revoked);
        assertTrue(revoked.get(0).contains("revoked"), revoked.get(0));
    }

    @Test
    void ourJtiOfEveryReferenceTokenIsTheReferences() {
        assertAll(reference.all().map(jwt -> (Executable) () -> assertEquals(jwt.id(), Jwts.jti(jwt.audience(),
                jwt.expires(), jwt.issuedAt(), jwt.issuer(), jwt.name(), jwt.notBefore(), jwt.subject()),
                jwt.toString())));
    }

    @Test
    void reEncodingTheDecodedClaimsReproducesTheReferencePayload() {
        assertAll(reference.all().map(jwt -> (Executable) () -> {
            String again = Jwts.encode(Jwts.Standard.builder(jwt.subject()).name(jwt.name())
                    .audience(jwt.audience()).issuedAt(jwt.issuedAt()).expires(jwt.expires())
                    .notBefore(jwt.notBefore()).build(), jwt.claims(), reference.signer(jwt));
            String ours = Jwts.decode(again).payloadJson();
            // The reference's marshal of its own token puts account signing keys (a Go map) in key order, as ours.
            GoReferenceIT.assertSameBytes(goReports.get(jwt.token()).get("marshal").asText(), ours,
                    jwt + ": our encoding of the claims decoded from the reference token");
            if (!jwt.type().equals(AccountClaims.TYPE)) {
                // Ed25519 is deterministic: the very same token. (An account token is not compared whole: the
                // reference writes its signing keys, a Go map, in random order.)
                assertEquals(jwt.token(), again, jwt + ": re-encoded token");
            }
        }));
    }

    @Test
    void referenceCredsParseInOursAndOursFormatThemByteForByte() {
        assertAll(reference.users().keySet().stream().map(name -> (Executable) () -> {
            String goCreds = reference.creds(name);
            Creds parsed = Creds.parse(goCreds, name + ".creds");
            assertEquals(reference.user(name).token(), parsed.jwt(), name + ": JWT");
            assertEquals(reference.user(name).subject(), parsed.userPublicKey(), name + ": user key");
            NatsKeyPair key = reference.key("users", name, KeyKind.USER);
            assertEquals(goCreds, new String(Creds.of(parsed.jwt(), key).format()),
                    name + ": our creds file differs from jwt.FormatUserConfig's");
        }));
    }

    @Test
    void theV1AccountTokenOfTheMemoryResolverWalkthroughDecodesInBoth() throws IOException {
        String token;
        try (InputStream in = getClass().getResourceAsStream("v1-account-A.jwt")) {
            token = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        Jwt jwt = Jwts.decode(token);
        assertEquals(1, jwt.version(), "version");
        assertEquals("ed25519", jwt.algorithm(), "header alg of a v1 token");
        assertEquals(V1_ACCOUNT, jwt.subject());
        assertEquals(V1_OPERATOR, jwt.issuer());
        assertEquals("A", jwt.name());
        assertEquals(1556655694L, jwt.issuedAt());
        assertEquals("ODXIIR6ZX5CP32QILW3XPD4KSH63PSMHFGRJZONCGTKUPHJTKCBA", jwt.id());
        AccountLimits limits = jwt.account().limits();
        assertEquals(AccountLimits.builder().subs(-1).conn(-1).leaf(-1).imports(-1).exports(-1).data(-1).payload(-1)
                .wildcards(true).jetStream(JetStreamLimits.DISABLED).build(), limits, "limits");
        assertEquals(AccountClaims.DEFAULT, jwt.account(), "every other field at its default");

        JsonNode go = harness.verify(others(token)).get("tokens").get(0);
        assertEquals("", go.path("decode_error").asText(), "the reference decodes it");
        assertEquals(1, go.get("version").asInt());
        assertEquals("account", go.get("type").asText());
        assertEquals(V1_ACCOUNT, go.get("sub").asText());
        assertEquals(V1_OPERATOR, go.get("iss").asText());
    }

    @Test
    void aTamperedTokenFailsInBoth() {
        String ours = Provisioner.provision(SandboxSpec.operator("Tamper").account("A", a -> a.user("U")).build())
                .user("U").jwt();
        for (String token : List.of(ours, reference.user("GoFull").token())) {
            String tampered = flipNameCharacter(token);
            JwtException e = assertThrows(JwtException.class, () -> Jwts.decode(tampered));
            assertTrue(e.getMessage().contains("signature does not verify"), e.getMessage());
            JsonNode go = harness.verify(others(tampered)).get("tokens").get(0);
            assertEquals("claim failed V2 signature verification", go.path("decode_error").asText(),
                    "the reference's verdict on the tampered token");
        }
    }

    /** Changes one character of the payload (the first letter of the name) and re-encodes it; keeps the signature. */
    private static String flipNameCharacter(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        int at = payload.indexOf("\"name\":\"") + "\"name\":\"".length();
        char c = payload.charAt(at);
        String changed = payload.substring(0, at) + (c == 'X' ? 'Y' : 'X') + payload.substring(at + 1);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static ObjectNode others(String token) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("others").add(token);
        return request;
    }
}
