package dev.natssandbox.conformance;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.OperatorClaims;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Permission;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.ServiceLatency;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.jwt.TimeRange;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.jwt.UserScope;
import dev.natssandbox.jwt.WeightedMapping;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.OperatorSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random but plausible accounts: mostly good values with a bad one now and then, drawn from pools that hold the
 * cases the reference's {@code Validate} refuses. One {@link Case} can be built both ways: through the model (which
 * accepts or refuses it) and directly as claims (which the reference judges).
 *
 * <p>The pools leave out values where the model is deliberately stricter than the reference (subjects such as
 * {@code a.b*}, wildcard exports under {@code wildcards: false} with unlimited exports, zones Java does not know,
 * imports of subjects the exporter does not export), since for those the verdicts differ on purpose.
 */
final class SpecGenerator {
    private static final String[] SUBJECTS = {"svc.a", "svc.>", "svc.*.req", "svc.*", "events.>", "events.a",
        "svc.b", "events.*.x", "a..b", ""};
    private static final String[] DISJOINT = {"x.a", "x.b.>", "y.*.req", "z", "w.*"};
    private static final String[] IMPORTED = {"svc.a", "svc.b", "svc.c.>", "events.*.x", "events.a", "svc.*",
        "svc.*.req", "svc.>", "events.>"};
    private static final String[] LOCAL = {"", "mine.x", "mine.$1", "mine.*", "mine.>", "mine.$2", "mine.*.$1",
        "mine.$1.$1"};
    private static final String[] RESULTS = {"lat", "lat.svc", "lat.>", "lat.*", "", "a b"};
    private static final int[] SAMPLING = {0, 1, 50, 100, 101, -1};
    private static final int[] WEIGHTS = {0, 10, 40, 50, 60, 100};
    private static final String[] INFO_URLS = {"", "", "https://example.com/docs", "http://h:8080/x?y#z",
        "example.com/docs", "mailto:a@example.com", "http://", "https://a b/", "http://h:port/", "https://ex%zz.com",
        "nats://[::1]:4222", "ftp://files.example.com/a%20b"};
    private static final String[] TIMES = {"08:00:00", "8:00:00", "17:30:00", "23:59:59", "00:00:00", "24:00:00",
        "12:60:00", "8:00", "17:00:00.5", "07:05:60"};
    private static final String[] CIDRS = {"127.0.0.1/32", "10.0.0.0/8", "::1/128", "1.2.3.4/33", "1.2.3.4",
        "010.0.0.1/8"};
    private static final String[] ZONES = {"", "", "UTC", "Europe/Berlin", "Mars/Olympus"};
    private static final String[] PUB = {"a.>", "a.b", "_INBOX.>", "a q", "a..b"};
    private static final String[] SUB = {"a.>", "a.* workers", "_INBOX.>", "a b c", ".a"};

    private static final String[] SERVICE_URLS = {"nats://h:4222", "tls://h:4443", "ws://h:80", "wss://h:443",
        "http://h:4222", "nats://u:p@h:4222", "nats://h:4222/path", "h:4222"};
    private static final String[] ACCOUNT_SERVER_URLS = {"", "", "http://h:9090/jwt/v1",
        "https://as.example.com/jwt/v1"};
    private static final String[] SERVER_VERSIONS = {"", "2.9.0", "2.10.3", "2.9", "v2.9.0", "2.9.x"};

    private final Random random;
    private boolean bad;

    SpecGenerator(long seed) {
        this.random = new Random(seed);
    }

    /**
     * One account {@code A} (importing from an account {@code B} that exports {@code svc.>} and {@code events.>}
     * as both types) with its users.
     *
     * @param exports  A's exports
     * @param imports  A's imports from B
     * @param limits   A's limits
     * @param mappings A's mappings
     * @param description A's description
     * @param infoUrl  A's info URL
     * @param users    A's users' permissions and limits
     * @param defaultPermissions A's default permissions
     * @param revocations A's revoked user keys (or {@code *}) with their times
     * @param operator the operator (signing keys, strict usage, account server and service URLs, server version)
     * @param scopes   A's scoped signing keys by name, with their templates (the reference checks only the key)
     */
    record Case(List<Export> exports, List<ImportSpec> imports, AccountLimits limits,
                Map<String, List<WeightedMapping>> mappings, String description, String infoUrl,
                List<UserPermissionLimits> users, Permissions defaultPermissions, Map<String, Long> revocations,
                Operator operator, Map<String, UserPermissionLimits> scopes) {

        /** @return the spec, or the model's refusal */
        SandboxSpec spec() {
            return SandboxSpec.operator(OperatorSpec.builder("T").signingKeys(operator.signingKeys())
                            .strictSigningKeyUsage(operator.strict()).accountServerUrl(operator.accountServerUrl())
                            .serviceUrls(operator.serviceUrls()).assertServerVersion(operator.serverVersion()).build())
                    .account("B", b -> b.exportService("svc.>").exportStream("svc.>").exportService("events.>")
                            .exportStream("events.>").user("b"))
                    .account(accountA())
                    .build();
        }

        private AccountSpec accountA() {
            AccountSpec.Builder a = AccountSpec.builder("A").limits(limits).description(description)
                    .infoUrl(infoUrl);
            exports.forEach(a::export);
            imports.forEach(a::importing);
            mappings.forEach(a::mapping);
            a.defaultPermissions(defaultPermissions);
            scopes.forEach((name, template) -> a.signingKey(SigningKeySpec.scoped(name, template)));
            revocations.forEach(a::revocation);
            for (int i = 0; i < users.size(); i++) {
                UserPermissionLimits l = users.get(i);
                a.user("u" + i, u -> u.limits(l));
            }
            return a.build();
        }

        /**
         * @param exporterKey the public key B would have
         * @return A's claims built directly, as the model would issue them if it accepted them
         */
        AccountClaims accountClaims(String exporterKey) {
            List<Import> raw = imports.stream().map(i -> Import.builder(exporterKey, i.subject(), i.type())
                    .name(i.name()).localSubject(i.localSubject()).share(i.share()).build()).toList();
            List<SigningKey> keys = new ArrayList<>();
            scopes.forEach((name, template) -> keys.add(new SigningKey(NatsKeyPair.generate(KeyKind.ACCOUNT)
                    .publicKey(), new UserScope(name, template, ""))));
            return AccountClaims.builder().imports(raw).exports(exports).limits(limits).signingKeys(keys)
                    .revocations(revocations).defaultPermissions(defaultPermissions).mappings(mappings)
                    .description(description).infoUrl(infoUrl).build();
        }

        /**
         * @param systemAccount the public key the system account would have
         * @return the operator's claims built directly (signing keys generated)
         */
        OperatorClaims operatorClaims(String systemAccount) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < operator.signingKeys(); i++) {
                keys.add(NatsKeyPair.generate(KeyKind.OPERATOR).publicKey());
            }
            return OperatorClaims.builder().signingKeys(keys).accountServerUrl(operator.accountServerUrl())
                    .operatorServiceUrls(operator.serviceUrls()).systemAccount(systemAccount)
                    .assertServerVersion(operator.serverVersion()).strictSigningKeyUsage(operator.strict()).build();
        }

        /** @return A's users' claims built directly */
        List<UserClaims> userClaims() {
            return users.stream().map(l -> UserClaims.builder().limits(l).build()).toList();
        }
    }

    /**
     * The operator's values, checked only when the spec is built.
     *
     * @param signingKeys      how many operator signing keys
     * @param strict           strict signing key usage
     * @param accountServerUrl account server URL, or empty
     * @param serviceUrls      operator service URLs
     * @param serverVersion    asserted server version, or empty
     */
    record Operator(int signingKeys, boolean strict, String accountServerUrl, List<String> serviceUrls,
                    String serverVersion) {
    }

    Case next() {
        // Half the specs are meant to be good; in the others each value may come from the bad end of its pool.
        bad = random.nextBoolean();
        List<Export> exports = new ArrayList<>();
        List<String> disjoint = new ArrayList<>(List.of(DISJOINT));
        for (int i = random.nextInt(4); i > 0; i--) {
            exports.add(export(disjoint));
        }
        List<ImportSpec> imports = new ArrayList<>();
        List<String> importable = new ArrayList<>(List.of(IMPORTED).subList(0, 4));
        for (int i = random.nextInt(3); i > 0; i--) {
            String subject = maybe() ? pick(IMPORTED) : importable.remove(random.nextInt(importable.size()));
            ExportType type = random.nextBoolean() ? ExportType.SERVICE : ExportType.STREAM;
            String local = maybe() ? pick(LOCAL) : "";
            if (local.endsWith(">") != subject.endsWith(">")) {
                local = "";
            }
            imports.add(ImportSpec.builder("B", subject, type).localSubject(local)
                    .share(type == ExportType.SERVICE
                    ? random.nextBoolean() : maybe() && random.nextBoolean()).build());
        }
        Map<String, List<WeightedMapping>> mappings = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            List<WeightedMapping> to = new ArrayList<>();
            int left = 100;
            for (int j = 1 + random.nextInt(3); j > 0; j--) {
                int w = maybe() ? WEIGHTS[random.nextInt(WEIGHTS.length)] : 1 + random.nextInt(Math.max(1, left / 2));
                left -= w;
                to.add(new WeightedMapping("to." + j, w, random.nextInt(4) == 0 ? "c1" : ""));
            }
            mappings.put("from." + i, to);
        }
        long exportLimit = maybe() ? random.nextInt(3) : -1;
        AccountLimits.Builder lb = AccountLimits.builder()
                .imports(maybe() ? random.nextInt(3) : -1)
                .exports(exportLimit)
                .wildcards(exportLimit == -1 || random.nextBoolean());
        if (random.nextInt(4) == 0) {
            // JetStream: untiered, or tiers (the reference refuses both at once and a blank tier name).
            boolean tiered = random.nextBoolean();
            if (!tiered || maybe()) {
                lb.jetStream(jetStream());
            }
            if (tiered) {
                for (String tier : random.nextBoolean() ? List.of("R1") : List.of("R1", "R3")) {
                    lb.tier(maybe() ? "" : tier, jetStream());
                }
            }
        }
        AccountLimits limits = lb.build();
        String description = random.nextInt(12) == 0 ? "d".repeat(maybe() ? 8193 : 8192) : "";
        String infoUrl = random.nextInt(12) == 0 ? "https://example.com/" + "u".repeat(maybe() ? 8173 : 8172)
                : pick(INFO_URLS, 4);
        List<UserPermissionLimits> users = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            users.add(user());
        }
        Permissions defaults = random.nextInt(3) == 0 ? permissions() : Permissions.NONE;
        // The reference does not check revocations; they are here so that their encoding is judged too.
        Map<String, Long> revocations = new LinkedHashMap<>();
        for (int i = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; i > 0; i--) {
            revocations.put(random.nextBoolean() ? "*" : NatsKeyPair.generate(KeyKind.USER).publicKey(),
                    1_700_000_000L + random.nextInt(1_000_000));
        }
        int signingKeys = random.nextInt(3);
        List<String> serviceUrls = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            serviceUrls.add(pick(SERVICE_URLS, 4));
        }
        Operator operator = new Operator(signingKeys, signingKeys > 0 && random.nextBoolean(),
                pick(ACCOUNT_SERVER_URLS), serviceUrls, pick(SERVER_VERSIONS, 3));
        // Scope templates from the good end of the pools only: the reference does not check templates, the model does.
        Map<String, UserPermissionLimits> scopes = new LinkedHashMap<>();
        boolean wasBad = bad;
        bad = false;
        for (int i = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; i > 0; i--) {
            scopes.put("scope" + i, user());
        }
        bad = wasBad;
        return new Case(exports, imports, limits, mappings, description, infoUrl, users, defaults, revocations,
                operator, scopes);
    }

    private Export export(List<String> disjoint) {
        ExportType type = random.nextBoolean() ? ExportType.SERVICE : ExportType.STREAM;
        String subject = maybe() || disjoint.isEmpty() ? pick(SUBJECTS) : disjoint.remove(random.nextInt(
                disjoint.size()));
        ServiceLatency latency = type == ExportType.SERVICE && random.nextInt(4) == 0
                ? new ServiceLatency(SAMPLING[random.nextInt(maybe() ? SAMPLING.length : 4)], pick(RESULTS, 2))
                : null;
        int position = 0;
        if (random.nextInt(4) == 0) {
            int star = List.of(subject.split("\\.", -1)).indexOf("*");
            position = maybe() || star < 0 ? 1 + random.nextInt(4) : star + 1;
        }
        Duration threshold = type == ExportType.SERVICE && random.nextInt(8) == 0
                ? Duration.ofSeconds(random.nextInt(3) - (maybe() ? 1 : 0)) : Duration.ZERO;
        String info = random.nextInt(6) == 0 ? pick(INFO_URLS, 4) : "";
        return Export.builder(subject, type).responseThreshold(threshold).latency(latency)
                .accountTokenPosition(position).infoUrl(info).build();
    }

    private JetStreamLimits jetStream() {
        return JetStreamLimits.builder().memoryStorage(random.nextBoolean() ? -1 : 1 << 20)
                .diskStorage(random.nextBoolean() ? -1 : 1 << 30).streams(random.nextInt(5) - 1)
                .consumers(random.nextInt(5) - 1).maxAckPending(random.nextBoolean() ? -1 : 100)
                .maxBytesRequired(random.nextInt(4) == 0).build();
    }

    private UserPermissionLimits user() {
        List<TimeRange> times = new ArrayList<>();
        for (int i = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0; i > 0; i--) {
            times.add(new TimeRange(pick(TIMES, 5), pick(TIMES, 5)));
        }
        List<String> src = random.nextInt(4) == 0 ? List.of(pick(CIDRS, 3)) : List.of();
        return UserPermissionLimits.builder().permissions(permissions()).src(src).times(times)
                .timesLocation(times.isEmpty() ? "" : pick(ZONES, 4)).build();
    }

    /** @return publish and subscribe permissions, each allowing or denying a subject from the pools, or nothing */
    private Permissions permissions() {
        return new Permissions(permission(PUB), permission(SUB), null);
    }

    private Permission permission(String[] pool) {
        return switch (random.nextInt(3)) {
            case 0 -> Permission.allowing(pick(pool, 3));
            case 1 -> new Permission(List.of(), List.of(pick(pool, 3)));
            default -> Permission.NONE;
        };
    }

    /** @return whether this value of a bad spec comes from the bad end of its pool */
    private boolean maybe() {
        return bad && random.nextInt(4) == 0;
    }

    /** @param good how many values at the start of the pool the reference accepts */
    private String pick(String[] pool, int good) {
        return pool[random.nextInt(maybe() ? pool.length : good)];
    }

    private String pick(String[] pool) {
        return pool[random.nextInt(pool.length)];
    }
}
