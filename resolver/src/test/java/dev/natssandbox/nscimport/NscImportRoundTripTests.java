package dev.natssandbox.nscimport;

import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.ServerSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.internal.store.StoreLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code generate} writes, and the same hierarchy in nsc's old layout, import back into the spec it was made
 * from, with the same keys: re-issuing the imported spec at the original issue time gives the original JWTs byte for
 * byte.
 */
class NscImportRoundTripTests {
    @TempDir
    Path tmp;

    /**
     * Every key of the spec schema ({@code full.yaml}), adjusted for what an nsc store cannot hold: server settings
     * (JetStream is on because accounts use it, so every account sets its JetStream limits), the order of exports
     * (a JWT lists them by subject), and untiered JetStream limits next to tiered ones (decoding keeps the tiers
     * only, as the reference does; the import reports the untiered values as left out).
     */
    static SandboxSpec everything() {
        SandboxSpec full = SpecFiles.load("classpath:specs/full.yaml");
        AccountSpec orders = full.account("Orders");
        List<Export> bySubject = new ArrayList<>(orders.exports());
        bySubject.sort(Comparator.comparing(Export::subject));
        // The operator is strict: users that name no signing key are signed by the account's first plain one,
        // which is what the environment then says about them.
        List<dev.natssandbox.model.UserSpec> users = orders.users().stream()
                .map(u -> u.signingKey() == null ? u.toBuilder().signingKey("admin").build() : u).toList();
        AccountSpec sorted = AccountSpec.builder(orders.name()).limits(orders.limits()).exports(bySubject)
                .imports(orders.imports()).signingKeys(orders.signingKeys()).revocations(orders.revocations())
                .defaultPermissions(orders.defaultPermissions()).mappings(orders.mappings())
                .description(orders.description()).infoUrl(orders.infoUrl()).tags(orders.tags())
                .expires(orders.expires()).users(users).build();
        return full.toBuilder()
                .server(ServerSpec.builder().jetStream(true).build())
                .account(sorted)
                .build();
    }

    @Test
    void whatGenerateWritesImportsBackIntoTheSameSpecAndKeys() {
        SandboxSpec spec = everything();
        Clock issued = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        Hierarchy original = Provisioner.provision(spec, dev.natssandbox.provision.KeySource.generating(), issued);
        StoreLayout layout = dev.natssandbox.internal.store.NscStore.write(original, tmp.resolve("env"));

        NscEnvironment env = NscEnvironment.read(layout.stores(), layout.keys());

        assertEquals(List.of(), env.warnings());
        assertEquals(List.of(), env.newKeys());
        assertEquals(spec, env.spec());
        assertSameJwts(original, Provisioner.provision(env.spec(), env.keySource(), issued));
    }

    @Test
    void theOperatorDirectoryAloneIsEnoughWhenTheKeystoreIsNextToTheStores() {
        Hierarchy original = NscFixtures.generate(NscFixtures.seedSpec(), tmp.resolve("env"));
        StoreLayout layout = NscFixtures.layout(tmp.resolve("env"));

        NscEnvironment env = NscEnvironment.reader(layout.operatorDir("Test")).read();

        assertEquals(layout.operatorDir("Test"), env.operatorDir());
        assertEquals(layout.keys(), env.keysDir());
        assertEquals(NscFixtures.seedSpec(), env.spec());
        assertSameJwts(original, Provisioner.provision(env.spec(), env.keySource(), NscFixtures.ISSUED));
    }

    @Test
    void theOldLayoutWithSeedFilesNamedAfterIdentitiesImportsWithTheSameKeys() {
        SandboxSpec spec = legacy("ops");
        Hierarchy original = Provisioner.provision(spec, dev.natssandbox.provision.KeySource.generating(),
                NscFixtures.ISSUED);
        NscFixtures.writeOld(original, tmp.resolve("nsc"), tmp.resolve("nkeys"), false);

        NscEnvironment env = NscEnvironment.read(tmp.resolve("nsc/nats"), tmp.resolve("nkeys"));

        // Without the sandbox index, an unscoped signing key has no name but its public key.
        String ops = original.account("Shop").signingKeys().get("ops").publicKey();
        assertEquals(legacy(ops), env.spec());
        assertEquals(List.of(), env.warnings());
        assertSameJwts(original, Provisioner.provision(env.spec(), env.keySource(), NscFixtures.ISSUED));
        assertTrue(env.describe().contains("(layout: old (Legacy/…))"), env.describe());
    }

    @Test
    void theOldLayoutWithUserSeedsOnlyInCredsFilesImportsFromTheOldHomeDirectory() {
        Hierarchy original = Provisioner.provision(legacy("ops"), dev.natssandbox.provision.KeySource.generating(),
                NscFixtures.ISSUED);
        NscFixtures.writeOld(original, tmp.resolve("nsc"), tmp.resolve("nkeys"), true);

        // The old home directory (~/.nsc) holds the stores in nats/.
        NscEnvironment env = NscEnvironment.read(tmp.resolve("nsc"), tmp.resolve("nkeys"));

        assertEquals(tmp.resolve("nsc/nats/Legacy"), env.operatorDir());
        assertEquals(List.of(), env.newKeys());
        for (UserIdentity u : original.users()) {
            assertEquals(u.publicKey(), env.keySource().user(u.account(), u.name()).publicKey(), u.qualifiedName());
        }
    }

    @Test
    void namesTheEnvironmentDoesNotHaveGetANewKeyThatStaysTheSame() {
        Hierarchy original = NscFixtures.generate(NscFixtures.seedSpec(), tmp.resolve("env"));
        StoreLayout layout = NscFixtures.layout(tmp.resolve("env"));
        var keys = NscEnvironment.read(layout.stores(), layout.keys()).keySource();

        assertEquals(original.account("Billing").publicKey(), keys.account("Billing").publicKey());
        assertEquals(keys.account("Added"), keys.account("Added"));
        assertEquals(keys.user("TestAccount", "newcomer"), keys.user("TestAccount", "newcomer"));
        assertNotEquals(keys.user("TestAccount", "newcomer"), keys.user("Billing", "newcomer"));
        assertFalse(original.users().stream().anyMatch(u -> u.keyPair().equals(keys.user("TestAccount", "x"))));
    }

    /** Two operator signing keys, an import, a plain and a scoped account signing key. */
    static SandboxSpec legacy(String plainKeyName) {
        return SandboxSpec.operator("Legacy").operatorSigningKeys(2)
                .account("Billing", a -> a.exportService("billing.>").user("biller", u -> u.allowSub("billing.>")))
                .account("Shop", a -> a.importService("Billing", "billing.>")
                        .signingKey(SigningKeySpec.plain(plainKeyName))
                        .signingKey(SigningKeySpec.scoped("reader",
                                UserPermissionLimits.builder().allowSub("shop.>").build()))
                        .user("alice", u -> u.allowPub("shop.>", "billing.>"))
                        .user("bob", u -> u.signingKey(plainKeyName).allowPub("bob.>"))
                        .user("carol", u -> u.signingKey("reader")))
                .build();
    }

    static void assertSameJwts(Hierarchy expected, Hierarchy actual) {
        assertEquals(expected.operator().jwt(), actual.operator().jwt(), "operator JWT");
        assertEquals(expected.accountNames(), actual.accountNames());
        for (AccountIdentity a : expected.accounts()) {
            AccountIdentity b = actual.account(a.name());
            assertEquals(a.publicKey(), b.publicKey(), a.name());
            assertEquals(new java.util.HashSet<>(a.signingKeys().values()),
                    new java.util.HashSet<>(b.signingKeys().values()), a.name() + " signing keys");
            assertEquals(a.jwt(), b.jwt(), "JWT of account " + a.name());
            for (UserIdentity u : a.users()) {
                UserIdentity v = b.findUser(u.name()).orElseThrow(() -> new AssertionError("no " + u));
                assertEquals(u.keyPair(), v.keyPair(), u.qualifiedName());
                assertEquals(u.jwt(), v.jwt(), "JWT of user " + u.qualifiedName());
            }
        }
    }
}
