package dev.natssandbox.conformance;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.MessageTrace;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.NatsClaims;
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
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.OperatorSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Tokens that use every claim this project writes, made two ways: {@link #spec} through the spec model and the
 * provisioner (what users get), and {@link #direct} through {@link Jwts#encode} for the claims the model does not
 * reach (audience, the deprecated import {@code to}, activation {@code issuer_account} and tags). Strings carry what JSON encoders escape differently ({@code < > & " \n}, U+2028,
 * non-ASCII), so that a byte-level comparison means something. Exports are deliberately not in subject order.
 */
final class RichClaims {
    static final String ESCAPES = "\"quoted\" <b>&amp;</b>\n\ttab \u2028 Zürich ☃ 😀";

    private RichClaims() {
    }

    /**
     * @param otherAccount an account key that the private export revokes
     * @param now          the issue time
     * @return the spec, with JetStream, tiered limits, signing keys, exports, imports and users of every kind
     */
    static SandboxSpec spec(String otherAccount, Instant now) {
        UserPermissionLimits template = UserPermissionLimits.builder()
                .allowPub("svc.>").allowSub("svc.requests", "svc.work workers")
                .resp(new ResponsePermission(1, Duration.ofSeconds(5)))
                .src("127.0.0.1/32").time("00:00:00", "23:59:59").timesLocation("UTC")
                .subs(10).data(1 << 20).payload(1024).allowedConnectionTypes("STANDARD")
                .proxyRequired(true).build();
        return SandboxSpec.operator(OperatorSpec.builder("Conformance & Co").signingKeys(2)
                .strictSigningKeyUsage(true).accountServerUrl("https://accounts.example.com/jwt/v1")
                .serviceUrls(List.of("nats://127.0.0.1:4222", "tls://nats.example.com:4443"))
                .assertServerVersion("2.9.0").tags(List.of("env:test", "team:core")).expires(Duration.ofDays(3650))
                .build())
                .account("Exporter", a -> a
                        .description(ESCAPES).infoUrl("https://example.com/exporter?a=1&b=2")
                        .tags("exporter", "zone:eu").expires(Duration.ofDays(365))
                        .notBefore(now.minusSeconds(600)).trace("trace.exporter", 10).clusterTraffic("system")
                        .limits(l -> l.subs(1000).data(1L << 30).payload(1 << 20).imports(10).exports(20)
                                .wildcards(true).disallowBearer(false).conn(100).leaf(5))
                        .jetStream(JetStreamLimits.builder().memoryStorage(1L << 30).diskStorage(10L << 30)
                                .streams(10).consumers(100).maxAckPending(1000).memoryMaxStreamBytes(1L << 28)
                                .diskMaxStreamBytes(1L << 29).maxBytesRequired(true).build())
                        .export(Export.builder("svc.echo", ExportType.SERVICE).name("echo")
                                .responseType(ResponseType.STREAM).responseThreshold(Duration.ofMillis(1500))
                                .latency(new ServiceLatency(25, "latency.echo")).advertise(true)
                                .description("echo <service>").infoUrl("https://example.com/echo").allowTrace(true)
                                .build())
                        .export(Export.builder("news.>", ExportType.STREAM).name("news").advertise(true)
                                .description("news feed").build())
                        .export(Export.builder("private.svc", ExportType.SERVICE).name("private")
                                .tokenRequired(true).revocations(Map.of(otherAccount, now.getEpochSecond() - 10))
                                .responseType(ResponseType.CHUNKED).responseThreshold(Duration.ofSeconds(2))
                                .latency(new ServiceLatency(0, "latency.private")).build())
                        .export(Export.builder("acct.*.events", ExportType.STREAM).name("events")
                                .accountTokenPosition(2).build())
                        .export(Export.builder("private.news.>", ExportType.STREAM).name("private news")
                                .tokenRequired(true).build())
                        .export(Export.of("singleton", "svc.single", ExportType.SERVICE))
                        .signingKey(SigningKeySpec.plain("issuer"))
                        .signingKey(SigningKeySpec.builder("service").scoped(true).template(template)
                                .description("services <only> & co").build())
                        .revocation("*", now.getEpochSecond() - 86_400)
                        .defaultPermissions(new Permissions(
                                new Permission(List.of("default.>"), List.of("default.secret")),
                                new Permission(List.of("default.>", "queue.* workers"), List.of("default.hidden")),
                                new ResponsePermission(3, Duration.ofSeconds(30))))
                        .mapping("orders", List.of(new WeightedMapping("orders.v1", 80, ""),
                                new WeightedMapping("orders.v2", 20, "east")))
                        .mapping("alpha", List.of(new WeightedMapping("beta", 0, "")))
                        .user("Full", u -> u
                                .allowPub("pub.a", "pub.b.>").denyPub("pub.b.secret")
                                .allowSub("sub.a", "sub.q workers").denySub("sub.secret")
                                .allowResponses(5, Duration.ofSeconds(90))
                                .sourceNetwork("127.0.0.0/8", "::1/128")
                                .time("08:00:00", "17:30:00").time("22:00:00", "02:00:00")
                                .timesLocation("Europe/Berlin")
                                .maxSubscriptions(100).maxData(1 << 20).maxPayload(4096)
                                .allowedConnectionTypes("STANDARD", "WEBSOCKET", "MQTT")
                                .tags("full").expires(Duration.ofDays(30)).notBefore(now.minusSeconds(3600)))
                        .user("Bearer", u -> u.bearer(true))
                        .user("Signed", u -> u.signingKey("issuer").allowPub("signed.>"))
                        .user("Scoped", u -> u.signingKey("service"))
                        .user("Revoked", u -> u.revoked(true))
                        .user("RevokedLater", u -> u.revokedAt(now.plusSeconds(60)))
                        .user("RevokedEarlier", u -> u.revokedAt(now.minusSeconds(60)))
                        .user("Zoë & Co"))
                .account("Importer", a -> a
                        .importing(ImportSpec.builder("Exporter", "news.>", ExportType.STREAM).name("news in")
                                .localSubject("feeds.news.>").allowTrace(true).build())
                        .importing(ImportSpec.builder("Exporter", "private.news.>", ExportType.STREAM)
                                .name("private news").build())
                        .importing(ImportSpec.builder("Exporter", "svc.echo", ExportType.SERVICE).name("echo")
                                .localSubject("echo.local").share(true).build())
                        .importing(ImportSpec.builder("Exporter", "private.svc", ExportType.SERVICE)
                                .activationExpires(Duration.ofDays(1)).build())
                        .clusterTraffic("owner").trace("trace.importer", 0)
                        .user("Consumer", u -> u.allowSub("feeds.>", "_INBOX.>").allowPub("echo.local")))
                .account("Tiered", a -> a
                        .limits(l -> l.tier("R1", JetStreamLimits.builder().memoryStorage(1 << 20)
                                .diskStorage(1L << 30).streams(5).consumers(50).build())
                                .tier("R3", JetStreamLimits.builder().diskStorage(3L << 30).streams(-1)
                                        .consumers(-1).maxAckPending(100).diskMaxStreamBytes(1L << 28)
                                        .maxBytesRequired(true).build()))
                        .user("Stream"))
                .build();
    }

    /**
     * @param now the issue time of every token
     * @return the provisioned {@link #spec}
     */
    static Hierarchy provision(Instant now) {
        String other = NatsKeyPair.generate(KeyKind.ACCOUNT).publicKey();
        return Provisioner.provision(spec(other, now), KeySource.generating(), Clock.fixed(now, ZoneOffset.UTC));
    }

    /**
     * Tokens encoded directly.
     *
     * @param claims the claims each token was encoded from, by token
     */
    record Direct(String operator, List<String> accounts, List<String> users, String activation,
                  Map<String, NatsClaims> claims) {
    }

    /**
     * @param now the issue time of every token
     * @return an operator, four accounts (system, exporter, importer with everything, tiered), two users and an
     *         activation token, all encoded with {@link Jwts#encode} and chained to each other
     */
    static Direct direct(long now) {
        Encoder enc = new Encoder();
        NatsKeyPair op = NatsKeyPair.generate(KeyKind.OPERATOR);
        NatsKeyPair opSigner = NatsKeyPair.generate(KeyKind.OPERATOR);
        NatsKeyPair sys = NatsKeyPair.generate(KeyKind.ACCOUNT);
        NatsKeyPair exporter = NatsKeyPair.generate(KeyKind.ACCOUNT);
        NatsKeyPair exporterSigner = NatsKeyPair.generate(KeyKind.ACCOUNT);
        NatsKeyPair importer = NatsKeyPair.generate(KeyKind.ACCOUNT);
        NatsKeyPair importerScoped = NatsKeyPair.generate(KeyKind.ACCOUNT);
        NatsKeyPair importerPlain = NatsKeyPair.generate(KeyKind.ACCOUNT);
        NatsKeyPair tiered = NatsKeyPair.generate(KeyKind.ACCOUNT);
        NatsKeyPair user = NatsKeyPair.generate(KeyKind.USER);
        NatsKeyPair scopedUser = NatsKeyPair.generate(KeyKind.USER);

        String operator = enc.encode(Jwts.Standard.builder(op.publicKey()).name("Direct " + ESCAPES).issuedAt(now)
                .expires(now + 86_400 * 730).build(),
                OperatorClaims.builder().signingKeys(List.of(opSigner.publicKey()))
                        .accountServerUrl("https://accounts.example.com:9090/jwt/v1")
                        .operatorServiceUrls(List.of("nats://127.0.0.1:4222", "tls://127.0.0.1:4443"))
                        .systemAccount(sys.publicKey()).assertServerVersion("2.9.10").strictSigningKeyUsage(true)
                        .tags(List.of("direct", "mixed case")).build(), op);
        String sysJwt = enc.encode(Jwts.Standard.builder(sys.publicKey()).name("SYS").issuedAt(now)
                .build(), AccountClaims.DEFAULT,
                opSigner);
        String exporterJwt = enc.encode(Jwts.Standard.builder(exporter.publicKey()).name("DirectExporter")
                .issuedAt(now).notBefore(now - 600).build(),
                AccountClaims.builder()
                        .exports(List.of(
                        Export.builder("private.svc", ExportType.SERVICE).name("private").tokenRequired(true)
                                .allowTrace(true).build(),
                        Export.of("legacy", "legacy.svc", ExportType.SERVICE)))
                        .signingKeys(List.of(new SigningKey(exporterSigner.publicKey(), null))).build(), opSigner);
        String activation = enc.encode(Jwts.Standard.builder(importer.publicKey()).name("private.svc")
                .audience("importers").issuedAt(now).expires(now + 86_400).notBefore(now - 60).build(),
                ActivationClaims.builder("private.svc", ExportType.SERVICE).issuerAccount(exporter.publicKey())
                        .tags(List.of("act", "b")).build(),
                exporterSigner);
        UserPermissionLimits everything = UserPermissionLimits.builder()
                .allowPub("a.>", "b").denyPub("a.secret").allowSub("c.*", "d workers").denySub("c.secret")
                .resp(new ResponsePermission(0, Duration.ofMillis(1)))
                .src("192.0.2.0/24", "2001:db8::/32").time("09:00:00", "17:00:00").timesLocation("America/New_York")
                .subs(7).data(0).payload(-1).bearerToken(true).proxyRequired(true)
                .allowedConnectionTypes("STANDARD", "LEAFNODE", "LEAFNODE_WS", "MQTT_WS", "WEBSOCKET", "IN_PROCESS").build();
        AccountClaims importerClaims = AccountClaims.builder()
                .imports(List.of(Import.builder(exporter.publicKey(), "private.svc", ExportType.SERVICE).name("private")
                        .token(activation).build(),
                        Import.builder(exporter.publicKey(), "legacy.svc", ExportType.SERVICE).name("legacy")
                                .to("legacy.local").share(true).build(),
                        Import.builder(exporter.publicKey(), "feed.>", ExportType.STREAM).name("feed")
                                .localSubject("traced.>").allowTrace(true).build()))
                .exports(List.of(Export.builder("all.events", ExportType.STREAM).name("everything").tokenRequired(true)
                        .revocations(Map.of("*", now - 5, exporter.publicKey(), now - 1)).advertise(true)
                        .description(ESCAPES).infoUrl("https://example.com/all").build()))
                .limits(AccountLimits.builder().subs(0).data(1).payload(2).imports(3).exports(4).wildcards(false)
                        .disallowBearer(true).conn(5).leaf(6)
                        .jetStream(JetStreamLimits.builder().memoryStorage(7).diskStorage(8).streams(9)
                                .consumers(10).maxAckPending(11).memoryMaxStreamBytes(12).diskMaxStreamBytes(13)
                                .maxBytesRequired(true).build()).build())
                // A template limit of 0 is omitted on the wire and read back as -1 by both libraries (the reference
                // presets template limits to -1), so the template uses non-zero limits.
                .signingKeys(List.of(new SigningKey(importerScoped.publicKey(), new UserScope("scoped role",
                                everything.toBuilder().data(2048).build(), ESCAPES)),
                        new SigningKey(importerPlain.publicKey(), null)))
                .revocations(Map.of(user.publicKey(), now - 3600, "*", now - 7200))
                .defaultPermissions(new Permissions(Permission.allowing("p"),
                        new Permission(List.of(), List.of("q queue")), null))
                .mappings(Map.of("m.1", List.of(new WeightedMapping("n.1", 100, "c1")))).description(ESCAPES)
                .infoUrl("https://example.com/info").tags(List.of("importer", "x:y")).build()
                .withTracing(new MessageTrace("trace." + ESCAPES.length(), 30), AccountClaims.CLUSTER_TRAFFIC_OWNER);
        String importerJwt = enc.encode(Jwts.Standard.builder(importer.publicKey()).name("DirectImporter")
                .issuedAt(now).expires(now + 86_400 * 365).build(), importerClaims, opSigner);
        String tieredJwt = enc.encode(Jwts.Standard.builder(tiered.publicKey()).name("DirectTiered").issuedAt(now)
                .build(),
                AccountClaims.builder()
                        .limits(AccountLimits.builder()
                        .tier("R1", JetStreamLimits.builder().memoryStorage(-1).diskStorage(-1).streams(-1)
                                .consumers(-1).maxAckPending(-1).build())
                        .tier("R3", JetStreamLimits.builder().memoryStorage(1).diskStorage(2).streams(3)
                                .consumers(4).maxAckPending(5).memoryMaxStreamBytes(6).diskMaxStreamBytes(7)
                                .maxBytesRequired(true).build()).build()).build(), opSigner);
        String userJwt = enc.encode(Jwts.Standard.builder(user.publicKey()).name("Zoë & <Friends>")
                .audience("nats-sandbox").issuedAt(now).expires(now + 3600).notBefore(now - 60)
                .build(), UserClaims.builder().limits(everything).tags(List.of("u1", "u2"))
                        .build(), importer);
        String scopedJwt = enc.encode(Jwts.Standard.builder(scopedUser.publicKey()).name("scoped").issuedAt(now)
                .build(),
                UserClaims.builder().limits(UserPermissionLimits.EMPTY).issuerAccount(importer.publicKey())
                        .tags(List.of("scoped")).build(), importerScoped);
        return new Direct(operator, List.of(sysJwt, exporterJwt, importerJwt, tieredJwt), List.of(userJwt, scopedJwt),
                activation, Map.copyOf(enc.claims));
    }

    /** Encodes and remembers which claims each token was made from. */
    private static final class Encoder {
        private final Map<String, NatsClaims> claims = new java.util.HashMap<>();

        String encode(Jwts.Standard standard, NatsClaims natsClaims, NatsKeyPair signer) {
            String token = Jwts.encode(standard, natsClaims, signer);
            claims.put(token, natsClaims);
            return token;
        }
    }
}
