package dev.natssandbox.nscimport;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.SecretAssertions;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.KeySource;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.internal.store.StoreLayout;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stores whose names disagree with their JWTs, keystores without the seeds, directories that are not stores. */
class NscImportFailureTests {
    @TempDir
    Path tmp;

    /** Operator and account signing keys, so that every kind of signing seed can go missing. */
    static SandboxSpec signingSpec() {
        return SandboxSpec.operator("Test").operatorSigningKeys(1)
                .account("Billing", a -> a.user("biller"))
                .account("TestAccount", a -> a.signingKey(SigningKeySpec.plain("ops"))
                        .user("TestClient", u -> u.allowPub("req.a"))
                        .user("deployer", u -> u.signingKey("ops")))
                .build();
    }

    @Nested
    class NameConflicts {
        @Test
        void everyDirectoryOrFileNamedUnlikeItsJwtIsListedInOneError() throws IOException {
            NscFixtures.generate(NscFixtures.seedSpec(), tmp.resolve("env"));
            Path accounts = NscFixtures.layout(tmp.resolve("env")).operatorDir("Test").resolve("accounts");
            Files.move(accounts.resolve("Billing"), accounts.resolve("Invoicing"));
            Files.move(accounts.resolve("Invoicing/Billing.jwt"), accounts.resolve("Invoicing/Invoicing.jwt"));
            Files.move(accounts.resolve("TestAccount/users/TestUser.jwt"),
                    accounts.resolve("TestAccount/users/Tester.jwt"));

            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> NscEnvironment.read(tmp.resolve("env/stores"), tmp.resolve("env/keys")));

            assertEquals("nsc store [" + accounts.getParent() + "] does not name its identities as their JWTs do; "
                    + "nats-sandbox finds keys and creds by name, so they must agree:\n"
                    + "  - accounts/Invoicing/Invoicing.jwt: directory [Invoicing] but the JWT's name claim is "
                    + "[Billing]\n"
                    + "  - accounts/TestAccount/users/Tester.jwt: file [Tester] but the JWT's name claim is "
                    + "[TestUser]\n"
                    + "Rename each file or directory to the name in its JWT (nsc writes them that way), or re-issue "
                    + "the JWT under the file's name.", e.getMessage());
        }

        @Test
        void theOperatorsNscFileMustNameTheOperatorDirectory() {
            NscFixtures.generate(NscFixtures.seedSpec(), tmp.resolve("env"));
            NscFixtures.write(NscFixtures.layout(tmp.resolve("env")).operatorDir("Test").resolve(".nsc"),
                    "{\"name\":\"Prod\",\"kind\":\"operator\",\"version\":\"1\"}");

            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> NscEnvironment.read(tmp.resolve("env/stores"), tmp.resolve("env/keys")));
            assertTrue(e.getMessage().contains("\n  - .nsc: directory [Test] but the .nsc file names operator "
                    + "[Prod]\n"), e.getMessage());
        }

        @Test
        void aJwtOfTheWrongKindIsNamedWithItsFile() throws IOException {
            NscFixtures.generate(NscFixtures.seedSpec(), tmp.resolve("env"));
            StoreLayout layout = NscFixtures.layout(tmp.resolve("env"));
            Files.copy(layout.userJwt("Test", "TestAccount", "TestUser"), layout.accountJwt("Test", "Billing"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> NscEnvironment.read(layout.stores(), layout.keys()));
            assertEquals(layout.accountJwt("Test", "Billing") + ": holds a user JWT where nsc keeps an account JWT; "
                    + "replace the file with the account's JWT", e.getMessage());
        }
    }

    @Nested
    class MissingSeeds {
        @Test
        void everyMissingSigningSeedIsNamedWithEveryPathTriedInBothLayouts() throws IOException {
            Hierarchy h = NscFixtures.generate(signingSpec(), tmp.resolve("env"));
            StoreLayout layout = NscFixtures.layout(tmp.resolve("env"));
            NatsKeyPair op = h.operator().keyPair();
            NatsKeyPair opSigning = h.operator().signingKeys().get(0);
            NatsKeyPair account = h.account("TestAccount").keyPair();
            NatsKeyPair ops = h.account("TestAccount").signingKeys().get("ops");
            for (NatsKeyPair k : List.of(op, opSigning, account, ops)) {
                Files.delete(layout.seed(k.publicKey()));
            }

            MissingKeysException e = assertThrows(MissingKeysException.class,
                    () -> NscEnvironment.read(layout.stores(), layout.keys()));

            assertEquals(List.of("operator [Test]", "operator [Test] signing key 1", "account [TestAccount]",
                    "account [TestAccount] signing key [ops]"), e.missing().stream()
                    .map(MissingKeysException.MissingKey::identity).toList());
            Path keys = layout.keys();
            String scan = "every *.nk and *.creds file under " + keys + " (";
            assertEquals(List.of(keys + "/keys/O/" + op.publicKey().substring(1, 3) + "/" + op.publicKey()
                    + ".nk (no such file)", keys + "/Test/Test.nk (no such file)"), e.missing().get(0).tried()
                    .subList(0, 2));
            assertTrue(e.missing().get(0).tried().get(2).startsWith(scan), e.missing().get(0).tried().toString());
            assertEquals(keys + "/Test/accounts/TestAccount/TestAccount.nk (no such file)",
                    e.missing().get(2).tried().get(1));
            String message = e.getMessage();
            assertTrue(message.startsWith("keystore [" + keys + "] lacks the seeds of 4 keys needed to re-issue the "
                    + "environment's JWTs:\n  - operator [Test] [" + op.publicKey() + "], looked for in:\n      "
                    + keys + "/keys/O/"), message);
            assertTrue(message.contains("\n  - account [TestAccount] signing key [ops] [" + ops.publicKey()
                    + "], looked for in:\n      " + layout.seed(ops.publicKey()) + " (no such file)\n      " + scan),
                    message);
            assertTrue(message.endsWith("(CLI: --nsc-new-keys; API: generateMissingKeys(true)); creds issued "
                    + "elsewhere under the replaced keys then do not work with the sandbox."), message);
            for (var u : h.users()) {
                SecretAssertions.assertNoSecret(new String(u.keyPair().seed()), e);
            }
        }

        @Test
        void anOldLayoutSeedFileHoldingAnotherKeyIsSaidSo() throws IOException {
            Hierarchy h = Provisioner.provision(signingSpec(), KeySource.generating(), NscFixtures.ISSUED);
            NscFixtures.writeOld(h, tmp.resolve("nsc"), tmp.resolve("nkeys"), false);
            Path old = tmp.resolve("nkeys/Test/accounts/TestAccount/TestAccount.nk");
            Files.copy(tmp.resolve("nkeys/Test/accounts/Billing/Billing.nk"), old,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            MissingKeysException e = assertThrows(MissingKeysException.class,
                    () -> NscEnvironment.read(tmp.resolve("nsc/nats"), tmp.resolve("nkeys")));

            assertEquals(1, e.missing().size(), e.getMessage());
            assertEquals(old + " (holds the seed of another key, [" + h.account("Billing").publicKey() + "])",
                    e.missing().get(0).tried().get(1));
        }

        @Test
        void allowedNewKeysReplaceTheMissingOnesAndAreReported() throws IOException {
            Hierarchy h = NscFixtures.generate(signingSpec(), tmp.resolve("env"));
            StoreLayout layout = NscFixtures.layout(tmp.resolve("env"));
            Files.delete(layout.seed(h.operator().publicKey()));
            Files.delete(layout.seed(h.account("TestAccount").publicKey()));

            NscEnvironment env = NscEnvironment.reader(layout.stores()).keys(layout.keys()).generateMissingKeys(true)
                    .read();

            assertEquals(List.of("operator [Test]", "account [TestAccount]"), env.newKeys());
            assertNotEquals(h.operator().publicKey(), env.keySource().operator("Test").publicKey());
            assertNotEquals(h.account("TestAccount").publicKey(), env.keySource().account("TestAccount").publicKey());
            assertEquals(h.account("Billing").publicKey(), env.keySource().account("Billing").publicKey());
            assertEquals(h.user("TestClient").publicKey(),
                    env.keySource().user("TestAccount", "TestClient").publicKey());
            assertEquals("account [TestAccount]: the keystore [" + layout.keys() + "] has no seed for ["
                    + h.account("TestAccount").publicKey() + "]; the sandbox uses the new key ["
                    + env.keySource().account("TestAccount").publicKey() + "], so creds issued elsewhere under the "
                    + "old key do not work with the sandbox", env.warnings().get(1).toString());
        }

        @Test
        void aUserWithoutSeedAlwaysGetsANewKeyWithAWarning() throws IOException {
            Hierarchy h = NscFixtures.generate(signingSpec(), tmp.resolve("env"));
            StoreLayout layout = NscFixtures.layout(tmp.resolve("env"));
            Files.delete(layout.seed(h.user("biller").publicKey()));
            Files.delete(layout.creds("Test", "Billing", "biller"));

            NscEnvironment env = NscEnvironment.read(layout.stores(), layout.keys());

            assertEquals(List.of("user [Billing/biller]"), env.newKeys());
            assertNotEquals(h.user("biller").publicKey(), env.keySource().user("Billing", "biller").publicKey());
            assertTrue(env.warnings().get(0).message().endsWith(", so creds for the old key do not connect"),
                    env.warnings().toString());
        }

        @Test
        void aUserSeedOnlyInItsCredsFileIsFound() throws IOException {
            Hierarchy h = NscFixtures.generate(signingSpec(), tmp.resolve("env"));
            StoreLayout layout = NscFixtures.layout(tmp.resolve("env"));
            Files.delete(layout.seed(h.user("biller").publicKey()));

            NscEnvironment env = NscEnvironment.read(layout.stores(), layout.keys());

            assertEquals(List.of(), env.newKeys());
            assertEquals(h.user("biller").keyPair(), env.keySource().user("Billing", "biller"));
        }
    }

    @Nested
    class Locations {
        @Test
        void aDirectoryWithoutOperatorStoreSaysWhatIsExpected() throws IOException {
            Files.createDirectories(tmp.resolve("empty"));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> NscEnvironment.read(tmp.resolve("empty"), tmp));
            assertEquals("[" + tmp.resolve("empty") + "] holds no nsc operator store: expected " + tmp.resolve("empty")
                    + "/<operator>/<operator>.jwt, or the operator directory itself", e.getMessage());
        }

        @Test
        void generatesOutputDirectoryIsFoundThroughItsStoresDirectory() {
            NscFixtures.generate(NscFixtures.seedSpec(), tmp.resolve("env"));
            NscEnvironment env = NscEnvironment.reader(tmp.resolve("env")).read();
            assertEquals(tmp.resolve("env/stores/Test"), env.operatorDir());
            assertEquals(tmp.resolve("env/keys"), env.keysDir());
        }

        @Test
        void aStoreWithSeveralOperatorsNeedsOneChosen() {
            NscFixtures.generate(NscFixtures.seedSpec(), tmp.resolve("a"));
            Hierarchy other = NscFixtures.generate(SandboxSpec.operator("Prod").account("P").build(), tmp.resolve("b"));
            Path stores = NscFixtures.layout(tmp.resolve("a")).stores();
            copy(NscFixtures.layout(tmp.resolve("b")).operatorDir("Prod"), stores.resolve("Prod"));

            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> NscEnvironment.read(stores, tmp.resolve("b/keys")));
            assertEquals("nsc store [" + stores + "] holds 2 operators [Prod, Test]; choose one (CLI: --nsc-operator "
                    + "NAME)", e.getMessage());
            InvalidInputException unknown = assertThrows(InvalidInputException.class,
                    () -> NscEnvironment.reader(stores).operator("Dev").read());
            assertEquals("no operator [Dev] in nsc store [" + stores + "]; operators are: [Prod, Test]",
                    unknown.getMessage());

            NscEnvironment prod = NscEnvironment.reader(stores).operator("Prod").keys(tmp.resolve("b/keys")).read();
            assertEquals(other.operator().publicKey(), prod.operatorPublicKey());
        }

        @Test
        void aMissingKeystoreIsNamed() {
            NscFixtures.generate(NscFixtures.seedSpec(), tmp.resolve("env"));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> NscEnvironment.read(tmp.resolve("env/stores"), tmp.resolve("nope")));
            assertEquals("nsc keystore [" + tmp.resolve("nope") + "] does not exist or is not a directory; give the "
                    + "directory NKEYS_PATH names ('nsc env' shows it as 'Keys Dir')", e.getMessage());
        }

        private void copy(Path from, Path to) {
            try (var walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
