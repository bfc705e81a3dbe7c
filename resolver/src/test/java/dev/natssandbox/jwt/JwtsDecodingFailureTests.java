package dev.natssandbox.jwt;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.natssandbox.jwt.TokenFixtures.CLOCK;
import static dev.natssandbox.jwt.TokenFixtures.V2_HEADER;
import static dev.natssandbox.jwt.TokenFixtures.b64;
import static dev.natssandbox.jwt.TokenFixtures.signV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each way a token can be broken, and the message that names it. */
class JwtsDecodingFailureTests {
    private final NatsKeyPair operator = NatsKeyPair.generate(KeyKind.OPERATOR);
    private final NatsKeyPair account = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair user = NatsKeyPair.generate(KeyKind.USER);
    private final String good = Jwts.encode(Jwts.Standard.of(user.publicKey(), "u"), UserClaims.builder().build(),
            account, CLOCK);

    private static String fails(String token) {
        JwtException e = assertThrows(JwtException.class, () -> Jwts.decode(token));
        assertInstanceOf(InvalidInputException.class, e);
        return e.getMessage();
    }

    private String userPayload(String nats) {
        return "{\"iat\":1,\"iss\":\"" + account.publicKey() + "\",\"sub\":\"" + user.publicKey() + "\",\"nats\":"
                + nats + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\n"})
    void empty(String token) {
        assertEquals("token is empty; expected a JWT (three base64url parts separated by '.')", fails(token));
        assertEquals("token is empty; expected a JWT (three base64url parts separated by '.')", fails(null));
    }

    @Test
    void wrongNumberOfParts() {
        String[] parts = good.split("\\.");
        assertEquals("token has 2 parts; a JWT has three base64url parts separated by '.'",
                fails(parts[0] + "." + parts[1]));
        assertEquals("token has 1 part; a JWT has three base64url parts separated by '.'", fails(parts[0]));
        assertEquals("token has 4 parts; a JWT has three base64url parts separated by '.'", fails(good + ".x"));
    }

    @Test
    void partsThatAreNotBase64Url() {
        String[] parts = good.split("\\.");
        assertTrue(fails("!!!." + parts[1] + "." + parts[2]).startsWith("header is not base64url: "));
        assertTrue(fails(parts[0] + ".a+b/." + parts[2]).startsWith("payload is not base64url: "));
        assertTrue(fails(parts[0] + "." + parts[1] + ".#").startsWith("signature is not base64url: "));
    }

    @Test
    void headerWithTheWrongTypeOrAlgorithm() {
        String[] parts = good.split("\\.");
        assertEquals("header typ [JWS] is not JWT",
                fails(b64("{\"typ\":\"JWS\",\"alg\":\"ed25519-nkey\"}") + "." + parts[1] + "." + parts[2]));
        assertEquals("header typ [] is not JWT",
                fails(b64("{\"alg\":\"ed25519-nkey\"}") + "." + parts[1] + "." + parts[2]));
        assertEquals("header alg [HS256] is not ed25519-nkey (or ed25519 for v1 tokens)",
                fails(b64("{\"typ\":\"JWT\",\"alg\":\"HS256\"}") + "." + parts[1] + "." + parts[2]));
        assertEquals("header alg [ed25519-nkeyx] is not ed25519-nkey (or ed25519 for v1 tokens)",
                fails(b64("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkeyx\"}") + "." + parts[1] + "." + parts[2]));
        assertEquals("header.typ must be a string, got NUMBER",
                fails(b64("{\"typ\":1,\"alg\":\"ed25519-nkey\"}") + "." + parts[1] + "." + parts[2]));
        assertTrue(fails(b64("{\"typ\":") + "." + parts[1] + "." + parts[2]).startsWith("header is not valid JSON"));
    }

    @Test
    void payloadThatIsNotAJsonObject() {
        assertTrue(fails(signV2(V2_HEADER, "{\"iss\":", account)).startsWith("payload is not valid JSON"));
        assertEquals("payload is not a JSON object", fails(signV2(V2_HEADER, "[1,2]", account)));
        assertEquals("payload is not a JSON object", fails(signV2(V2_HEADER, "\"text\"", account)));
        assertEquals("payload is empty; expected a JSON object", fails(signV2(V2_HEADER, "", account)));
        assertEquals("payload field nats must be an object",
                fails(signV2(V2_HEADER, userPayload("[\"user\"]"), account)));
    }

    @Test
    void aFieldOfTheWrongJsonTypeIsNamed() {
        assertEquals("nats.subs must be an integer, got [\"many\"]", fails(signV2(V2_HEADER,
                userPayload("{\"subs\":\"many\",\"type\":\"user\",\"version\":2}"), account)));
        assertEquals("nats.pub.allow must be an array of strings, got STRING", fails(signV2(V2_HEADER,
                userPayload("{\"pub\":{\"allow\":\"a\"},\"type\":\"user\",\"version\":2}"), account)));
        assertEquals("nats.sub.deny must contain only strings, got [1]", fails(signV2(V2_HEADER,
                userPayload("{\"sub\":{\"deny\":[1]},\"type\":\"user\",\"version\":2}"), account)));
        assertEquals("nats.bearer_token must be true or false, got [\"yes\"]", fails(signV2(V2_HEADER,
                userPayload("{\"bearer_token\":\"yes\",\"type\":\"user\",\"version\":2}"), account)));
        assertEquals("nats.resp.ttl must be an integer, got [1.5]", fails(signV2(V2_HEADER,
                userPayload("{\"resp\":{\"max\":1,\"ttl\":1.5},\"type\":\"user\",\"version\":2}"), account)));
        assertEquals("nats.version must be an integer, got [\"2\"]", fails(signV2(V2_HEADER,
                userPayload("{\"type\":\"user\",\"version\":\"2\"}"), account)));
        assertEquals("name must be a string, got NUMBER", fails(signV2(V2_HEADER,
                "{\"iat\":1,\"iss\":\"" + account.publicKey() + "\",\"name\":5,\"sub\":\"" + user.publicKey()
                        + "\",\"nats\":{\"type\":\"user\",\"version\":2}}", account)));

        String accountPayload = "{\"iat\":1,\"iss\":\"" + operator.publicKey() + "\",\"sub\":\"" + account.publicKey()
                + "\",\"nats\":%s}";
        assertEquals("nats.limits.conn must be an integer, got [true]", fails(signV2(V2_HEADER, String.format(
                accountPayload, "{\"limits\":{\"conn\":true},\"type\":\"account\",\"version\":2}"), operator)));
        assertEquals("nats.exports[0].type [both] is not stream or service", fails(signV2(V2_HEADER, String.format(
                accountPayload, "{\"exports\":[{\"subject\":\"a\",\"type\":\"both\"}],\"type\":\"account\","
                        + "\"version\":2}"), operator)));
        assertEquals("nats.imports must be an array, got OBJECT", fails(signV2(V2_HEADER, String.format(
                accountPayload, "{\"imports\":{},\"type\":\"account\",\"version\":2}"), operator)));
        assertEquals("nats.signing_keys[0].kind [admin_scope] is not a known signing key scope (expected user_scope)",
                fails(signV2(V2_HEADER, String.format(accountPayload, "{\"signing_keys\":[{\"kind\":\"admin_scope\","
                        + "\"key\":\"k\"}],\"type\":\"account\",\"version\":2}"), operator)));
        assertEquals("nats.revocations.X must be an integer", fails(signV2(V2_HEADER, String.format(
                accountPayload, "{\"revocations\":{\"X\":\"now\"},\"type\":\"account\",\"version\":2}"), operator)));
    }

    @Test
    void aNewerVersion() {
        assertEquals("token version [3] is newer than this library supports (2)",
                fails(signV2(V2_HEADER, userPayload("{\"type\":\"user\",\"version\":3}"), account)));
    }

    @Test
    void aKnownTypeWithoutVersion() {
        assertEquals("user token has nats.version [0]; expected 2 (or a v1 token with its type at the top level)",
                fails(signV2(V2_HEADER, userPayload("{\"type\":\"user\"}"), account)));
    }

    @Test
    void noIssuer() {
        assertEquals("payload has no iss (issuer); cannot verify the signature", fails(signV2(V2_HEADER,
                "{\"sub\":\"" + user.publicKey() + "\",\"nats\":{\"type\":\"user\",\"version\":2}}", account)));
    }

    @Test
    void anIssuerThatIsNotAPublicKey() {
        String message = fails(signV2(V2_HEADER, "{\"iss\":\"ABC\",\"nats\":{\"type\":\"user\",\"version\":2}}",
                account));
        assertEquals("issuer: public key [ABC] has 3 characters; a public nkey has 56", message);
    }

    @Test
    void aTamperedSignatureOrPayload() {
        String[] parts = good.split("\\.");
        char last = parts[2].charAt(10);
        String sig = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        String expected = "signature does not verify against issuer [" + account.publicKey()
                + "]; the token was altered or not signed by its issuer";
        assertEquals(expected, fails(parts[0] + "." + parts[1] + "." + sig));

        String payload = TokenFixtures.unb64(parts[1]).replace("\"name\":\"u\"", "\"name\":\"v\"");
        assertEquals(expected, fails(parts[0] + "." + b64(payload) + "." + parts[2]));

        NatsKeyPair impostor = NatsKeyPair.generate(KeyKind.ACCOUNT);
        String resigned = signV2(V2_HEADER, TokenFixtures.unb64(parts[1]), impostor);
        assertEquals(expected, fails(resigned));
    }

    @Test
    void anIssuerOfTheWrongKind() {
        assertEquals("user token issued by [" + operator.publicKey() + "]; expected an issuer of kind account",
                fails(signV2(V2_HEADER, "{\"iat\":1,\"iss\":\"" + operator.publicKey() + "\",\"sub\":\""
                        + user.publicKey() + "\",\"nats\":{\"type\":\"user\",\"version\":2}}", operator)));
        assertEquals("operator token issued by [" + account.publicKey() + "]; expected an issuer of kind operator",
                fails(signV2(V2_HEADER, "{\"iat\":1,\"iss\":\"" + account.publicKey() + "\",\"sub\":\""
                        + account.publicKey() + "\",\"nats\":{\"type\":\"operator\",\"version\":2}}", account)));
        assertEquals("account token issued by [" + user.publicKey() + "]; expected an issuer of kind operator or "
                + "account", fails(signV2(V2_HEADER, "{\"iat\":1,\"iss\":\"" + user.publicKey() + "\",\"sub\":\""
                + account.publicKey() + "\",\"nats\":{\"type\":\"account\",\"version\":2}}", user)));
        assertEquals("activation token issued by [" + user.publicKey() + "]; expected an issuer of kind account or "
                + "operator", fails(signV2(V2_HEADER, "{\"iat\":1,\"iss\":\"" + user.publicKey() + "\",\"sub\":\""
                + account.publicKey() + "\",\"nats\":{\"subject\":\"a\",\"kind\":\"stream\",\"type\":\"activation\","
                + "\"version\":2}}", user)));
    }

    @Test
    void aTokenLargerThanTheReferenceAllows() {
        String huge = "a".repeat(Jwts.MAX_TOKEN_SIZE + 1);
        assertEquals("token has " + (Jwts.MAX_TOKEN_SIZE + 1) + " characters; the maximum is " + Jwts.MAX_TOKEN_SIZE,
                fails(huge));
    }
}
