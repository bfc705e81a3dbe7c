package dev.natssandbox.model;

import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.ServiceLatency;
import dev.natssandbox.jwt.WeightedMapping;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts the reference library's {@code Validate} flags as a blocking error (so nats-server refuses them and
 * their users only ever see "Authorization Violation") are refused by the model, naming the value, the rule and
 * the fix.
 */
class ReferenceRulesTests {
    private static InvalidSpecException refused(String where, String fragment, Consumer<AccountSpec.Builder> a) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> SandboxSpec.operator("T").account("A", a).account("B", b -> b.exportService("svc.>")
                        .exportStream("events.>")).build());
        assertEquals(where, e.where(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        return e;
    }

    private static Export export(String subject, ExportType type, int tokenPosition, ServiceLatency latency) {
        return Export.builder(subject, type).latency(latency).accountTokenPosition(tokenPosition).build();
    }

    @Test
    void mappingWeightsAboveAHundredPercentCountingZeroAsAHundred() {
        refused("accounts.A.mappings.m", "add up to [200]%", a -> a.mapping("m",
                List.of(new WeightedMapping("x", 0, ""), new WeightedMapping("y", 100, ""))));
        refused("accounts.A.mappings.m", "add up to [101]%", a -> a.mapping("m",
                List.of(new WeightedMapping("x", 60, ""), new WeightedMapping("y", 41, ""))));
        refused("accounts.A.mappings.m", "in cluster [c1] add up to [110]%", a -> a.mapping("m",
                List.of(new WeightedMapping("x", 60, "c1"), new WeightedMapping("y", 50, "c1"))));
        SandboxSpec.operator("T").account("A", a -> a.mapping("m", List.of(new WeightedMapping("x", 60, "c1"),
                new WeightedMapping("y", 40, "c1"), new WeightedMapping("z", 0, "")))).build();
    }

    @Test
    void infoUrlNeedsSchemeAndHostAndInfoFitsEightKiB() {
        refused("accounts.A.info_url", "info URL [example.com/docs] has no scheme and host",
                a -> a.infoUrl("example.com/docs"));
        refused("accounts.A.info_url", "info URL [mailto:x@example.com] has no host",
                a -> a.infoUrl("mailto:x@example.com"));
        refused("accounts.A.info_url", "[8193] bytes is longer than the 8192",
                a -> a.infoUrl("https://example.com/" + "x".repeat(8173)));
        refused("accounts.A.description", "description of [8193] bytes", a -> a.description("é".repeat(4096) + "x"));
        refused("accounts.A.exports[0].info_url", "info URL [docs] has no scheme and host", a -> a.export(
                Export.builder("s", ExportType.SERVICE).infoUrl("docs").build()));
        SandboxSpec.operator("T").account("A", a -> a.infoUrl("https://example.com/docs")
                .description("d".repeat(8192))).build();
    }

    @Test
    void accountTokenPositionMustPointAtAStar() {
        refused("accounts.A.exports[0].account_token_position", "subject [svc.req] has no wildcard",
                a -> a.export(export("svc.req", ExportType.SERVICE, 2, null)));
        refused("accounts.A.exports[0].account_token_position", "points at token [req]",
                a -> a.export(export("svc.*.req", ExportType.SERVICE, 3, null)));
        refused("accounts.A.exports[0].account_token_position", "[4] exceeds the 3 tokens",
                a -> a.export(export("svc.*.req", ExportType.SERVICE, 4, null)));
        SandboxSpec.operator("T").account("A", a -> a.export(export("svc.*.req", ExportType.SERVICE, 2, null)))
                .build();
    }

    @Test
    void overlappingExportsOfOneTypeAreRefused() {
        refused("accounts.A.exports", "stream export [x] already exports [x]",
                a -> a.exportStream("x").exportStream("x"));
        refused("accounts.A.exports", "service export [x.>] already exports [x.y]",
                a -> a.exportService("x.>").exportService("x.y"));
        SandboxSpec.operator("T").account("A", a -> a.exportService("x.>").exportStream("x.y")).build();
    }

    @Test
    void shareOnAStreamImportIsRefused() {
        refused("accounts.A.imports[0].share", "share [true] on stream import [events.>]",
                a -> a.importing(ImportSpec.builder("B", "events.>", ExportType.STREAM).share(true).build()));
    }

    @Test
    void latencyNeedsALiteralResultsSubjectAndSamplingInRange() {
        refused("accounts.A.exports[0].latency.results", "latency results subject [lat.>] contains wildcards",
                a -> a.export(export("s", ExportType.SERVICE, 0, new ServiceLatency(50, "lat.>"))));
        refused("accounts.A.exports[0].latency.results", "latency results subject [] is empty",
                a -> a.export(export("s", ExportType.SERVICE, 0, new ServiceLatency(50, ""))));
        refused("accounts.A.exports[0].latency.sampling", "sampling [101] must be 1-100",
                a -> a.export(export("s", ExportType.SERVICE, 0, new ServiceLatency(101, "lat"))));
    }

    @Test
    void localSubjectsRenameEveryWildcardAndServiceImportsDoNotOverlap() {
        refused("accounts.A.imports[0].local_subject", "has 0 * or $N token(s) but subject [svc.*] has 1",
                a -> a.importing(ImportSpec.builder("B", "svc.*", ExportType.SERVICE).localSubject("mine.x").build()));
        refused("accounts.A.imports[0].local_subject", "references [$2]",
                a -> a.importing(ImportSpec.builder("B", "svc.*", ExportType.SERVICE).localSubject("mine.$2")
                        .build()));
        refused("accounts.A.imports", "service imports [svc.a] and [svc.>] from account [B] overlap",
                a -> a.importService("B", "svc.>").importService("B", "svc.a"));
        SandboxSpec.operator("T").account("B", b -> b.exportService("svc.>")).account("A", a -> a
                .importing(ImportSpec.builder("B", "svc.*", ExportType.SERVICE).localSubject("mine.$1").build()))
                .build();
    }

    @Test
    void importAndExportCountsStayWithinTheAccountsLimits() {
        refused("accounts.A.limits.exports", "has 2 exports but limits.exports is [1]",
                a -> a.limits(l -> l.exports(1)).exportStream("a").exportStream("b"));
        refused("accounts.A.limits.imports", "has 1 imports but limits.imports is [0]",
                a -> a.limits(l -> l.imports(0)).importService("B", "svc.a"));
    }

    @Test
    void operatorServiceUrlsCarryNoPathNotEvenATrailingSlash() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> OperatorSpec.builder("T")
                .serviceUrls(List.of("nats://127.0.0.1:4222/")).build());
        assertEquals("operator.service_urls[0]: service URL [nats://127.0.0.1:4222/] must not have a path (not even "
                + "a trailing /); write it like nats://host:4222", e.getMessage());
        OperatorSpec.builder("T").serviceUrls(List.of("nats://127.0.0.1:4222")).build();
    }
}
