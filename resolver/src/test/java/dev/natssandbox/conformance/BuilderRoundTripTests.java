package dev.natssandbox.conformance;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.NatsClaims;
import dev.natssandbox.jwt.OperatorClaims;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.model.UserSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Every value built through a builder comes back equal from {@code toBuilder().build()}, and claims rebuilt that way
 * render the same {@code nats} section and sign to the same token bytes: the builders lose no component.
 */
class BuilderRoundTripTests {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void everySpecValueRebuildsEqualFromItsBuilder() {
        SandboxSpec spec = RichClaims.spec(NatsKeyPair.generate(KeyKind.ACCOUNT).publicKey(), NOW);
        assertRebuilt(spec, spec.toBuilder().build());
        assertRebuilt(spec.operator(), spec.operator().toBuilder().build());
        for (AccountSpec a : spec.accounts()) {
            assertRebuilt(a, a.toBuilder().build());
            assertRebuilt(a.limits(), a.limits().toBuilder().build());
            assertRebuilt(a.limits().jetStream(), a.limits().jetStream().toBuilder().build());
            assertRebuilt(a.authorization(), a.authorization().toBuilder().build());
            a.exports().forEach(e -> assertRebuilt(e, e.toBuilder().build()));
            for (ImportSpec i : a.imports()) {
                assertRebuilt(i, i.toBuilder().build());
            }
            for (SigningKeySpec k : a.signingKeys()) {
                assertRebuilt(k, k.toBuilder().build());
            }
            for (UserSpec u : a.users()) {
                assertRebuilt(u, u.toBuilder().build());
                assertRebuilt(u.limits(), u.limits().toBuilder().build());
            }
        }
    }

    @Test
    void everyClaimRebuiltFromItsBuilderEncodesToTheSameToken() {
        RichClaims.Direct direct = RichClaims.direct(NOW.getEpochSecond());
        List<String> tokens = new ArrayList<>(direct.accounts());
        tokens.addAll(direct.users());
        tokens.add(direct.operator());
        tokens.add(direct.activation());
        NatsKeyPair operator = NatsKeyPair.generate(KeyKind.OPERATOR);
        NatsKeyPair account = NatsKeyPair.generate(KeyKind.ACCOUNT);
        for (String token : tokens) {
            Jwt jwt = Jwts.decode(token);
            assertRebuilt(jwt, jwt.toBuilder().build());
            NatsClaims claims = jwt.claims();
            NatsClaims rebuilt = rebuild(claims);
            assertRebuilt(claims, rebuilt);
            assertEquals(Jwts.natsJson(claims), Jwts.natsJson(rebuilt), jwt.name());
            Jwts.Standard standard = Jwts.Standard.builder(jwt.subject()).name(jwt.name()).audience(jwt.audience())
                    .issuedAt(jwt.issuedAt()).expires(jwt.expires()).notBefore(jwt.notBefore()).build();
            assertRebuilt(standard, standard.toBuilder().build());
            // Signed again with a key of the kind the claim type needs: ed25519 is deterministic, so equal claims
            // give equal bytes.
            NatsKeyPair signer = claims instanceof OperatorClaims || claims instanceof AccountClaims ? operator
                    : account;
            Jwts.Standard signed = claims instanceof OperatorClaims
                    ? standard.toBuilder().subject(operator.publicKey()).build() : standard;
            assertEquals(Jwts.encode(signed, claims, signer), Jwts.encode(signed, rebuilt, signer), jwt.name());
        }
    }

    @Test
    void aValueThatDiffersInOneComponentIsNotEqual() {
        Export e = Export.builder("svc.a", dev.natssandbox.jwt.ExportType.SERVICE).name("a").build();
        assertNotEquals(e, e.toBuilder().allowTrace(true).build());
        AccountSpec a = AccountSpec.builder("A").user("u").build();
        assertNotEquals(a, a.toBuilder().clusterTraffic("owner").build());
        UserClaims u = UserClaims.builder().tags(List.of("x")).build();
        assertNotEquals(u, u.toBuilder().tags(List.of("y")).build());
    }

    private static NatsClaims rebuild(NatsClaims claims) {
        if (claims instanceof AccountClaims a) {
            a.exports().forEach(e -> assertRebuilt(e, e.toBuilder().build()));
            for (Import i : a.imports()) {
                assertRebuilt(i, i.toBuilder().build());
            }
            return a.toBuilder().build();
        }
        if (claims instanceof UserClaims u) {
            return u.toBuilder().build();
        }
        if (claims instanceof OperatorClaims o) {
            return o.toBuilder().build();
        }
        if (claims instanceof ActivationClaims c) {
            return c.toBuilder().build();
        }
        throw new AssertionError("unexpected claims " + claims.getClass().getName());
    }

    private static void assertRebuilt(Object original, Object rebuilt) {
        assertEquals(original, rebuilt);
        assertEquals(original.hashCode(), rebuilt.hashCode());
        assertEquals(original.toString(), rebuilt.toString());
    }
}
