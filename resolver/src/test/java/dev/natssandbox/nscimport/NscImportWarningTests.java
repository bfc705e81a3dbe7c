package dev.natssandbox.nscimport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.SecretAssertions;
import dev.natssandbox.jwt.MessageTrace;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.internal.store.StoreLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claims and tokens the sandbox cannot reproduce exactly are reported, never dropped without a trace. */
class NscImportWarningTests {
    @TempDir
    Path tmp;

    private Hierarchy h;
    private StoreLayout layout;

    @BeforeEach
    void generate() {
        h = NscFixtures.generate(NscFixtures.seedSpec(), tmp.resolve("env"));
        layout = NscFixtures.layout(tmp.resolve("env"));
    }

    private NscEnvironment read() {
        return NscEnvironment.read(layout.stores(), layout.keys());
    }

    private static List<String> texts(NscEnvironment env) {
        return env.warnings().stream().map(ImportWarning::toString).toList();
    }

    @Test
    void claimsOfNewerReferenceVersionsAreListedWithTheirValues() {
        String user = h.user("biller").publicKey();
        NscFixtures.rewrite(layout.accountJwt("Test", "Billing"), h.operator().accountSigner(), p -> {
            ObjectNode nats = (ObjectNode) p.get("nats");
            nats.putObject("authorization").put("xkey", "").putArray("auth_users").add(user);
            p.put("aud", "billing-team");
            p.put("x_custom", "kept by nobody");
        });

        NscEnvironment env = read();

        assertEquals(List.of(
                "account [Billing]: claim [x_custom] = \"kept by nobody\" is not supported by nats-sandbox and is "
                        + "left out",
                "account [Billing]: audience [billing-team] is not supported by nats-sandbox and is left out"),
                texts(env));
        // What the model has is still there; auth callout is read into it, the user by name.
        assertEquals("billing.>", env.spec().account("Billing").exports().get(0).subject());
        assertEquals(List.of("biller"), env.spec().account("Billing").authorization().authUsers());
    }

    @Test
    void claimsOfJwt28AreCarriedOverWithoutAWarning() {
        long notBefore = NscFixtures.ISSUED.instant().getEpochSecond() - 60;
        NscFixtures.rewrite(layout.accountJwt("Test", "Billing"), h.operator().accountSigner(), p -> {
            ObjectNode nats = (ObjectNode) p.get("nats");
            nats.putObject("trace").put("dest", "trace.billing").put("sampling", 30);
            nats.put("cluster_traffic", "owner");
            ((ObjectNode) nats.get("exports").get(0)).put("allow_trace", true);
            p.put("nbf", notBefore);
        });
        NscFixtures.rewrite(layout.operatorJwt("Test"), h.operator().keyPair(),
                p -> p.put("exp", p.get("iat").asLong() + 86_400L * 36_500));

        NscEnvironment env = read();

        assertEquals(List.of(), texts(env));
        AccountSpec billing = env.spec().account("Billing");
        assertEquals(new MessageTrace("trace.billing", 30), billing.trace());
        assertEquals("owner", billing.clusterTraffic());
        assertEquals(Instant.ofEpochSecond(notBefore), billing.notBefore());
        assertTrue(billing.exports().get(0).allowTrace());
        assertEquals(Duration.ofDays(36_500), env.spec().operator().expires());
    }

    @Test
    void importsTheServerWouldIgnoreAreLeftOutWithAReason() {
        String stranger = NatsKeyPair.generate(KeyKind.ACCOUNT).publicKey();
        NscFixtures.rewrite(layout.accountJwt("Test", "TestAccount"), h.operator().accountSigner(), p -> {
            ObjectNode imp = (ObjectNode) p.get("nats").get("imports").get(0);
            ObjectNode copy = imp.deepCopy();
            copy.put("account", stranger).put("subject", "other.>");
            ((com.fasterxml.jackson.databind.node.ArrayNode) p.get("nats").get("imports")).add(copy);
            ObjectNode unexported = imp.deepCopy();
            unexported.put("subject", "payroll.>");
            ((com.fasterxml.jackson.databind.node.ArrayNode) p.get("nats").get("imports")).add(unexported);
            imp.put("to", "billing.legacy");
        });

        NscEnvironment env = read();

        assertEquals(List.of(
                "account [TestAccount]: the import of service [billing.>] from [Billing] sets the deprecated 'to' "
                        + "[billing.legacy], which is not carried over; nsc writes local_subject instead",
                "account [TestAccount]: imports service [other.>] from account [" + stranger + "], which is not in "
                        + "the store; the import is left out",
                "account [TestAccount]: imports service [payroll.>] from account [Billing], which exports no such "
                        + "service, so the server ignores it; the import is left out"),
                texts(env));
        assertEquals(1, env.spec().account("TestAccount").imports().size());
    }

    @Test
    void anImportOfAPrivateExportWithoutTokenIsReportedBecauseTheSandboxMakesItWork() {
        NscFixtures.rewrite(layout.accountJwt("Test", "Billing"), h.operator().accountSigner(),
                p -> ((ObjectNode) p.get("nats").get("exports").get(0)).put("token_req", true));

        NscEnvironment env = read();

        assertEquals(List.of("account [TestAccount]: imports private service [billing.>] from [Billing] without an "
                + "activation token, so the server ignores it; the sandbox issues a token and the import works"),
                texts(env));
        assertTrue(env.spec().account("Billing").exports().get(0).tokenRequired());
    }

    @Test
    void anExpiredJwtIsReissuedForTheSameValidityAndSaysSo() {
        Hierarchy expiring = NscFixtures.generate(SandboxSpec.operator("Test")
                .account("A", a -> a.user("temp", u -> u.expires(Duration.ofHours(1)))).build(), tmp.resolve("exp"));
        StoreLayout l = NscFixtures.layout(tmp.resolve("exp"));
        Clock later = Clock.offset(NscFixtures.ISSUED, Duration.ofHours(2));

        NscEnvironment env = NscEnvironment.reader(l.stores()).keys(l.keys()).clock(later).read();

        assertEquals(List.of("user [A/temp]: the JWT expired at [2024-03-01T13:00:00Z]; the sandbox re-issues it "
                + "valid for [PT1H] from its start"), texts(env));
        assertEquals(Duration.ofHours(1), env.spec().account("A").user("temp").orElseThrow().expires());
        assertEquals(expiring.user("temp").publicKey(), env.keySource().user("A", "temp").publicKey());
        NscEnvironment before = NscEnvironment.reader(l.stores()).keys(l.keys())
                .clock(Clock.fixed(NscFixtures.ISSUED.instant(), ZoneOffset.UTC)).read();
        assertEquals(List.of(), before.warnings());
    }

    @Test
    void anOperatorWithoutSystemAccountGetsOneAddedWithNewKeys() {
        NscFixtures.rewrite(layout.operatorJwt("Test"), h.operator().keyPair(),
                p -> ((ObjectNode) p.get("nats")).remove("system_account"));

        NscEnvironment env = read();

        // The store's SYS account is an ordinary account now, so the added one needs another name.
        assertEquals("SYS1", env.spec().systemAccount());
        assertEquals(List.of("account [SYS1]", "user [SYS1/sys]"), env.newKeys());
        assertEquals(List.of("operator [Test]: names no system account; the sandbox adds system account [SYS1] with a "
                + "new key and user [sys]"), texts(env));
    }

    @Test
    void signaturesTheServerWouldRefuseAreReportedBecauseTheSandboxReissuesThemValid() {
        NatsKeyPair stranger = NatsKeyPair.generate(KeyKind.OPERATOR);
        NscFixtures.rewrite(layout.accountJwt("Test", "Billing"), stranger, p -> { });

        NscEnvironment env = read();

        assertEquals(List.of("account [Billing]: its JWT is signed by [" + stranger.publicKey() + "], which is "
                + "neither the operator nor one of its signing keys, so the server refuses it; the sandbox signs it "
                + "with the operator's key"), texts(env));
    }

    @Test
    void aScopedUserWithPermissionsOfItsOwnIsImportedWithTheTemplateOnly() {
        Hierarchy scoped = NscFixtures.generate(SandboxSpec.operator("Test").account("A", a -> a
                .signingKey(SigningKeySpec.scoped("reader", UserPermissionLimits.builder().allowSub("a.>").build()))
                .user("r", u -> u.signingKey("reader"))).build(), tmp.resolve("scoped"));
        StoreLayout l = NscFixtures.layout(tmp.resolve("scoped"));
        NscFixtures.rewrite(l.userJwt("Test", "A", "r"), scoped.account("A").signingKeys().get("reader"),
                p -> ((ObjectNode) p.get("nats")).putObject("pub").putArray("allow").add(">"));

        NscEnvironment env = NscEnvironment.read(l.stores(), l.keys());

        assertEquals(List.of("user [A/r]: carries permissions or limits of its own although scoped signing key "
                + "[reader] signs it; the server applies only the key's template, and so does the sandbox"),
                texts(env));
        assertEquals(UserPermissionLimits.DEFAULT, env.spec().account("A").user("r").orElseThrow().limits());
    }

    @Test
    void theSummaryNamesWhatWasImportedFromWhereAndNoSecret() {
        NscEnvironment env = read();

        assertEquals("Imported nsc operator [Test] " + h.operator().publicKey() + "\n"
                + "  store:    " + layout.operatorDir("Test") + " (with its nats-sandbox index)\n"
                + "  keystore: " + layout.keys() + " (layout: current (keys/, creds/))\n"
                + "  accounts: [Billing, TestAccount, SYS], system account [SYS], 5 users\n"
                + "Warnings: none\n", env.describe());
        for (var u : h.users()) {
            String seed = new String(u.keyPair().seed());
            SecretAssertions.assertNoSecret(seed, env.describe());
            SecretAssertions.assertNoSecret(seed, env.toString());
            SecretAssertions.assertNoSecret(seed, env.keySource().toString());
        }
    }
}
