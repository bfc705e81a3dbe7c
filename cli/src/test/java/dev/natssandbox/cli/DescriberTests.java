package dev.natssandbox.cli;

import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tables compared with nsc's: the seed walkthrough's operator, account and users. */
class DescriberTests {
    private static final Hierarchy SEED = Provisioner.provision(SandboxSpec.operator("Test")
            .account("TestAccount", a -> a
                    .user("TestUser")
                    .user("TestService", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
                    .user("TestClient", u -> u.allowPub("req.a").allowSub("_INBOX.>")))
            .build());
    private static final Instant NOW = Instant.now();

    private static Jwt decode(String token) {
        return Jwts.decode(token);
    }

    /** The label column of each row, in order, as nsc's tables have them. */
    private static List<String> labels(String table) {
        return table.lines().filter(l -> l.startsWith("│ ")).map(l -> l.substring(2, l.indexOf(" │", 1)).strip())
                .filter(l -> !l.isEmpty()).toList();
    }

    private static String value(String table, String label) {
        return table.lines().filter(l -> l.startsWith("│ ") && l.substring(2, l.indexOf(" │", 1)).strip()
                        .equals(label)).findFirst()
                .map(l -> l.substring(l.indexOf("│", 2) + 1, l.lastIndexOf("│")).strip()).orElseThrow(
                        () -> new AssertionError("no row [" + label + "] in\n" + table));
    }

    @Test
    void anAccountHasNscsRowsInNscsOrder() {
        String t = Describer.describe(decode(SEED.account("TestAccount").jwt()), NOW);
        assertEquals(List.of("Account Details", "Name", "Account ID", "Issuer ID", "Issued", "Expires",
                "Max Connections", "Max Leaf Node Connections", "Max Data", "Max Exports", "Max Imports",
                "Max Msg Payload", "Max Subscriptions", "Exports Allows Wildcards", "Disallow Bearer Token",
                "Jetstream", "Imports", "Exports"), labels(t));
        assertEquals("Unlimited", value(t, "Max Connections"));
        assertEquals("True", value(t, "Exports Allows Wildcards"));
        assertEquals("None", value(t, "Imports"));
        assertEquals("None", value(t, "Exports"));
        assertEquals(SEED.account("TestAccount").publicKey(), value(t, "Account ID"));
        assertEquals(SEED.operator().publicKey(), value(t, "Issuer ID"));
    }

    @Test
    void anAccountShowsItsTraceClusterTrafficNotBeforeAndTheAllowTraceOfExportsAndImports() {
        Instant notBefore = Instant.parse("2030-01-01T00:00:00Z");
        Hierarchy h = Provisioner.provision(SandboxSpec.operator("Trace")
                .account("P", a -> a.export(dev.natssandbox.jwt.Export.of("s", "svc.a",
                        dev.natssandbox.jwt.ExportType.SERVICE).withAllowTrace(true)).exportStream("feed.>"))
                .account("A", a -> a.trace("trace.a", 25).clusterTraffic("owner").notBefore(notBefore)
                        .importing(dev.natssandbox.model.ImportSpec.builder("P", "feed.>",
                                dev.natssandbox.jwt.ExportType.STREAM).allowTrace(true).build()))
                .build());
        String a = Describer.describe(decode(h.account("A").jwt()), NOW);
        assertEquals("trace.a", value(a, "Trace Context Subject"));
        assertEquals("25%", value(a, "Trace Context Sampling"));
        assertEquals("owner", value(a, "Cluster Traffic"));
        assertEquals(Describer.time(notBefore.getEpochSecond()), value(a, "Not Before"));
        assertEquals("NOT YET VALID", value(a, "Status"));
        assertTrue(a.contains("Stream (allow trace)"), a);
        String p = Describer.describe(decode(h.account("P").jwt()), NOW);
        assertTrue(p.contains("Service (allow trace)"), p);
        assertFalse(p.contains("Trace Context"), p);
    }

    @Test
    void aUserWithPermissionsShowsThemAndItsLimitsAsNscDoes() {
        String t = Describer.describe(decode(SEED.user("TestService").jwt()), NOW);
        assertEquals(List.of("User", "Name", "User ID", "Issuer ID", "Issued", "Expires", "Bearer Token",
                "Pub Allow", "Sub Allow", "Response Permissions", "Max Msg Payload", "Max Data", "Max Subs",
                "Network Src", "Time"), labels(t));
        assertEquals("_INBOX.>", value(t, "Pub Allow"));
        assertEquals("req.a", value(t, "Sub Allow"));
        assertEquals("Unlimited", value(t, "Max Msg Payload"));
        assertEquals("Any", value(t, "Network Src"));
        assertEquals("Any", value(t, "Time"));
        assertEquals("Not Set", value(t, "Response Permissions"));
    }

    @Test
    void aUserWithoutPermissionsHasNoPermissionRows() {
        String t = Describer.describe(decode(SEED.user("TestUser").jwt()), NOW);
        assertFalse(t.contains("Pub Allow"), t);
        assertEquals("No", value(t, "Bearer Token"));
    }

    @Test
    void anOperatorNamesItsSystemAccountWhenTheNameIsKnown() {
        Jwt operator = decode(SEED.operator().jwt());
        String sys = SEED.systemAccount().publicKey();
        String t = Describer.describe(operator, NOW, Map.of(sys, "SYS"));
        assertEquals(List.of("Operator Details", "Name", "Operator ID", "Issuer ID", "Issued", "Expires",
                "System Account", "Require Signing Keys"), labels(t));
        assertEquals(sys + " / SYS", value(t, "System Account"));
        assertEquals("false", value(t, "Require Signing Keys"));
        assertEquals(sys, value(Describer.describe(operator, NOW), "System Account"));
    }

    @Test
    void bytesAreWrittenAsGoHumanizeWritesThem() {
        assertEquals("0 B", Describer.humanBytes(0));
        assertEquals("9 B", Describer.humanBytes(9));
        assertEquals("512 B", Describer.humanBytes(512));
        assertEquals("1.0 kB", Describer.humanBytes(1000));
        assertEquals("1.0 kB", Describer.humanBytes(1024));
        assertEquals("524 kB", Describer.humanBytes(524_288));
        assertEquals("1.0 MB", Describer.humanBytes(1_000_000));
        assertEquals("1.1 GB", Describer.humanBytes(1L << 30));
        assertEquals("1.0 MB (1000000 bytes)", Describer.bytesLimit(1_000_000));
        assertEquals("Unlimited", Describer.bytesLimit(-1));
    }

    @Test
    void durationsAreWrittenAsGoWritesThem() {
        assertEquals("0s", Describer.goDuration(Duration.ZERO));
        assertEquals("5s", Describer.goDuration(Duration.ofSeconds(5)));
        assertEquals("1m30s", Describer.goDuration(Duration.ofSeconds(90)));
        assertEquals("1h0m0s", Describer.goDuration(Duration.ofHours(1)));
        assertEquals("1.5s", Describer.goDuration(Duration.ofMillis(1500)));
        assertEquals("500ms", Describer.goDuration(Duration.ofMillis(500)));
        assertEquals("1.5ms", Describer.goDuration(Duration.ofNanos(1_500_000)));
        assertEquals("2µs", Describer.goDuration(Duration.ofNanos(2_000)));
        assertEquals("7ns", Describer.goDuration(Duration.ofNanos(7)));
    }

    @Test
    void multiLineHeadingsWidenTheirColumnByTheLongestLine() {
        String t = new Table("T").header("a", "long\nx").row("1", "2").render();
        assertTrue(t.contains("│ a │ long │\n│   │ x    │\n"), t);
    }
}
