package dev.natssandbox.jwt;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import io.nats.client.NKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.natssandbox.jwt.TokenFixtures.CLOCK;
import static dev.natssandbox.jwt.TokenFixtures.jti;
import static dev.natssandbox.jwt.TokenFixtures.payload;
import static dev.natssandbox.jwt.TokenFixtures.unb64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtsEncodingTests {
    private final NatsKeyPair operator = NatsKeyPair.generate(KeyKind.OPERATOR);
    private final NatsKeyPair account = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair user = NatsKeyPair.generate(KeyKind.USER);

    private String userToken(UserPermissionLimits limits) {
        return Jwts.encode(Jwts.Standard.of(user.publicKey(), "u"), UserClaims.builder().limits(limits)
                .build(), account, CLOCK);
    }

    @Test
    void headerIsExactlyTheReferenceHeader() {
        String token = userToken(UserPermissionLimits.DEFAULT);
        assertEquals("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}", unb64(token.split("\\.")[0]));
        assertEquals(Jwts.HEADER_JSON, unb64(token.split("\\.")[0]));
        assertTrue(token.startsWith("eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ."), token);
    }

    @Test
    void partsAreUnpaddedBase64Url() {
        // Names of several lengths so that some payloads are not a multiple of three bytes.
        for (String name : List.of("u", "uu", "uuu", "a name/with+chars?~~")) {
            String token = Jwts.encode(Jwts.Standard.of(user.publicKey(), name),
                    UserClaims.builder().build(), account, CLOCK);
            String[] parts = token.split("\\.", -1);
            assertEquals(3, parts.length);
            for (String part : parts) {
                assertTrue(part.matches("[A-Za-z0-9_-]+"), () -> "not raw base64url: " + part);
            }
            assertEquals(86, parts[2].length(), "64 signature bytes are 86 unpadded characters");
        }
    }

    @Test
    void signatureIsTheIssuersEd25519SignatureOverHeaderDotPayload() throws Exception {
        String token = userToken(UserPermissionLimits.DEFAULT);
        int lastDot = token.lastIndexOf('.');
        byte[] signed = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        byte[] sig = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));

        assertTrue(NatsKeyPair.verify(account.publicKey(), signed, sig));
        assertTrue(NKey.fromPublicKey(account.publicKey().toCharArray()).verify(signed, sig), "jnats agrees");
        byte[] payloadOnly = token.split("\\.")[1].getBytes(StandardCharsets.US_ASCII);
        assertFalse(NatsKeyPair.verify(account.publicKey(), payloadOnly, sig), "v2 signs header and payload");
    }

    @Test
    void jtiHashesTheStandardClaimsInReferenceOrderLeavingOutEmptyOnes() {
        Jwts.Standard all = Jwts.Standard.builder(user.publicKey()).name("n").audience("aud").issuedAt(5).expires(9)
                .notBefore(3).build();
        String token = Jwts.encode(all, UserClaims.builder().build(), account, CLOCK);
        String expected = jti("{\"aud\":\"aud\",\"exp\":9,\"iat\":5,\"iss\":\"" + account.publicKey()
                + "\",\"name\":\"n\",\"nbf\":3,\"sub\":\"" + user.publicKey() + "\"}");

        assertEquals(expected, Jwts.decode(token).id());
        assertEquals(expected, Jwts.jti("aud", 9, 5, account.publicKey(), "n", 3, user.publicKey()));
        assertEquals(jti("{\"iat\":5,\"iss\":\"I\",\"sub\":\"S\"}"), Jwts.jti("", 0, 5, "I", "", 0, "S"));
        assertEquals(jti("{}"), Jwts.jti(null, 0, 0, null, null, 0, null));
    }

    @Test
    void issueTimeComesFromTheClockUnlessGiven() {
        Clock later = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
        String fromClock = Jwts.encode(Jwts.Standard.of(user.publicKey(), "u"),
                UserClaims.builder().build(), account, later);
        String given = Jwts.encode(Jwts.Standard.builder(user.publicKey()).name("u").issuedAt(42).build(),
                UserClaims.builder().build(), account, later);

        assertEquals(1_800_000_000L, Jwts.decode(fromClock).issuedAt());
        assertEquals(42, Jwts.decode(given).issuedAt());
    }

    @Test
    void unlimitedIsWrittenAsMinusOneAndZeroIsLeftOut() {
        String p = payload(userToken(UserPermissionLimits.builder().subs(-1).data(0).payload(7).build()));
        assertTrue(p.contains("\"subs\":-1,\"payload\":7,"), p);
        assertFalse(p.contains("\"data\""), p);

        String acc = Jwts.natsJson(AccountClaims.builder()
                .limits(AccountLimits.builder().conn(0).leaf(-1).subs(0).build()).build());
        assertTrue(acc.startsWith("{\"limits\":{\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
                + "\"wildcards\":true,\"leaf\":-1},"), acc);
    }

    @Test
    void aUserWithoutSubsDecodesToZeroSubscriptions() {
        Jwt decoded = Jwts.decode(userToken(UserPermissionLimits.builder().subs(0).build()));
        assertEquals(0, decoded.user().limits().subs());
        assertEquals(-1, decoded.user().limits().data());
        assertFalse(decoded.payloadJson().contains("\"subs\""));
    }

    @Test
    void responseTtlIsWrittenInNanoseconds() {
        String p = payload(userToken(UserPermissionLimits.builder()
                .resp(new ResponsePermission(2, Duration.ofMinutes(1).plusNanos(5))).build()));
        assertTrue(p.contains("\"resp\":{\"max\":2,\"ttl\":60000000005}"), p);

        String zero = payload(userToken(UserPermissionLimits.builder().resp(new ResponsePermission(0, null)).build()));
        assertTrue(zero.contains("\"resp\":{\"max\":0,\"ttl\":0}"), "max and ttl have no omitempty: " + zero);
    }

    @Test
    void stringsAreEscapedAsGoEscapesThem() {
        String name = "a<b>c&d\u2028e\u2029f\u0001g\"h\\i\nj\rk\tl\u007fm\u00e9n\uD83D\uDE00o\uD800p";
        String token = Jwts.encode(Jwts.Standard.of(user.publicKey(), name),
                UserClaims.builder().limits(UserPermissionLimits.builder().allowPub("x.>").build())
                        .tags(List.of("<&>")).build(),
                account, CLOCK);
        String p = payload(token);

        String escaped = "a\\u003cb\\u003ec\\u0026d\\u2028e\\u2029f\\u0001g\\\"h\\\\i\\nj\\rk\\tl\u007fm\u00e9n"
                + "\uD83D\uDE00o\\ufffdp"; // Go writes invalid UTF-8 (here: a lone surrogate) as the escape
        assertTrue(p.contains("\"name\":\"" + escaped + "\""), p);
        assertTrue(p.contains("\"allow\":[\"x.\\u003e\"]"), p);
        assertTrue(p.contains("\"tags\":[\"\\u003c\\u0026\\u003e\"]"), p);
        assertEquals(jti("{\"iat\":1700000000,\"iss\":\"" + account.publicKey() + "\",\"name\":\"" + escaped
                + "\",\"sub\":\"" + user.publicKey() + "\"}"), Jwts.decode(token).id());
    }

    @Test
    void backspaceAndFormFeedAreEscapedAsTheGoVersionTheReferenceRequiresDoesIt() {
        // nats-io/jwt HEAD needs Go 1.25; since Go 1.22 encoding/json writes these two as \b and \f.
        String p = payload(Jwts.encode(Jwts.Standard.of(user.publicKey(), "a\bb\fc"),
                UserClaims.builder().build(), account, CLOCK));
        assertTrue(p.contains("\"name\":\"a\\bb\\fc\""), p);
    }

    @Test
    void signingKeysAreSortedAndScopedOnesAreObjects() {
        List<NatsKeyPair> keys = List.of(NatsKeyPair.generate(KeyKind.ACCOUNT), NatsKeyPair.generate(KeyKind.ACCOUNT),
                NatsKeyPair.generate(KeyKind.ACCOUNT));
        List<String> sorted = keys.stream().map(NatsKeyPair::publicKey).sorted().toList();
        AccountClaims claims = AccountClaims.builder()
                .signingKeys(List.of(
                new SigningKey(sorted.get(2), null),
                new SigningKey(sorted.get(0), new UserScope("r", UserPermissionLimits.DEFAULT, "")),
                new SigningKey(sorted.get(1), null))).build();

        String nats = Jwts.natsJson(claims);

        assertTrue(nats.contains("\"signing_keys\":[{\"kind\":\"user_scope\",\"key\":\"" + sorted.get(0)
                + "\",\"role\":\"r\",\"template\":{\"pub\":{},\"sub\":{},\"subs\":-1,\"data\":-1,\"payload\":-1},"
                + "\"description\":\"\"},\"" + sorted.get(1) + "\",\"" + sorted.get(2) + "\"],"), nats);
    }

    @Test
    void importsAndExportsAreSortedBySubject() {
        AccountClaims claims = AccountClaims.builder()
                .imports(List.of(Import.builder(account.publicKey(), "z", ExportType.STREAM).build(),
                        Import.builder(account.publicKey(), "b.>", ExportType.SERVICE).build()))
                .exports(List.of(Export.of("2", "y.*", ExportType.STREAM), Export.of("1", "a", ExportType.SERVICE)))
                .build();
        String nats = Jwts.natsJson(claims);
        assertTrue(nats.indexOf("\"subject\":\"b.\\u003e\"") < nats.indexOf("\"subject\":\"z\""), nats);
        assertTrue(nats.indexOf("\"subject\":\"a\"") < nats.indexOf("\"subject\":\"y.*\""), nats);
    }

    @Test
    void revocationsAreWrittenSortedByKey() {
        String nats = Jwts.natsJson(AccountClaims.DEFAULT.withRevocations(Map.of("UB", 2L, "*", 3L, "UA", 1L)));
        assertTrue(nats.contains("\"revocations\":{\"*\":3,\"UA\":1,\"UB\":2}"), nats);
    }

    @Nested
    class Failures {
        @Test
        void aSignerOfTheWrongKind() {
            JwtException account = assertThrows(JwtException.class, () -> Jwts.encode(
                    Jwts.Standard.of(JwtsEncodingTests.this.account.publicKey(), "a"), AccountClaims.DEFAULT,
                    JwtsEncodingTests.this.account, CLOCK));
            assertEquals("account tokens are signed by operator keys; got account key ["
                    + JwtsEncodingTests.this.account.publicKey() + "]", account.getMessage());

            JwtException user = assertThrows(JwtException.class, () -> Jwts.encode(
                    Jwts.Standard.of(JwtsEncodingTests.this.user.publicKey(), "u"), UserClaims.builder().build(),
                    operator, CLOCK));
            assertEquals("user tokens are signed by account keys; got operator key [" + operator.publicKey() + "]",
                    user.getMessage());
        }

        @Test
        void aSubjectOfTheWrongKind() {
            JwtException e = assertThrows(JwtException.class, () -> Jwts.encode(
                    Jwts.Standard.of(account.publicKey(), "u"), UserClaims.builder().build(), account, CLOCK));
            assertEquals("subject of user token: public key [" + account.publicKey() + "] is an account key; "
                    + "expected a user public key (U…)", e.getMessage());

            JwtException empty = assertThrows(JwtException.class, () -> Jwts.encode(
                    Jwts.Standard.of("", "op"), OperatorClaims.builder().build(),
                    operator, CLOCK));
            assertTrue(empty.getMessage().startsWith("subject of operator token: public key is empty"),
                    empty.getMessage());

            JwtException activation = assertThrows(JwtException.class, () -> Jwts.encode(
                    Jwts.Standard.of(user.publicKey(), "x"), ActivationClaims.builder("x", ExportType.STREAM)
                            .build(),
                    account, CLOCK));
            assertTrue(activation.getMessage().startsWith("subject of activation token: public key ["
                    + user.publicKey() + "] is a user key; expected an account public key"), activation.getMessage());
        }

        @Test
        void aTokenOfAnotherTypeWithoutSubject() {
            JwtException e = assertThrows(JwtException.class, () -> Jwts.encode(Jwts.Standard.of(null, "x"),
                    new OtherClaims("generic", "{}", null), account, CLOCK));
            assertEquals("cannot encode a generic token without a subject", e.getMessage());
        }
    }
}
