package dev.natssandbox.jwt;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.natssandbox.jwt.TokenFixtures.CLOCK;
import static dev.natssandbox.jwt.TokenFixtures.IAT;
import static dev.natssandbox.jwt.TokenFixtures.V2_HEADER;
import static dev.natssandbox.jwt.TokenFixtures.signV1;
import static dev.natssandbox.jwt.TokenFixtures.signV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encode → decode gives back what went in; v1 tokens and the reference's lenient forms decode. */
class JwtsDecodingTests {
    /** The account JWT of the nsc walkthrough (a v1 token): name A, issued by operator ODWZJ2…. */
    static final String V1_ACCOUNT = "eyJ0eXAiOiJqd3QiLCJhbGciOiJlZDI1NTE5In0.eyJqdGkiOiJPRFhJSVI2Wlg1Q1AzMlFJTFczWFBENE"
            + "tTSDYzUFNNSEZHUkpaT05DR1RLVVBISlRLQ0JBIiwiaWF0IjoxNTU2NjU1Njk0LCJpc3MiOiJPRFdaSjJLQVBGNzZXT1dNUENKRjZCW"
            + "TRRSVBMVFVJWTRKSUJMVTRLM1lERzNHSElXQlZXQkhVWiIsIm5hbWUiOiJBIiwic3ViIjoiQUNTVTNRNkxUTEJWTEdBUVVPTkFHWEp"
            + "IVk5XR1NLS0FVQTdJWTVUQjRaN1BMRUtTUjVPNkpUR1IiLCJ0eXBlIjoiYWNjb3VudCIsIm5hdHMiOnsibGltaXRzIjp7InN1YnMiO"
            + "i0xLCJjb25uIjotMSwibGVhZiI6LTEsImltcG9ydHMiOi0xLCJleHBvcnRzIjotMSwiZGF0YSI6LTEsInBheWxvYWQiOi0xLCJ3aWx"
            + "kY2FyZHMiOnRydWV9fX0._WW5C1triCh8a4jhyBxEZZP8RJ17pINS8qLzz-01o6zbz1uZfTOJGvwSTS6Yv2_849B9iUXSd-8kp1iMXH"
            + "doBA";

    private final NatsKeyPair operator = NatsKeyPair.generate(KeyKind.OPERATOR);
    private final NatsKeyPair account = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair other = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair user = NatsKeyPair.generate(KeyKind.USER);

    private Jwt roundTrip(Jwts.Standard standard, NatsClaims claims, NatsKeyPair signer) {
        String token = Jwts.encode(standard, claims, signer, CLOCK);
        Jwt decoded = Jwts.decode(token);
        assertEquals(claims, decoded.claims());
        assertEquals(token, decoded.token());
        assertEquals(2, decoded.version());
        assertEquals("ed25519-nkey", decoded.algorithm());
        assertEquals(signer.publicKey(), decoded.issuer());
        assertEquals(standard.subject(), decoded.subject());
        assertEquals(standard.name(), decoded.name());
        assertEquals(standard.audience(), decoded.audience());
        assertEquals(standard.expires(), decoded.expires());
        assertEquals(standard.notBefore(), decoded.notBefore());
        assertEquals(standard.issuedAt() == 0 ? IAT : standard.issuedAt(), decoded.issuedAt());
        assertEquals(Jwts.jti(standard.audience(), standard.expires(), decoded.issuedAt(), signer.publicKey(),
                standard.name(), standard.notBefore(), standard.subject()), decoded.id());
        assertEquals(TokenFixtures.payload(token), decoded.payloadJson());
        return decoded;
    }

    @Test
    void operatorRoundTrips() {
        NatsKeyPair signingKey = NatsKeyPair.generate(KeyKind.OPERATOR);
        OperatorClaims claims = OperatorClaims.builder().signingKeys(List.of(signingKey.publicKey()))
                .accountServerUrl("http://h:1/jwt/v1").operatorServiceUrls(List.of("nats://h:4222", "tls://h:4223"))
                .systemAccount(account.publicKey()).assertServerVersion("2.10.0").strictSigningKeyUsage(true)
                .tags(List.of("a", "b")).build();
        Jwt jwt = roundTrip(Jwts.Standard.builder(operator.publicKey()).name("Op").audience("aud")
                .expires(2_000_000_000L).notBefore(1_600_000_000L).build(),
                claims, operator);
        assertEquals(claims, jwt.operator());
        assertTrue(jwt.isSelfSigned());
        assertEquals("operator", jwt.type());
    }

    @Test
    void accountRoundTrips() {
        UserPermissionLimits template = UserPermissionLimits.builder().allowPub("svc.>").allowSub("_INBOX.>")
                .resp(new ResponsePermission(1, Duration.ofSeconds(1))).subs(5).build();
        List<NatsKeyPair> sks = List.of(NatsKeyPair.generate(KeyKind.ACCOUNT), NatsKeyPair.generate(KeyKind.ACCOUNT));
        List<String> sorted = sks.stream().map(NatsKeyPair::publicKey).sorted().toList();
        AccountClaims claims = AccountClaims.builder()
                .imports(List.of(Import.builder(other.publicKey(), "a.>", ExportType.STREAM).name("a")
                .localSubject("b.>")
                        .build(),
                        Import.builder(other.publicKey(), "s.x", ExportType.SERVICE).name("s").token("tok.en.x")
                                .share(true).build()))
                .exports(List.of(Export.builder("e.*", ExportType.SERVICE).name("e").tokenRequired(true)
                        .revocations(Map.of("*", 7L)).responseType(ResponseType.CHUNKED)
                        .responseThreshold(Duration.ofMillis(300)).latency(new ServiceLatency(0, "lat"))
                        .accountTokenPosition(1).advertise(true).description("d").infoUrl("u").build(),
                        Export.builder("f.>", ExportType.STREAM).name("f").build(),
                        Export.builder("g", ExportType.SERVICE).name("g").responseType(ResponseType.SINGLETON)
                                .latency(new ServiceLatency(100, "lat.g")).build()))
                .limits(AccountLimits.builder().subs(1).data(2).payload(3).imports(4).exports(5).wildcards(false)
                        .disallowBearer(true).conn(6).leaf(7)
                        .jetStream(JetStreamLimits.builder().memoryStorage(8).diskStorage(9).streams(10)
                                .consumers(11).maxAckPending(12).memoryMaxStreamBytes(13).diskMaxStreamBytes(14)
                                .maxBytesRequired(true).build()).build())
                .signingKeys(List.of(new SigningKey(sorted.get(0), null),
                        new SigningKey(sorted.get(1), new UserScope("role", template, "desc"))))
                .revocations(Map.of(user.publicKey(), 99L))
                .defaultPermissions(new Permissions(Permission.allowing("x"), Permission.allowing("y"),
                        null)).mappings(Map.of("m", List.of(new WeightedMapping("n", 100, ""))))
                .description("description").infoUrl("https://info").tags(List.of("t")).build();
        Jwt jwt = roundTrip(Jwts.Standard.of(account.publicKey(), "A"), claims, operator);
        assertEquals(claims, jwt.account());
        assertFalse(jwt.isSelfSigned());
    }

    @Test
    void accountWithTieredLimitsRoundTrips() {
        AccountClaims claims = AccountClaims.builder()
                .limits(AccountLimits.builder()
                .tier("R1", JetStreamLimits.UNLIMITED).tier("R3", JetStreamLimits.builder().memoryStorage(1)
                        .diskStorage(2).streams(3).consumers(4).maxAckPending(5).memoryMaxStreamBytes(6)
                        .diskMaxStreamBytes(7).build())
                .build()).build();
        roundTrip(Jwts.Standard.of(account.publicKey(), "A"), claims, operator);
    }

    @Test
    void userRoundTrips() {
        UserPermissionLimits limits = UserPermissionLimits.builder().allowPub("a", "b.>").denyPub("c")
                .allowSub("d q").denySub("e").resp(new ResponsePermission(2, Duration.ofMillis(1500)))
                .src("10.0.0.0/8").time("22:00:00", "06:00:00").timesLocation("UTC").subs(0).data(5).payload(-1)
                .bearerToken(true).proxyRequired(true).allowedConnectionTypes("MQTT").build();
        UserClaims claims = UserClaims.builder().limits(limits).issuerAccount(account.publicKey())
                .tags(List.of("x")).build();
        Jwt jwt = roundTrip(Jwts.Standard.builder(user.publicKey()).name("u").issuedAt(123).expires(456)
                .notBefore(789).build(), claims, other);
        assertEquals(claims, jwt.user());
        assertEquals(123, jwt.issuedAt());
    }

    @Test
    void defaultAndEmptyUsersRoundTrip() {
        roundTrip(Jwts.Standard.of(user.publicKey(), "d"), UserClaims.builder().limits(UserPermissionLimits.DEFAULT)
                .build(),
                account);
        roundTrip(Jwts.Standard.of(user.publicKey(), "e"), UserClaims.builder().limits(UserPermissionLimits.EMPTY)
                .issuerAccount(account.publicKey()).build(), other);
    }

    @Test
    void activationRoundTrips() {
        ActivationClaims claims = ActivationClaims.builder("p.>", ExportType.STREAM).tags(List.of("t")).build();
        Jwt jwt = roundTrip(Jwts.Standard.of(other.publicKey(), "p.>"), claims, account);
        assertInstanceOf(ActivationClaims.class, jwt.claims());
        assertEquals("activation", jwt.type());
    }

    @Test
    void sourceNetworksAreAcceptedAsACommaSeparatedString() {
        String payload = "{\"iat\":1,\"iss\":\"" + account.publicKey() + "\",\"sub\":\"" + user.publicKey() + "\","
                + "\"nats\":{\"src\":\"127.0.0.1/32, 10.0.0.0/8,,FE80::/10,10.0.0.0/8\",\"type\":\"user\",\"version\":2}}";
        Jwt jwt = Jwts.decode(signV2(V2_HEADER, payload, account));
        // As the reference's CIDRList: split at commas, trim, lower-case, drop empty entries and duplicates.
        assertEquals(List.of("127.0.0.1/32", "10.0.0.0/8", "fe80::/10"), jwt.user().limits().src());
    }

    @Test
    void absentLimitsOfAV2UserAreZero() {
        String payload = "{\"iat\":1,\"iss\":\"" + account.publicKey() + "\",\"sub\":\"" + user.publicKey() + "\","
                + "\"nats\":{\"type\":\"user\",\"version\":2}}";
        UserPermissionLimits limits = Jwts.decode(signV2(V2_HEADER, payload, account)).user().limits();
        assertEquals(UserPermissionLimits.EMPTY, limits);
    }

    @Test
    void theNscWalkthroughsV1AccountTokenDecodesAndVerifies() {
        Jwt jwt = Jwts.decode(V1_ACCOUNT);

        assertEquals(1, jwt.version());
        assertEquals("ed25519", jwt.algorithm());
        assertEquals("A", jwt.name());
        assertEquals("ACSU3Q6LTLBVLGAQUONAGXJHVNWGSKKAUA7IY5TB4Z7PLEKSR5O6JTGR", jwt.subject());
        assertEquals("ODWZJ2KAPF76WOWMPCJF6BY4QIPLTUIY4JIBLU4K3YDG3GHIWBVWBHUZ", jwt.issuer());
        assertEquals("ODXIIR6ZX5CP32QILW3XPD4KSH63PSMHFGRJZONCGTKUPHJTKCBA", jwt.id());
        assertEquals(1_556_655_694L, jwt.issuedAt());
        AccountLimits limits = jwt.account().limits();
        assertEquals(List.of(-1L, -1L, -1L, -1L, -1L, -1L, -1L), List.of(limits.subs(), limits.data(),
                limits.payload(), limits.imports(), limits.exports(), limits.conn(), limits.leaf()));
        assertTrue(limits.wildcards());
        assertFalse(limits.jetStream().isEnabled());
        assertEquals(AccountClaims.DEFAULT, jwt.account());

        // v1 signs the payload part only; the same signature does not cover header.payload.
        String[] parts = V1_ACCOUNT.split("\\.");
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        assertTrue(NatsKeyPair.verify(jwt.issuer(), parts[1].getBytes(StandardCharsets.US_ASCII), sig));
        assertFalse(NatsKeyPair.verify(jwt.issuer(),
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), sig));
    }

    @Test
    void aTamperedV1TokenDoesNotVerify() {
        String[] parts = V1_ACCOUNT.split("\\.");
        String payload = TokenFixtures.unb64(parts[1]).replace("\"name\":\"A\"", "\"name\":\"B\"");
        String tampered = parts[0] + "." + TokenFixtures.b64(payload) + "." + parts[2];
        JwtException e = assertThrows(JwtException.class, () -> Jwts.decode(tampered));
        assertTrue(e.getMessage().startsWith("signature does not verify against issuer "
                + "[ODWZJ2KAPF76WOWMPCJF6BY4QIPLTUIY4JIBLU4K3YDG3GHIWBVWBHUZ]"), e.getMessage());
    }

    @Test
    void aV1UserTokenIsMigratedAsTheReferenceMigratesIt() {
        String payload = "{\"jti\":\"J\",\"iat\":5,\"iss\":\"" + account.publicKey() + "\",\"name\":\"u\",\"sub\":\""
                + user.publicKey() + "\",\"type\":\"user\",\"tags\":[\"t\"],\"issuer_account\":\"" + other.publicKey()
                + "\",\"nats\":{\"pub\":{\"allow\":[\"a\"]},\"subs\":7}}";
        Jwt jwt = Jwts.decode(signV1(payload, account));

        assertEquals(1, jwt.version());
        UserClaims u = jwt.user();
        assertEquals(List.of("t"), u.tags());
        assertEquals(other.publicKey(), u.issuerAccount());
        assertEquals(List.of("a"), u.limits().pub().allow());
        assertEquals(7, u.limits().subs());
        assertEquals(-1, u.limits().data(), "v1 user limits default to unlimited");
        assertEquals(-1, u.limits().payload());
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        String token = Jwts.encode(Jwts.Standard.of(user.publicKey(), "u"), UserClaims.builder().build(),
                account, CLOCK);
        assertEquals(token, Jwts.decode("\n " + token + " \r\n").token());
    }

    @Test
    void anAccountTokenIssuedByAnAccountDecodesAsInTheReference() {
        // nats-io/jwt accepts account and operator issuers for account tokens; the chain check refuses it later.
        String payload = "{\"iat\":1,\"iss\":\"" + account.publicKey() + "\",\"sub\":\"" + account.publicKey()
                + "\",\"nats\":{\"type\":\"account\",\"version\":2}}";
        Jwt jwt = Jwts.decode(signV2(V2_HEADER, payload, account));
        assertTrue(jwt.isSelfSigned());
    }

    @Test
    void expiryAndNotBeforeAreCheckedAgainstTheGivenTime() {
        Jwt jwt = Jwts.decode(Jwts.encode(Jwts.Standard.builder(user.publicKey()).name("u").expires(2000)
                .notBefore(1000).build(),
                UserClaims.builder().build(), account, CLOCK));

        assertTrue(jwt.isNotYetValid(Instant.ofEpochSecond(999)));
        assertFalse(jwt.isNotYetValid(Instant.ofEpochSecond(1000)));
        assertFalse(jwt.isExpired(Instant.ofEpochSecond(2000)));
        assertTrue(jwt.isExpired(Instant.ofEpochSecond(2001)));

        Jwt forever = Jwts.decode(Jwts.encode(Jwts.Standard.of(user.publicKey(), "u"),
                UserClaims.builder().build(), account, CLOCK));
        assertFalse(forever.isExpired(Instant.MAX.minusSeconds(1)));
        assertFalse(forever.isNotYetValid(Instant.EPOCH));
    }

    @Test
    void typedAccessorsRefuseTheOtherTypes() {
        Jwt jwt = Jwts.decode(Jwts.encode(Jwts.Standard.of(user.publicKey(), "bob"), UserClaims.builder().build(),
                account, CLOCK));
        JwtException e = assertThrows(JwtException.class, jwt::account);
        assertEquals("token for [bob] is a user token; expected an account token", e.getMessage());
        assertEquals("token for [bob] is a user token; expected an operator token",
                assertThrows(JwtException.class, jwt::operator).getMessage());
        assertEquals("Jwt[user bob " + user.publicKey() + " v2]", jwt.toString());
    }
}
