package dev.natssandbox.conformance;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.MessageTrace;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.OperatorClaims;
import dev.natssandbox.jwt.Permission;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.ResponsePermission;
import dev.natssandbox.jwt.ResponseType;
import dev.natssandbox.jwt.ServiceLatency;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.jwt.UserScope;
import dev.natssandbox.jwt.WeightedMapping;
import dev.natssandbox.testsupport.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every field of the tokens the reference Go library made ({@code src/test/go/jwtcheck/generate.go}), as our
 * decoder reads it, against the values the Go program put in. Each claims record is compared whole, so a field our
 * decoder drops or misreads fails the test. Keep the expectations in step with {@code generate.go}.
 */
@ExtendWith(ExternalTools.RequiresGoReference.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoReferenceFieldsIT {
    private ReferenceTokens ref;
    private long now;
    private String exporter;
    private String importer;

    @BeforeAll
    void generateReferenceTokens() {
        ref = ReferenceTokens.generate(GoHarness.build());
        now = ref.now();
        exporter = ref.publicKey("accounts", "GoExporter");
        importer = ref.publicKey("accounts", "GoImporter");
    }

    @Test
    void everyTokenIsAVersion2Ed25519NkeyToken() {
        assertAll(ref.all().map(jwt -> () -> {
            assertEquals(2, jwt.version(), jwt + ": version");
            assertEquals("ed25519-nkey", jwt.algorithm(), jwt + ": header alg");
        }));
    }

    @Test
    void operator() {
        Jwt op = ref.operator();
        standard(op, "GoOperator", ref.operator().subject(), "", now + 2 * 365 * 24 * 3600, 0);
        assertEquals(op.subject(), op.issuer(), "self-signed");
        assertEquals(OperatorClaims.builder()
                .signingKeys(List.of(ref.operatorSigningKey("first"), ref.operatorSigningKey("second")))
                .accountServerUrl("https://accounts.example.com/jwt/v1")
                .operatorServiceUrls(List.of("nats://127.0.0.1:4222", "tls://nats.example.com:4443"))
                .systemAccount(ref.publicKey("accounts", "SYS")).assertServerVersion("2.9.0")
                .strictSigningKeyUsage(true).tags(List.of("env:test", "team")).build(), op.operator());
    }

    @Test
    void systemAccount() {
        Jwt sys = ref.account("SYS");
        standard(sys, "SYS", ref.operatorSigningKey("first"), "", 0, 0);
        assertEquals(AccountClaims.DEFAULT, sys.account(), "what jwt.NewAccountClaims starts with");
    }

    @Test
    void exporterAccountWithEveryAccountField() {
        Jwt jwt = ref.account("GoExporter");
        standard(jwt, "GoExporter", ref.operatorSigningKey("first"), "", now + 365 * 24 * 3600, now - 3600);
        AccountClaims a = jwt.account();
        assertEquals(AccountLimits.builder().subs(1000).data(1L << 30).payload(1 << 20).imports(10).exports(20)
                .wildcards(true).disallowBearer(false).conn(100).leaf(5)
                .jetStream(JetStreamLimits.builder().memoryStorage(1L << 30).diskStorage(10L << 30).streams(10)
                        .consumers(100).maxAckPending(1000).memoryMaxStreamBytes(1L << 28)
                        .diskMaxStreamBytes(1L << 29).maxBytesRequired(true).build())
                .build(), a.limits(), "limits");
        UserPermissionLimits template = UserPermissionLimits.builder().allowPub("svc.>")
                .allowSub("svc.requests", "svc.work workers").resp(new ResponsePermission(1, Duration.ofSeconds(5)))
                .subs(10).proxyRequired(true).build();
        // A Go map on the wire: the order is the reference's map order, so compare by key.
        assertEquals(Map.of(ref.accountSigningKey("GoExporter", "plain"),
                        new SigningKey(ref.accountSigningKey("GoExporter", "plain"), null),
                        ref.accountSigningKey("GoExporter", "scoped"),
                        new SigningKey(ref.accountSigningKey("GoExporter", "scoped"),
                                new UserScope("service", template, "service users"))),
                a.signingKeys().stream().collect(Collectors.toMap(SigningKey::key, k -> k)), "signing keys");
        assertEquals(List.of(
                Export.builder("acct.*.events", ExportType.STREAM).name("events").accountTokenPosition(2).build(),
                Export.builder("news.>", ExportType.STREAM).name("news").advertise(true)
                        .description("news <feed> & more").infoUrl("https://example.com/news?a=1&b=2").build(),
                Export.builder("private.svc", ExportType.SERVICE).name("private").tokenRequired(true)
                        .revocations(Map.of(ref.revokedImporter(), now - 10)).responseType(ResponseType.CHUNKED)
                        .latency(new ServiceLatency(0, "latency.private")).build(),
                Export.builder("svc.echo", ExportType.SERVICE).name("echo").responseType(ResponseType.STREAM)
                        .responseThreshold(Duration.ofMillis(1500)).latency(new ServiceLatency(25, "latency.echo"))
                        .allowTrace(true).build()),
                a.exports(), "exports, in subject order as the reference's Encode sorts them");
        assertEquals(List.of(), a.imports(), "imports");
        assertEquals(Map.of(ref.user("GoRevoked").subject(), ref.user("GoRevoked").issuedAt(), "*", now - 24 * 3600),
                a.revocations(), "revocations");
        assertEquals(new Permissions(new Permission(List.of("default.>"), List.of("default.secret")),
                        new Permission(List.of("default.>", "queue.* workers"), List.of()),
                        new ResponsePermission(3, Duration.ofSeconds(30))),
                a.defaultPermissions(), "default permissions");
        assertEquals(Map.of("orders", List.of(new WeightedMapping("orders.v1", 80, ""),
                new WeightedMapping("orders.v2", 20, "east"))), a.mappings(), "mappings");
        assertEquals("exports \"everything\"\n\u2028<tab>\t", a.description(), "description");
        assertEquals("https://example.com/exporter", a.infoUrl(), "info_url");
        assertEquals(List.of("exporter", "zone:eu"), a.tags(), "tags (lower-cased by the reference)");
        assertEquals(new MessageTrace("trace.exporter", 40), a.trace(), "trace");
        assertEquals(AccountClaims.CLUSTER_TRAFFIC_OWNER, a.clusterTraffic(), "cluster_traffic");
    }

    @Test
    void importerAccountWithTieredLimitsAndEveryImportField() {
        Jwt jwt = ref.account("GoImporter");
        standard(jwt, "GoImporter", ref.operatorSigningKey("second"), "", 0, 0);
        AccountLimits limits = AccountLimits.builder()
                .tier("R1", JetStreamLimits.builder().memoryStorage(1 << 20).diskStorage(1L << 30).streams(5)
                        .consumers(50).build())
                .tier("R3", JetStreamLimits.builder().diskStorage(3L << 30).streams(-1).consumers(-1)
                        .maxAckPending(100).maxBytesRequired(true).build()).build();
        List<Import> imports = List.of(
                Import.builder(exporter, "acct." + importer + ".events", ExportType.STREAM).name("events").build(),
                Import.builder(exporter, "news.>", ExportType.STREAM).name("news").localSubject("feeds.news.>")
                        .allowTrace(true).build(),
                Import.builder(exporter, "private.svc", ExportType.SERVICE).name("private")
                        .token(ref.activation().token()).build(),
                Import.builder(exporter, "svc.echo", ExportType.SERVICE).name("echo").localSubject("echo.local")
                        .share(true).build());
        assertEquals(AccountClaims.builder().imports(imports).limits(limits)
                .trace(new MessageTrace("trace.importer", 100)).clusterTraffic(AccountClaims.CLUSTER_TRAFFIC_SYSTEM)
                .build(),
                jwt.account());
    }

    @Test
    void userWithEveryUserField() {
        Jwt jwt = ref.user("GoFull");
        standard(jwt, "GoFull", exporter, "nats-sandbox", now + 3600, now - 60);
        UserPermissionLimits limits = UserPermissionLimits.builder()
                .allowPub("pub.a", "pub.b.>").denyPub("pub.b.secret")
                .allowSub("sub.a", "sub.q workers").denySub("sub.secret")
                .resp(new ResponsePermission(5, Duration.ofSeconds(90)))
                .src("127.0.0.0/8", "::1/128").time("08:00:00", "17:30:00").time("22:00:00", "02:00:00")
                .timesLocation("Europe/Berlin").subs(100).data(1 << 20).payload(4096).bearerToken(true)
                .allowedConnectionTypes("STANDARD", "WEBSOCKET", "IN_PROCESS").proxyRequired(true).build();
        assertEquals(UserClaims.builder().limits(limits).tags(List.of("full")).build(), jwt.user());
    }

    @Test
    void usersOfPlainAndScopedSigningKeys() {
        Jwt signed = ref.user("GoSigned");
        standard(signed, "GoSigned", ref.accountSigningKey("GoExporter", "plain"), "", 0, 0);
        assertEquals(UserClaims.builder().limits(UserPermissionLimits.builder().allowPub("signed.>").build())
                .issuerAccount(exporter).build(),
                signed.user(), "jwt.NewUserClaims starts with unlimited (-1) limits");
        Jwt scoped = ref.user("GoScoped");
        standard(scoped, "GoScoped", ref.accountSigningKey("GoExporter", "scoped"), "", 0, 0);
        assertEquals(UserClaims.builder().limits(UserPermissionLimits.EMPTY).issuerAccount(exporter)
                .build(), scoped.user(),
                "SetScoped(true) leaves no permissions or limits");
        Jwt revoked = ref.user("GoRevoked");
        standard(revoked, "GoRevoked", exporter, "", 0, 0);
        assertEquals(UserClaims.builder().limits(UserPermissionLimits.DEFAULT).build(), revoked.user());
    }

    @Test
    void activationToken() {
        Jwt act = ref.activation();
        standard(act, "private.svc for GoImporter", ref.accountSigningKey("GoExporter", "plain"), "",
                now + 30 * 24 * 3600, 0);
        assertEquals(importer, act.subject(), "subject: the importing account");
        assertEquals(ActivationClaims.builder("private.svc", ExportType.SERVICE).issuerAccount(exporter)
                .tags(List.of("activation")).build(),
                act.claims());
    }

    private static void standard(Jwt jwt, String name, String issuer, String audience, long expires,
                                 long notBefore) {
        assertAll(jwt.toString(),
                () -> assertEquals(name, jwt.name(), "name"),
                () -> assertEquals(issuer, jwt.issuer(), "iss"),
                () -> assertEquals(audience, jwt.audience(), "aud"),
                () -> assertEquals(expires, jwt.expires(), "exp"),
                () -> assertEquals(notBefore, jwt.notBefore(), "nbf"),
                () -> assertEquals(true, jwt.issuedAt() > 0, "iat set"));
    }
}
