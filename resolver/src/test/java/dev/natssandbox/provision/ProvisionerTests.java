package dev.natssandbox.provision;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.ChainVerifier;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.natssandbox.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvisionerTests {
    private static final long IAT = 1_700_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(IAT);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final UserPermissionLimits SERVICE_TEMPLATE = UserPermissionLimits.builder()
            .allowSub("svc.>").allowPub("_INBOX.>").build();

    private static Hierarchy provision(SandboxSpec spec) {
        return Provisioner.provision(spec, KeySource.generating(), CLOCK);
    }

    /** Every feature at once: signing keys, a scoped key, a revoked user, a private export, expiry. */
    private static SandboxSpec everything() {
        return SandboxSpec.operator("Op").operatorSigningKeys(2)
                .account("Provider", p -> p
                        .export(Export.builder("svc.>", ExportType.SERVICE).name("svc").tokenRequired(true).build())
                        .exportStream("events.>")
                        .signingKey(SigningKeySpec.plain("ops"))
                        .signingKey(SigningKeySpec.scoped("service", SERVICE_TEMPLATE))
                        .user("plain")
                        .user("signed", u -> u.signingKey("ops").allowPub("x"))
                        .user("scoped", u -> u.signingKey("service"))
                        .user("gone", u -> u.revoked(true))
                        .user("brief", u -> u.expires(Duration.ofHours(1)).notBefore(NOW.minusSeconds(5))))
                .account("Consumer", c -> c
                        .importService("Provider", "svc.a")
                        .importStream("Provider", "events.>")
                        .expires(Duration.ofDays(1))
                        .user("client"))
                .build();
    }

    @Test
    void everyJwtIsIssuedAtTheClocksTime() {
        Hierarchy h = provision(everything());

        assertEquals(NOW, h.issuedAt());
        assertEquals(IAT, Jwts.decode(h.operator().jwt()).issuedAt());
        for (AccountIdentity a : h.accounts()) {
            assertEquals(IAT, Jwts.decode(a.jwt()).issuedAt(), a.name());
            for (UserIdentity u : a.users()) {
                assertEquals(IAT, Jwts.decode(u.jwt()).issuedAt(), u.qualifiedName());
            }
        }
    }

    @Test
    void theOperatorIsSelfSignedAndNamesItsSigningKeysAndSystemAccount() {
        Hierarchy h = provision(everything());
        Jwt op = Jwts.decode(h.operator().jwt());

        assertTrue(op.isSelfSigned());
        assertEquals(h.operator().publicKey(), op.subject());
        assertEquals("Op", op.name());
        assertEquals(h.operator().signingKeys().stream().map(NatsKeyPair::publicKey).toList(),
                op.operator().signingKeys());
        assertEquals(2, op.operator().signingKeys().size());
        assertEquals(h.systemAccount().publicKey(), op.operator().systemAccount());
        assertEquals(op.operator(), h.operator().claims());
    }

    @Test
    void accountsAreSignedByTheFirstOperatorSigningKeyWhenThereIsOne() {
        Hierarchy h = provision(everything());
        String first = h.operator().signingKeys().get(0).publicKey();

        assertEquals(first, h.operator().accountSigner().publicKey());
        for (AccountIdentity a : h.accounts()) {
            assertEquals(first, a.issuer());
            assertEquals(first, Jwts.decode(a.jwt()).issuer());
        }
    }

    @Test
    void accountsAreSignedByTheOperatorWithoutSigningKeys() {
        Hierarchy h = provision(SandboxSpec.operator("Op").account("A").build());
        assertEquals(h.operator().publicKey(), h.account("A").issuer());
        assertEquals(h.operator().publicKey(), Jwts.decode(h.account("A").jwt()).issuer());
        assertEquals(h.operator().keyPair(), h.operator().accountSigner());
    }

    @Test
    void aUserOfANamedSigningKeyIsSignedByItAndNamesItsAccount() {
        AccountIdentity provider = provision(everything()).account("Provider");
        UserIdentity signed = provider.findUser("signed").orElseThrow();
        Jwt jwt = Jwts.decode(signed.jwt());

        assertEquals(provider.signingKeys().get("ops").publicKey(), jwt.issuer());
        assertEquals(jwt.issuer(), signed.issuer());
        assertEquals(provider.publicKey(), jwt.user().issuerAccount());
        assertEquals(List.of("x"), jwt.user().limits().pub().allow());

        UserIdentity plain = provider.findUser("plain").orElseThrow();
        assertEquals(provider.publicKey(), Jwts.decode(plain.jwt()).issuer());
        assertEquals("", Jwts.decode(plain.jwt()).user().issuerAccount());
        assertEquals(UserPermissionLimits.DEFAULT, Jwts.decode(plain.jwt()).user().limits());
    }

    @Test
    void aUserOfAScopedKeyCarriesEmptyLimitsAndTheAccountListsTheScope() {
        AccountIdentity provider = provision(everything()).account("Provider");
        Jwt user = Jwts.decode(provider.findUser("scoped").orElseThrow().jwt());
        String scopedKey = provider.signingKeys().get("service").publicKey();

        assertEquals(scopedKey, user.issuer());
        assertEquals(UserPermissionLimits.EMPTY, user.user().limits());
        assertTrue(user.user().limits().isEmpty());
        assertEquals(provider.publicKey(), user.user().issuerAccount());

        SigningKey listed = Jwts.decode(provider.jwt()).account().signingKey(scopedKey).orElseThrow();
        assertEquals("service", listed.scope().role());
        assertEquals(SERVICE_TEMPLATE, listed.scope().template());
        SigningKey plain = provider.claims().signingKey(provider.signingKeys().get("ops").publicKey()).orElseThrow();
        assertFalse(plain.isScoped());
    }

    @Test
    void aRevokedUserIsRevokedAsOfTheIssueTime() {
        AccountIdentity provider = provision(everything()).account("Provider");
        UserIdentity gone = provider.findUser("gone").orElseThrow();
        AccountClaims claims = Jwts.decode(provider.jwt()).account();

        assertEquals(Map.of(gone.publicKey(), IAT), claims.revocations());
        assertTrue(claims.isRevoked(gone.publicKey(), IAT));
        assertFalse(claims.isRevoked(provider.findUser("plain").orElseThrow().publicKey(), IAT));
    }

    @Test
    void aPrivateExportsImportCarriesAnActivationSignedByTheExporter() {
        Hierarchy h = provision(everything());
        AccountIdentity provider = h.account("Provider");
        AccountIdentity consumer = h.account("Consumer");
        List<Import> imports = Jwts.decode(consumer.jwt()).account().imports();

        Import service = imports.stream().filter(i -> i.type() == ExportType.SERVICE).findFirst().orElseThrow();
        assertEquals(provider.publicKey(), service.account());
        assertEquals("svc.a", service.subject());
        Jwt activation = Jwts.decode(service.token());
        assertEquals("activation", activation.type());
        assertEquals(provider.publicKey(), activation.issuer());
        assertEquals(consumer.publicKey(), activation.subject());
        assertEquals(IAT, activation.issuedAt());
        ActivationClaims claims = (ActivationClaims) activation.claims();
        assertEquals("svc.a", claims.subject());
        assertEquals(ExportType.SERVICE, claims.kind());

        Import stream = imports.stream().filter(i -> i.type() == ExportType.STREAM).findFirst().orElseThrow();
        assertEquals("", stream.token(), "a public export needs no token");
        assertEquals(provider.publicKey(), stream.account());
    }

    @Test
    void expiryAndNotBeforeAreSetFromTheSpec() {
        Hierarchy h = provision(everything());
        Jwt brief = Jwts.decode(h.account("Provider").findUser("brief").orElseThrow().jwt());
        assertEquals(IAT + 3600, brief.expires());
        assertEquals(IAT - 5, brief.notBefore());
        assertEquals(IAT + 86_400, Jwts.decode(h.account("Consumer").jwt()).expires());
        assertEquals(0, Jwts.decode(h.account("Provider").jwt()).expires());
    }

    @Test
    void withJetStreamEveryAccountButTheSystemAccountGetsUnlimitedJetStream() {
        JetStreamLimits own = JetStreamLimits.builder().memoryStorage(1024).streams(1).consumers(1)
                .maxAckPending(-1).build();
        Hierarchy h = provision(SandboxSpec.operator("Op").jetStream(true)
                .account("A")
                .account("B", b -> b.jetStream(own))
                .account("C", c -> c.limits(l -> l.tier("R1", JetStreamLimits.UNLIMITED)))
                .build());

        assertEquals(JetStreamLimits.UNLIMITED, Jwts.decode(h.account("A").jwt()).account().limits().jetStream());
        assertEquals(own, Jwts.decode(h.account("B").jwt()).account().limits().jetStream());
        assertEquals(Map.of("R1", JetStreamLimits.UNLIMITED),
                Jwts.decode(h.account("C").jwt()).account().limits().tieredLimits());
        assertFalse(Jwts.decode(h.systemAccount().jwt()).account().limits().jetStream().isEnabled());

        Hierarchy without = provision(SandboxSpec.operator("Op").account("A").build());
        assertFalse(Jwts.decode(without.account("A").jwt()).account().limits().jetStream().isEnabled());
    }

    @Test
    void noChainCheckFindsAProblemBeyondTheRevokedUser() {
        Hierarchy h = provision(everything());
        Jwt op = Jwts.decode(h.operator().jwt());
        List<String> problems = new ArrayList<>(ChainVerifier.checkOperator(op, NOW));
        for (AccountIdentity a : h.accounts()) {
            Jwt account = Jwts.decode(a.jwt());
            problems.addAll(ChainVerifier.checkAccount(op, account, NOW));
            for (UserIdentity u : a.users()) {
                problems.addAll(ChainVerifier.checkUser(account, Jwts.decode(u.jwt()), NOW));
            }
        }
        assertEquals(List.of("user [gone] is revoked by account [Provider]"), problems);
    }

    @Test
    void strictSigningKeyUsageChainsAreValid() {
        Hierarchy h = provision(SandboxSpec.operator(dev.natssandbox.model.OperatorSpec.builder("Op").signingKeys(1)
                .strictSigningKeyUsage(true).build()).account("A", a -> a.user("u")).build());
        Jwt op = Jwts.decode(h.operator().jwt());
        assertTrue(op.operator().strictSigningKeyUsage());
        assertEquals(List.of(), ChainVerifier.checkAccount(op, Jwts.decode(h.account("A").jwt()), NOW));
    }

    @Test
    void reusingKeepsTheKeysOfEveryNameAndMakesNewOnesForNewNames() {
        Hierarchy first = provision(everything());
        SandboxSpec changed = everything().toBuilder()
                .account("Provider", p -> p.user("newcomer").signingKey(SigningKeySpec.plain("extra")))
                .account("Other", o -> o.user("client"))
                .build();

        Hierarchy second = Provisioner.provision(changed, KeySource.reusing(first),
                Clock.offset(CLOCK, Duration.ofMinutes(1)));

        assertEquals(first.operator().keyPair(), second.operator().keyPair());
        assertEquals(first.operator().signingKeys(), second.operator().signingKeys());
        for (AccountIdentity before : first.accounts()) {
            AccountIdentity after = second.account(before.name());
            assertEquals(before.keyPair(), after.keyPair(), before.name());
            before.signingKeys().forEach((name, key) -> assertEquals(key, after.signingKeys().get(name), name));
            for (UserIdentity u : before.users()) {
                assertEquals(u.keyPair(), after.findUser(u.name()).orElseThrow().keyPair(), u.qualifiedName());
            }
            assertNotEquals(before.jwt(), after.jwt(), "reissued at the new time");
        }
        AccountIdentity provider = second.account("Provider");
        assertEquals(KeyKind.ACCOUNT, provider.signingKeys().get("extra").kind());
        assertFalse(first.account("Provider").signingKeys().containsValue(provider.signingKeys().get("extra")));
        NatsKeyPair newcomer = provider.findUser("newcomer").orElseThrow().keyPair();
        assertTrue(first.users().stream().noneMatch(u -> u.keyPair().equals(newcomer)));
        NatsKeyPair otherClient = second.user("Other/client").keyPair();
        assertNotEquals(first.user("Consumer/client").keyPair(), otherClient, "same user name, other account");
    }

    @Test
    void aFreshProvisioningMakesFreshKeys() {
        Hierarchy a = provision(everything());
        Hierarchy b = provision(everything());
        assertNotEquals(a.operator().publicKey(), b.operator().publicKey());
        assertNotEquals(a.account("Provider").publicKey(), b.account("Provider").publicKey());
    }

    @Test
    void identitiesNeverPrintTheirSeeds() {
        Hierarchy h = provision(everything());
        List<String> texts = new ArrayList<>(List.of(h.toString(), h.operator().toString()));
        List<NatsKeyPair> keys = new ArrayList<>(h.operator().signingKeys());
        keys.add(h.operator().keyPair());
        for (AccountIdentity a : h.accounts()) {
            texts.add(a.toString());
            keys.add(a.keyPair());
            keys.addAll(a.signingKeys().values());
            for (UserIdentity u : a.users()) {
                texts.add(u.toString());
                texts.add(u.creds().toString());
                keys.add(u.keyPair());
            }
        }
        for (NatsKeyPair k : keys) {
            String seed = new String(k.seed());
            texts.forEach(t -> assertNoSecret(seed, t));
        }
        assertEquals("User[Provider/plain " + h.user("plain").publicKey() + "]", h.user("plain").toString());
    }

    @Test
    void usersGetCredsThatParseBack() {
        UserIdentity u = provision(everything()).user("client");
        dev.natssandbox.creds.Creds parsed = dev.natssandbox.creds.Creds.parse(new String(u.creds().format()), null);
        assertEquals(u.jwt(), parsed.jwt());
        assertEquals(u.keyPair(), parsed.keyPair());
        assertEquals(u.accountPublicKey(), Jwts.decode(u.jwt()).issuer());
    }

    @Test
    void strictOperatorsGetUsersSignedByAnAccountSigningKey() {
        SandboxSpec spec = SandboxSpec.operator(dev.natssandbox.model.OperatorSpec.builder("Strict").signingKeys(1)
                .strictSigningKeyUsage(true).build())
                .account("Plain", a -> a.user("u"))
                .account("Keyed", a -> a.signingKey(SigningKeySpec.plain("ops")).user("v"))
                .build();
        Hierarchy h = provision(spec);
        AccountIdentity plain = h.account("Plain");
        assertEquals(List.of(Provisioner.STRICT_DEFAULT_SIGNING_KEY), List.copyOf(plain.signingKeys().keySet()));
        UserIdentity u = plain.findUser("u").orElseThrow();
        assertEquals(plain.signingKeys().get(Provisioner.STRICT_DEFAULT_SIGNING_KEY).publicKey(), u.issuer());
        assertEquals(plain.publicKey(), u.claims().issuerAccount());
        UserIdentity v = h.account("Keyed").findUser("v").orElseThrow();
        assertEquals(h.account("Keyed").signingKeys().get("ops").publicKey(), v.issuer());
        assertEquals(h.operator().signingKeys().get(0).publicKey(), plain.issuer());
        for (AccountIdentity a : h.accounts()) {
            Jwt aj = Jwts.decode(a.jwt());
            assertEquals(List.of(), ChainVerifier.checkAccount(Jwts.decode(h.operator().jwt()), aj, NOW));
            for (UserIdentity user : a.users()) {
                assertEquals(List.of(), ChainVerifier.checkUser(aj, Jwts.decode(user.jwt()), NOW));
                assertNotEquals(a.publicKey(), user.issuer(), "a strict operator's users are signed by signing keys");
            }
        }
    }
}
