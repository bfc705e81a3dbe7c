package dev.natssandbox.jwt;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.natssandbox.jwt.TokenFixtures.CLOCK;
import static dev.natssandbox.jwt.TokenFixtures.fill;
import static dev.natssandbox.jwt.TokenFixtures.jti;
import static dev.natssandbox.jwt.TokenFixtures.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The payload of each claim type, byte for byte, as nats-io/jwt v2 (HEAD) writes it: struct field order, omitempty,
 * -1 written and 0 left out, durations in nanoseconds, Go's escaping of {@code < > &}. Keys are made at test time
 * and substituted into the expected text; the jti is computed here from the standard claims.
 */
class ClaimsGoldenJsonTests {
    private final NatsKeyPair operator = NatsKeyPair.generate(KeyKind.OPERATOR);
    private final NatsKeyPair operatorSigner = NatsKeyPair.generate(KeyKind.OPERATOR);
    private final NatsKeyPair account = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair exporter = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair plainKey = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair scopedKey = NatsKeyPair.generate(KeyKind.ACCOUNT);
    private final NatsKeyPair user = NatsKeyPair.generate(KeyKind.USER);

    @Test
    void operator() {
        OperatorClaims claims = OperatorClaims.builder().signingKeys(List.of(operatorSigner.publicKey()))
                .accountServerUrl("http://127.0.0.1:9090/jwt/v1")
                .operatorServiceUrls(List.of("nats://127.0.0.1:4222")).systemAccount(account.publicKey())
                .assertServerVersion("2.9.0").strictSigningKeyUsage(true).tags(List.of("env")).build();
        String token = Jwts.encode(Jwts.Standard.of(operator.publicKey(), "Test"), claims, operator, CLOCK);

        Map<String, String> keys = Map.of("OP", operator.publicKey(), "SK", operatorSigner.publicKey(),
                "SYS", account.publicKey());
        String standard = fill("{\"iat\":1700000000,\"iss\":\"${OP}\",\"name\":\"Test\",\"sub\":\"${OP}\"}", keys);
        String expected = fill("{\"jti\":\"" + jti(standard) + "\",\"iat\":1700000000,\"iss\":\"${OP}\","
                + "\"name\":\"Test\",\"sub\":\"${OP}\",\"nats\":{\"signing_keys\":[\"${SK}\"],"
                + "\"account_server_url\":\"http://127.0.0.1:9090/jwt/v1\","
                + "\"operator_service_urls\":[\"nats://127.0.0.1:4222\"],\"system_account\":\"${SYS}\","
                + "\"assert_server_version\":\"2.9.0\",\"strict_signing_key_usage\":true,\"tags\":[\"env\"],"
                + "\"type\":\"operator\",\"version\":2}}", keys);
        assertEquals(expected, payload(token));
    }

    @Test
    void operatorWithNothingSet() {
        OperatorClaims claims = OperatorClaims.builder().build();
        String token = Jwts.encode(Jwts.Standard.of(operator.publicKey(), ""), claims, operator, CLOCK);
        String standard = fill("{\"iat\":1700000000,\"iss\":\"${OP}\",\"sub\":\"${OP}\"}",
                Map.of("OP", operator.publicKey()));
        assertEquals(fill("{\"jti\":\"" + jti(standard) + "\",\"iat\":1700000000,\"iss\":\"${OP}\",\"sub\":\"${OP}\","
                + "\"nats\":{\"type\":\"operator\",\"version\":2}}", Map.of("OP", operator.publicKey())),
                payload(token));
    }

    @Test
    void accountWithEverySection() {
        UserPermissionLimits template = UserPermissionLimits.builder().allowPub("a.>").denySub("b").build();
        AccountLimits limits = AccountLimits.builder().subs(100).data(-1).payload(0).imports(-1).exports(10)
                .wildcards(true).disallowBearer(true).conn(-1).leaf(0)
                .jetStream(JetStreamLimits.builder().memoryStorage(1024).diskStorage(-1).streams(5).consumers(-1)
                        .memoryMaxStreamBytes(512).maxBytesRequired(true).build()).build();
        // Given out of order: the reference sorts imports and exports by subject before encoding.
        List<Import> imports = List.of(
                Import.builder(exporter.publicKey(), "svc.a", ExportType.SERVICE).name("svc").token("TOKEN")
                        .share(true).build(),
                Import.builder(exporter.publicKey(), "feed.>", ExportType.STREAM).name("feed")
                        .localSubject("in.feed.>").build());
        List<Export> exports = List.of(
                Export.builder("req.>", ExportType.SERVICE).name("req").tokenRequired(true)
                        .revocations(Map.of(account.publicKey(), 5L)).responseType(ResponseType.STREAM)
                        .responseThreshold(Duration.ofSeconds(2)).latency(new ServiceLatency(50, "lat.results"))
                        .accountTokenPosition(2).advertise(true).description("d").infoUrl("https://x/?a=1&b=2")
                        .build(),
                Export.of("events", "events.*", ExportType.STREAM),
                Export.builder("a.svc", ExportType.SERVICE).latency(new ServiceLatency(0, "lat.a")).build());
        List<SigningKey> signingKeys = List.of(
                new SigningKey(scopedKey.publicKey(), new UserScope("svc", template, "scoped")),
                new SigningKey(plainKey.publicKey(), null));
        Permissions defaults = new Permissions(Permission.allowing("_INBOX.>"), null,
                new ResponsePermission(1, Duration.ofSeconds(5)));
        Map<String, List<WeightedMapping>> mappings = Map.of("m.a",
                List.of(new WeightedMapping("m.b", 60, ""), new WeightedMapping("m.c", 40, "c1")));
        AccountClaims claims = AccountClaims.builder().imports(imports).exports(exports).limits(limits)
                .signingKeys(signingKeys).revocations(Map.of(user.publicKey(), 200L, "*", 100L))
                .defaultPermissions(defaults).mappings(mappings).description("desc").infoUrl("https://info")
                .tags(List.of("a", "b")).build();

        String token = Jwts.encode(Jwts.Standard.of(account.publicKey(), "Acc <&>"), claims, operator, CLOCK);

        Map<String, String> keys = Map.of("OP", operator.publicKey(), "ACC", account.publicKey(),
                "EXP", exporter.publicKey(), "USER", user.publicKey());
        String plain = fill("\"" + plainKey.publicKey() + "\"", keys);
        String scoped = "{\"kind\":\"user_scope\",\"key\":\"" + scopedKey.publicKey() + "\",\"role\":\"svc\","
                + "\"template\":{\"pub\":{\"allow\":[\"a.\\u003e\"]},\"sub\":{\"deny\":[\"b\"]},"
                + "\"subs\":-1,\"data\":-1,\"payload\":-1},\"description\":\"scoped\"}";
        String signingKeysJson = plainKey.publicKey().compareTo(scopedKey.publicKey()) < 0
                ? plain + "," + scoped : scoped + "," + plain;
        String standard = fill("{\"iat\":1700000000,\"iss\":\"${OP}\",\"name\":\"Acc \\u003c\\u0026\\u003e\","
                + "\"sub\":\"${ACC}\"}", keys);
        String expected = fill("{\"jti\":\"" + jti(standard) + "\",\"iat\":1700000000,\"iss\":\"${OP}\","
                + "\"name\":\"Acc \\u003c\\u0026\\u003e\",\"sub\":\"${ACC}\",\"nats\":{"
                + "\"imports\":["
                + "{\"name\":\"feed\",\"subject\":\"feed.\\u003e\",\"account\":\"${EXP}\","
                + "\"local_subject\":\"in.feed.\\u003e\",\"type\":\"stream\"},"
                + "{\"name\":\"svc\",\"subject\":\"svc.a\",\"account\":\"${EXP}\",\"token\":\"TOKEN\","
                + "\"type\":\"service\",\"share\":true}],"
                + "\"exports\":["
                + "{\"subject\":\"a.svc\",\"type\":\"service\",\"service_latency\":{\"sampling\":\"headers\","
                + "\"results\":\"lat.a\"}},"
                + "{\"name\":\"events\",\"subject\":\"events.*\",\"type\":\"stream\"},"
                + "{\"name\":\"req\",\"subject\":\"req.\\u003e\",\"type\":\"service\",\"token_req\":true,"
                + "\"revocations\":{\"${ACC}\":5},\"response_type\":\"Stream\",\"response_threshold\":2000000000,"
                + "\"service_latency\":{\"sampling\":50,\"results\":\"lat.results\"},\"account_token_position\":2,"
                + "\"advertise\":true,\"description\":\"d\",\"info_url\":\"https://x/?a=1\\u0026b=2\"}],"
                + "\"limits\":{\"subs\":100,\"data\":-1,\"imports\":-1,\"exports\":10,\"wildcards\":true,"
                + "\"disallow_bearer\":true,\"conn\":-1,\"mem_storage\":1024,\"disk_storage\":-1,\"streams\":5,"
                + "\"consumer\":-1,\"mem_max_stream_bytes\":512,\"max_bytes_required\":true},"
                + "\"signing_keys\":[" + signingKeysJson + "],"
                + "\"revocations\":{\"*\":100,\"${USER}\":200},"
                + "\"default_permissions\":{\"pub\":{\"allow\":[\"_INBOX.\\u003e\"]},\"sub\":{},"
                + "\"resp\":{\"max\":1,\"ttl\":5000000000}},"
                + "\"mappings\":{\"m.a\":[{\"subject\":\"m.b\",\"weight\":60},"
                + "{\"subject\":\"m.c\",\"weight\":40,\"cluster\":\"c1\"}]},"
                + "\"authorization\":{},"
                + "\"description\":\"desc\",\"info_url\":\"https://info\",\"tags\":[\"a\",\"b\"],"
                + "\"type\":\"account\",\"version\":2}}", keys);
        assertEquals(expected, payload(token));
    }

    @Test
    void accountAsNscAddAccountCreatesIt() {
        String token = Jwts.encode(Jwts.Standard.of(account.publicKey(), "A"), AccountClaims.DEFAULT,
                operatorSigner, CLOCK);
        Map<String, String> keys = Map.of("ISS", operatorSigner.publicKey(), "ACC", account.publicKey());
        String standard = fill("{\"iat\":1700000000,\"iss\":\"${ISS}\",\"name\":\"A\",\"sub\":\"${ACC}\"}", keys);
        assertEquals(fill("{\"jti\":\"" + jti(standard) + "\",\"iat\":1700000000,\"iss\":\"${ISS}\",\"name\":\"A\","
                + "\"sub\":\"${ACC}\",\"nats\":{\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,"
                + "\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1},\"default_permissions\":{\"pub\":{},"
                + "\"sub\":{}},\"authorization\":{},\"type\":\"account\",\"version\":2}}", keys), payload(token));
    }

    @Test
    void accountWithTieredJetStreamLimits() {
        AccountLimits limits = AccountLimits.builder()
                .tier("R3", JetStreamLimits.builder().memoryStorage(-1).diskStorage(2048).streams(-1).consumers(-1)
                        .build())
                .tier("R1", JetStreamLimits.builder().memoryStorage(-1).diskStorage(-1).streams(10).consumers(20)
                        .maxAckPending(30).build()).build();
        AccountClaims claims = AccountClaims.builder().limits(limits).build();
        String nats = Jwts.natsJson(claims);
        assertEquals("{\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
                + "\"wildcards\":true,\"conn\":-1,\"leaf\":-1,\"tiered_limits\":{"
                + "\"R1\":{\"mem_storage\":-1,\"disk_storage\":-1,\"streams\":10,\"consumer\":20,\"max_ack_pending\":30},"
                + "\"R3\":{\"mem_storage\":-1,\"disk_storage\":2048,\"streams\":-1,\"consumer\":-1}}},"
                + "\"default_permissions\":{\"pub\":{},\"sub\":{}},\"authorization\":{},\"type\":\"account\","
                + "\"version\":2}", nats);
    }

    @Test
    void userWithEveryPermissionAndLimit() {
        UserPermissionLimits limits = UserPermissionLimits.builder()
                .allowPub("req.a", "_INBOX.>").denyPub("req.secret")
                .allowSub("q.a workers").denySub("<b>")
                .resp(new ResponsePermission(3, Duration.ofMillis(1500)))
                .src("127.0.0.1/32", "::1/128").time("08:00:00", "17:00:00").timesLocation("Europe/Berlin")
                .subs(10).data(-1).payload(0).bearerToken(true).proxyRequired(true)
                .allowedConnectionTypes("STANDARD", "WEBSOCKET").build();
        UserClaims claims = UserClaims.builder().limits(limits).issuerAccount(account.publicKey())
                .tags(List.of("t")).build();
        Jwts.Standard standardClaims = Jwts.Standard.builder(user.publicKey()).name("alice").audience("aud1")
                .expires(1_800_000_000L).notBefore(1_690_000_000L).build();

        String token = Jwts.encode(standardClaims, claims, plainKey, CLOCK);

        Map<String, String> keys = Map.of("SK", plainKey.publicKey(), "U", user.publicKey(),
                "ACC", account.publicKey());
        String standard = fill("{\"aud\":\"aud1\",\"exp\":1800000000,\"iat\":1700000000,\"iss\":\"${SK}\","
                + "\"name\":\"alice\",\"nbf\":1690000000,\"sub\":\"${U}\"}", keys);
        String expected = fill("{\"aud\":\"aud1\",\"exp\":1800000000,\"jti\":\"" + jti(standard) + "\","
                + "\"iat\":1700000000,\"iss\":\"${SK}\",\"name\":\"alice\",\"nbf\":1690000000,\"sub\":\"${U}\","
                + "\"nats\":{\"pub\":{\"allow\":[\"req.a\",\"_INBOX.\\u003e\"],\"deny\":[\"req.secret\"]},"
                + "\"sub\":{\"allow\":[\"q.a workers\"],\"deny\":[\"\\u003cb\\u003e\"]},"
                + "\"resp\":{\"max\":3,\"ttl\":1500000000},"
                + "\"src\":[\"127.0.0.1/32\",\"::1/128\"],\"times\":[{\"start\":\"08:00:00\",\"end\":\"17:00:00\"}],"
                + "\"times_location\":\"Europe/Berlin\",\"subs\":10,\"data\":-1,\"bearer_token\":true,"
                + "\"proxy_required\":true,\"allowed_connection_types\":[\"STANDARD\",\"WEBSOCKET\"],"
                + "\"issuer_account\":\"${ACC}\",\"tags\":[\"t\"],\"type\":\"user\",\"version\":2}}", keys);
        assertEquals(expected, payload(token));
    }

    @Test
    void userAsNscAddUserCreatesIt() {
        String token = Jwts.encode(Jwts.Standard.of(user.publicKey(), "u"),
                UserClaims.builder().limits(UserPermissionLimits.DEFAULT).build(), account, CLOCK);
        Map<String, String> keys = Map.of("ACC", account.publicKey(), "U", user.publicKey());
        String standard = fill("{\"iat\":1700000000,\"iss\":\"${ACC}\",\"name\":\"u\",\"sub\":\"${U}\"}", keys);
        assertEquals(fill("{\"jti\":\"" + jti(standard) + "\",\"iat\":1700000000,\"iss\":\"${ACC}\",\"name\":\"u\","
                + "\"sub\":\"${U}\",\"nats\":{\"pub\":{},\"sub\":{},\"subs\":-1,\"data\":-1,\"payload\":-1,"
                + "\"type\":\"user\",\"version\":2}}", keys), payload(token));
    }

    @Test
    void userOfAScopedSigningKeyCarriesNothingButItsIssuerAccount() {
        String token = Jwts.encode(Jwts.Standard.of(user.publicKey(), "u"),
                UserClaims.builder().limits(UserPermissionLimits.EMPTY).issuerAccount(account.publicKey())
                        .build(), scopedKey, CLOCK);
        assertEquals(fill("\"nats\":{\"pub\":{},\"sub\":{},\"issuer_account\":\"${ACC}\",\"type\":\"user\","
                + "\"version\":2}}", Map.of("ACC", account.publicKey())),
                payload(token).substring(payload(token).indexOf("\"nats\":")));
    }

    @Test
    void activation() {
        ActivationClaims claims = ActivationClaims.builder("svc.>", ExportType.SERVICE).tags(List.of("x")).build();
        String token = Jwts.encode(Jwts.Standard.of(account.publicKey(), "svc.>"), claims, exporter, CLOCK);

        Map<String, String> keys = Map.of("EXP", exporter.publicKey(), "IMP", account.publicKey());
        String standard = fill("{\"iat\":1700000000,\"iss\":\"${EXP}\",\"name\":\"svc.\\u003e\",\"sub\":\"${IMP}\"}",
                keys);
        assertEquals(fill("{\"jti\":\"" + jti(standard) + "\",\"iat\":1700000000,\"iss\":\"${EXP}\","
                + "\"name\":\"svc.\\u003e\",\"sub\":\"${IMP}\",\"nats\":{\"subject\":\"svc.\\u003e\","
                + "\"kind\":\"service\",\"tags\":[\"x\"],\"type\":\"activation\",\"version\":2}}", keys),
                payload(token));
    }
}
