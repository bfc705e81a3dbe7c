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
        assertEquals(new OperatorClaims(List.of(ref.operatorSigningKey("first"), ref.operatorSigningKey("second")),
                "https://accounts.example.com/jwt/v1", List.of("nats://127.0.0.1:4222", "tls://nats.example.com:4443"),
                ref.publicKey("accounts", "SYS"), "2.9.0", true, List.of("env:test", "team")), op.operator());
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
                .jetStream(new JetStreamLimits(1L << 30, 10L << 30, 10, 100, 1000, 1L << 28, 1L << 29, true))
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
                new Export("events", "acct.*.events", ExportType.STREAM, false, Map.of(), null, Duration.ZERO, null,
                        2, false, "", ""),
                new Export("news", "news.>", ExportType.STREAM, false, Map.of(), null, Duration.ZERO, null, 0, true,
                        "news <feed> & more", "https://example.com/news?a=1&b=2"),
                new Export("private", "private.svc", ExportType.SERVICE, true, Map.of(ref.revokedImporter(), now - 10),
                        ResponseType.CHUNKED, Duration.ZERO, new ServiceLatency(0, "latency.private"), 0, false, "",
                        ""),
                new Export("echo", "svc.echo", ExportType.SERVICE, false, Map.of(), ResponseType.STREAM,
                        Duration.ofMillis(1500), new ServiceLatency(25, "latency.echo"), 0, false, "", "", true)),
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
                .tier("R1", new JetStreamLimits(1 << 20, 1L << 30, 5, 50, 0, 0, 0, false))
                .tier("R3", new JetStreamLimits(0, 3L << 30, -1, -1, 100, 0, 0, true)).build();
        List<Import> imports = List.of(
                new Import("events", "acct." + importer + ".events", exporter, "", "", "", ExportType.STREAM, false),
                new Import("news", "news.>", exporter, "", "", "feeds.news.>", ExportType.STREAM, false, true),
                new Import("private", "private.svc", exporter, ref.activation().token(), "", "", ExportType.SERVICE,
                        false),
                new Import("echo", "svc.echo", exporter, "", "", "echo.local", ExportType.SERVICE, true));
        assertEquals(new AccountClaims(imports, List.of(), limits, List.of(), Map.of(), Permissions.NONE, Map.of(),
                "", "", List.of(), new MessageTrace("trace.importer", 100), AccountClaims.CLUSTER_TRAFFIC_SYSTEM),
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
        assertEquals(new UserClaims(limits, "", List.of("full")), jwt.user());
    }

    @Test
    void usersOfPlainAndScopedSigningKeys() {
        Jwt signed = ref.user("GoSigned");
        standard(signed, "GoSigned", ref.accountSigningKey("GoExporter", "plain"), "", 0, 0);
        assertEquals(new UserClaims(UserPermissionLimits.builder().allowPub("signed.>").build(), exporter, List.of()),
                signed.user(), "jwt.NewUserClaims starts with unlimited (-1) limits");
        Jwt scoped = ref.user("GoScoped");
        standard(scoped, "GoScoped", ref.accountSigningKey("GoExporter", "scoped"), "", 0, 0);
        assertEquals(new UserClaims(UserPermissionLimits.EMPTY, exporter, List.of()), scoped.user(),
                "SetScoped(true) leaves no permissions or limits");
        Jwt revoked = ref.user("GoRevoked");
        standard(revoked, "GoRevoked", exporter, "", 0, 0);
        assertEquals(new UserClaims(UserPermissionLimits.DEFAULT, "", List.of()), revoked.user());
    }

    @Test
    void activationToken() {
        Jwt act = ref.activation();
        standard(act, "private.svc for GoImporter", ref.accountSigningKey("GoExporter", "plain"), "",
                now + 30 * 24 * 3600, 0);
        assertEquals(importer, act.subject(), "subject: the importing account");
        assertEquals(new ActivationClaims("private.svc", ExportType.SERVICE, exporter, List.of("activation")),
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
