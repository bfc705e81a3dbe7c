package dev.natssandbox.spec;

import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Permission;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.ResponsePermission;
import dev.natssandbox.jwt.ResponseType;
import dev.natssandbox.jwt.ServiceLatency;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.jwt.WeightedMapping;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.OperatorSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.ServerSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.model.UserSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecFilesTests {

    /** The issue's sample with the account it imports from defined, built with the fluent builders. */
    static SandboxSpec issueSample() {
        return SandboxSpec.operator("Test")
                .account("Other", a -> a.exportStream("x.>"))
                .account("TestAccount", a -> a
                        .export(Export.of("req", "req.>", ExportType.SERVICE))
                        .importing(ImportSpec.builder("Other", "x.>", ExportType.STREAM).localSubject("y.>").build())
                        .user("TestUser")
                        .user("TestService", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                        .user("TestClient", u -> u.allowPub("req.a").allowSub("_INBOX.>")
                                .allowResponses(1, Duration.ofSeconds(5))
                                .sourceNetwork("127.0.0.1/32")
                                .time("08:00:00", "17:00:00")
                                .expires(Duration.ofHours(24))
                                .bearer(false)))
                .build();
    }

    /** What specs/full.yaml describes, built with the model's constructors and builders. */
    static SandboxSpec full() {
        UserPermissionLimits template = UserPermissionLimits.builder()
                .allowPub("_INBOX.>").denyPub("admin.>").allowSub("orders.* workers").denySub("secret.>")
                .resp(new ResponsePermission(3, Duration.ofSeconds(90)))
                .src("127.0.0.1/32", "::1/128").time("22:00:00", "06:00:00").timesLocation("Europe/Berlin")
                .allowedConnectionTypes("STANDARD", "WEBSOCKET").bearerToken(true).proxyRequired(true)
                .subs(10).data(1_000_000).payload(1024).build();
        AccountLimits limits = AccountLimits.builder()
                .conn(100).leaf(0).subs(1000).data(1_000_000_000).payload(512 * 1024).imports(10).exports(20)
                .wildcards(true).disallowBearer(true)
                .jetStream(JetStreamLimits.builder().memoryStorage(1L << 30).diskStorage(10L << 30).streams(5)
                        .consumers(50).maxAckPending(1000).memoryMaxStreamBytes(100L << 20)
                        .diskMaxStreamBytes(1L << 30).maxBytesRequired(true).build())
                .build();
        AccountSpec orders = AccountSpec.builder("Orders")
                .description("Order service").infoUrl("https://example.com/orders").tags("team-a")
                .expires(Duration.ofDays(30))
                .notBefore(Instant.parse("2020-01-01T00:00:00Z")).trace("trace.orders", 25).clusterTraffic("owner")
                .limits(limits)
                .signingKey(SigningKeySpec.plain("admin"))
                .signingKey(SigningKeySpec.builder("service").scoped(true).template(template)
                        .description("Service users").build())
                .defaultPermissions(new Permissions(Permission.allowing("orders.>"),
                        new Permission(List.of(), List.of("private.>")), new ResponsePermission(1, Duration.ZERO)))
                .export(Export.builder("orders.req.>", ExportType.SERVICE).name("order requests")
                        .tokenRequired(true).revocations(Map.of("*", 1_700_000_000L))
                        .responseType(ResponseType.STREAM).responseThreshold(Duration.ofMillis(500))
                        .latency(new ServiceLatency(50, "latency.orders")).advertise(true)
                        .description("Place orders").infoUrl("https://example.com/orders/req").build())
                .export(Export.builder("orders.events.*", ExportType.STREAM).name("orders.events.*")
                        .accountTokenPosition(3).build())
                .export(Export.builder("orders.traced", ExportType.SERVICE).name("orders.traced")
                        .latency(new ServiceLatency(0, "latency.traced")).allowTrace(true).build())
                .importing(ImportSpec.builder("Prices", "prices.>", ExportType.STREAM).name("prices")
                        .localSubject("feed.prices.>").allowTrace(true).build())
                .importing(ImportSpec.builder("Prices", "quote", ExportType.SERVICE).share(true)
                        .activationExpires(Duration.ofDays(7)).build())
                .mapping("orders.new", List.of(new WeightedMapping("orders.v2.new", 100, "")))
                .mapping("orders.split", List.of(new WeightedMapping("orders.a", 60, ""),
                        new WeightedMapping("orders.b", 40, "east")))
                .revocation("*", 1_700_000_000L)
                .user("alice", u -> u.allowPub("orders.>").denyPub("orders.admin").allowSub("_INBOX.>")
                        .allowResponses(1, Duration.ofSeconds(5)).sourceNetwork("127.0.0.1/32")
                        .time("08:00:00", "17:00:00").timesLocation("UTC").allowedConnectionTypes("STANDARD")
                        .maxSubscriptions(100).maxData(10_000_000).maxPayload(4096)
                        .expires(Duration.ofHours(24)).notBefore(Instant.parse("2030-01-01T00:00:00Z"))
                        .tags("human"))
                .user("bob", u -> u.signingKey("admin").revoked(true))
                .user("svc", u -> u.signingKey("service").revokedAt(Instant.parse("2020-01-01T00:00:00Z")))
                .user("007")
                .build();
        return SandboxSpec.operator(OperatorSpec.builder("Test").signingKeys(2).strictSigningKeyUsage(true)
                .accountServerUrl("http://localhost:9090/jwt/v1")
                .serviceUrls(List.of("nats://localhost:4222", "tls://localhost:4443")).assertServerVersion("2.9.0")
                .tags(List.of("dev", "ci")).expires(Duration.ofDays(3650)).build())
                .systemAccount("SYSTEM")
                .server(ServerSpec.builder().host("localhost").port(4222).jetStream(true).resolver(ResolverType.URL)
                        .extraConfig("max_payload: 2MB\nwrite_deadline: \"5s\"\n").build())
                .account("SYSTEM", a -> a.user("admin"))
                .account(orders)
                .account("Prices", a -> a.exportStream("prices.>")
                        .export(Export.builder("quote", ExportType.SERVICE).name("quote").tokenRequired(true)
                                .build())
                        .limits(l -> l.tier("R1", JetStreamLimits.builder().memoryStorage(512L << 20)
                                .diskStorage(1L << 30).streams(3).consumers(-1).maxAckPending(-1).build())
                                .tier("R3", JetStreamLimits.UNLIMITED))
                        .user("feeder", u -> u.allowPub("prices.>")))
                .build();
    }

    @Test
    void theIssueSampleReadsAsTheBuilderWouldBuildIt() {
        assertEquals(issueSample(), SpecFiles.load("classpath:specs/issue-sample.yaml"));
    }

    @Test
    void everyKeyOfTheSchemaReadsIntoTheModel() {
        assertEquals(full(), SpecFiles.load("classpath:specs/full.yaml"));
    }

    @Test
    void yamlAndTheEquivalentJsonGiveEqualSpecs() {
        SandboxSpec fromJson = SpecFiles.load("classpath:specs/full.json");
        assertEquals(SpecFiles.load("classpath:specs/full.yaml"), fromJson);
        assertEquals(full(), fromJson);
    }

    @Test
    void accountsAndUsersKeepTheirFileOrderAndTheSystemAccountIsAddedLast() {
        SandboxSpec spec = SpecFiles.parse("""
                operator: {name: Test}
                accounts:
                  Zeta: {users: {zed: {}, alpha: {}, mid: {}}}
                  Alpha: {}
                  Mid: {users: {b: {}, a: {}}}
                """, SpecFormat.YAML, "order.yaml");
        assertEquals(List.of("Zeta", "Alpha", "Mid", "SYS"), spec.accounts().stream().map(AccountSpec::name).toList());
        assertEquals(List.of("zed", "alpha", "mid"),
                spec.account("Zeta").users().stream().map(UserSpec::name).toList());
        assertEquals(List.of("b", "a"), spec.account("Mid").users().stream().map(UserSpec::name).toList());
        assertEquals(List.of("sys"), spec.account("SYS").users().stream().map(UserSpec::name).toList());
    }

    @Test
    void aKeyWithoutValueMeansTheDefault() {
        SandboxSpec spec = SpecFiles.parse("""
                operator:
                  name: Test
                server:
                accounts:
                  A:
                    limits:
                    users:
                      U:
                      V: ~
                      W: null
                """, SpecFormat.YAML, "nulls.yaml");
        SandboxSpec expected = SandboxSpec.operator("Test").account("A", a -> a.user("U").user("V").user("W")).build();
        assertEquals(expected, spec);
        assertEquals(UserPermissionLimits.DEFAULT, spec.account("A").user("U").orElseThrow().limits());
        assertEquals(ServerSpec.DEFAULT, spec.server());
    }

    @Test
    void namesAndStringsKeepTheirSpellingEvenWhenTheyLookLikeNumbersOrBooleans() {
        SandboxSpec spec = SpecFiles.parse("""
                operator: {name: 2024, tags: [no, on, 1.10, 007]}
                system_account: 0
                accounts:
                  123: {description: yes, users: {007: {}, true: {}, off: {}}}
                """, SpecFormat.YAML, "names.yaml");
        assertEquals("2024", spec.operator().name());
        assertEquals(List.of("no", "on", "1.10", "007"), spec.operator().tags());
        assertEquals("0", spec.systemAccount());
        assertEquals("yes", spec.account("123").description());
        assertEquals(List.of("007", "true", "off"),
                spec.account("123").users().stream().map(UserSpec::name).toList());
    }

    @Test
    void accountJetStreamTrueMeansUnlimitedAndJetStreamKeysStartFromUnlimited() {
        SandboxSpec spec = SpecFiles.parse("""
                operator: {name: Test}
                accounts:
                  On: {jetstream: true}
                  Capped: {limits: {mem_storage: 1MiB, streams: 2}}
                  Off: {jetstream: false}
                  Default: {}
                """, SpecFormat.YAML, "js.yaml");
        assertEquals(JetStreamLimits.UNLIMITED, spec.account("On").limits().jetStream());
        assertEquals(JetStreamLimits.builder().memoryStorage(1 << 20).diskStorage(-1).streams(2).consumers(-1)
                .maxAckPending(-1).build(),
                spec.account("Capped").limits().jetStream());
        assertEquals(JetStreamLimits.DISABLED, spec.account("Off").limits().jetStream());
        assertEquals(AccountLimits.DEFAULT, spec.account("Default").limits());
    }

    @Test
    void notBeforeTakesAnInstantAnOffsetDateTimeOrADurationFromNow() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
        SandboxSpec spec = SpecFiles.parse("""
                operator: {name: Test}
                accounts:
                  A:
                    users:
                      instant: {not_before: 2030-01-01T00:00:00Z}
                      offset: {not_before: "2030-01-01T02:00:00+02:00"}
                      relative: {not_before: 1h30m}
                """, SpecFormat.YAML, "nbf.yaml", clock);
        AccountSpec a = spec.account("A");
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), a.user("instant").orElseThrow().notBefore());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), a.user("offset").orElseThrow().notBefore());
        assertEquals(Instant.parse("2026-03-01T13:30:00Z"), a.user("relative").orElseThrow().notBefore());
    }

    @Test
    void mappingsTakeAStringForOneDestinationAtFullWeight() {
        SandboxSpec spec = SpecFiles.parse("""
                {"operator": {"name": "Test"},
                 "accounts": {"A": {"mappings": {"a.b": "c.d",
                                                 "e": [{"subject": "f", "weight": 60}, {"subject": "g",
                                                        "weight": 40}]}}}}
                """, SpecFormat.JSON, "m.json");
        assertEquals(Map.of("a.b", List.of(new WeightedMapping("c.d", 100, "")),
                        "e", List.of(new WeightedMapping("f", 60, ""), new WeightedMapping("g", 40, ""))),
                spec.account("A").mappings());
    }

    @Test
    void mappingWeightsOverAHundredPercentAreRefusedCountingZeroAsAHundred() {
        SpecFileException e = assertThrows(SpecFileException.class, () -> SpecFiles.parse("""
                {"operator": {"name": "Test"},
                 "accounts": {"A": {"mappings": {"e": [{"subject": "f"}, {"subject": "g", "weight": 0}]}}}}
                """, SpecFormat.JSON, "m.json"));
        assertTrue(e.getMessage().contains("accounts.A.mappings.e: weights of mapping [e] add up to [200]%"),
                e.getMessage());
    }

    @Test
    void readPicksTheFormatByExtensionAndSniffsOtherNames(@TempDir Path dir) throws Exception {
        String json = "{\"operator\": {\"name\": \"Test\"}, \"accounts\": {\"A\": {\"users\": {\"u\": {}}}}}";
        Path yml = Files.writeString(dir.resolve("s.yml"), "operator: {name: Test}\naccounts: {A: {users: {u: {}}}}\n");
        Path jsonFile = Files.writeString(dir.resolve("s.json"), json);
        Path unnamed = Files.writeString(dir.resolve("sandbox.spec"), json);
        SandboxSpec expected = SandboxSpec.operator("Test").account("A", a -> a.user("u")).build();
        assertEquals(expected, SpecFiles.read(yml));
        assertEquals(expected, SpecFiles.read(jsonFile));
        assertEquals(expected, SpecFiles.read(unnamed));
        assertEquals(expected, SpecFiles.load(unnamed.toString()));
    }

    @Test
    void classpathResourcesMayStartWithASlash() {
        assertEquals(issueSample(), SpecFiles.readClasspath("/specs/issue-sample.yaml"));
        assertEquals(issueSample(), SpecFiles.readClasspath("specs/issue-sample.yaml"));
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        assertEquals(SandboxSpec.operator("Test").build(),
                SpecFiles.parse("\uFEFFoperator: {name: Test}\n", null, null));
    }
}
