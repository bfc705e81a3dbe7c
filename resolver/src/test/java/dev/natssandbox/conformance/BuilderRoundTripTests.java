package dev.natssandbox.conformance;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.AuthorizationRequestClaims;
import dev.natssandbox.jwt.AuthorizationResponseClaims;
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

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    /**
     * A plural setter taking a collection or map replaces what the builder holds, so handing a value's own collection
     * back (twice) rebuilds the value unchanged; singular adders are the way to add.
     */
    @Test
    void everyPluralSetterGivenTheValuesOwnCollectionRebuildsItEqual() throws ReflectiveOperationException {
        List<Object> values = new ArrayList<>();
        SandboxSpec spec = RichClaims.spec(NatsKeyPair.generate(KeyKind.ACCOUNT).publicKey(), NOW);
        values.add(spec);
        values.add(spec.operator());
        for (AccountSpec a : spec.accounts()) {
            values.add(a);
            values.add(a.authorization());
            values.addAll(a.exports());
            a.users().forEach(u -> {
                values.add(u);
                values.add(u.limits());
            });
        }
        RichClaims.Direct direct = RichClaims.direct(NOW.getEpochSecond());
        List<String> tokens = new ArrayList<>(direct.accounts());
        tokens.addAll(direct.users());
        tokens.add(direct.operator());
        tokens.add(direct.activation());
        for (String token : tokens) {
            NatsClaims claims = Jwts.decode(token).claims();
            values.add(claims);
            if (claims instanceof AccountClaims a) {
                values.add(a.limits());
                values.addAll(a.exports());
            }
            if (claims instanceof UserClaims u) {
                values.add(u.limits());
            }
        }
        values.add(dev.natssandbox.jwt.AccountLimits.builder().tieredLimits(Map.of(
                "R1", dev.natssandbox.jwt.JetStreamLimits.builder().memoryStorage(1).build(),
                "R3", dev.natssandbox.jwt.JetStreamLimits.builder().diskStorage(2).build())).build());
        AuthorizationRequestClaims.ServerId server = AuthorizationRequestClaims.ServerId.builder().name("s")
                .tags(List.of("a", "b")).build();
        AuthorizationRequestClaims.ClientInformation client = AuthorizationRequestClaims.ClientInformation.builder()
                .user("u").tags(List.of("c")).build();
        AuthorizationRequestClaims.ClientTls tls = AuthorizationRequestClaims.ClientTls.builder().version("1.3")
                .certs(List.of("cert")).verifiedChains(List.of(List.of("chain"))).build();
        values.add(server);
        values.add(client);
        values.add(tls);
        values.add(AuthorizationRequestClaims.builder().server(server).clientInfo(client).tls(tls)
                .userNkey(NatsKeyPair.generate(KeyKind.USER).publicKey()).tags(List.of("r")).build());
        values.add(dev.natssandbox.model.AuthorizationSpec.builder().authUsers(List.of("service", "admin"))
                .allowedAccounts(List.of("APP")).user(dev.natssandbox.model.CalloutUserSpec.builder("alice", "APP").token("t")
                        .build()).build());
        values.add(AuthorizationResponseClaims.builder().error("no").tags(List.of("t")).build());

        Set<String> exercised = new TreeSet<>();
        for (Object value : values) {
            exercised.addAll(replaceEachPluralSetter(value));
        }
        assertEquals(new TreeSet<>(List.of("AccountClaims.exports", "AccountClaims.imports",
                "AccountClaims.mappings", "AccountClaims.revocations", "AccountClaims.signingKeys",
                "AccountClaims.tags", "AccountLimits.tieredLimits", "AccountSpec.exports", "AccountSpec.imports",
                "AccountSpec.mappings", "AccountSpec.revocations", "AccountSpec.signingKeys", "AccountSpec.tags",
                "AccountSpec.users", "ActivationClaims.tags", "AuthorizationRequestClaims.tags",
                "AuthorizationResponseClaims.tags", "AuthorizationSpec.allowedAccounts",
                "AuthorizationSpec.authUsers", "AuthorizationSpec.users", "ClientInformation.tags",
                "ClientTls.certs", "ClientTls.verifiedChains", "Export.revocations", "OperatorClaims.operatorServiceUrls",
                "OperatorClaims.signingKeys", "OperatorClaims.tags", "OperatorSpec.serviceUrls", "OperatorSpec.tags",
                "SandboxSpec.accounts", "ServerId.tags", "UserClaims.tags", "UserPermissionLimits.allowedConnectionTypes",
                "UserPermissionLimits.src", "UserPermissionLimits.times", "UserSpec.tags")), exercised);
    }

    /**
     * Calls each setter of {@code value}'s builder that takes a list or map with the value's own (non-empty)
     * collection, twice, and checks the rebuilt value equals the original.
     *
     * @return {@code Type.setter} for each setter exercised with a non-empty collection
     */
    private static Set<String> replaceEachPluralSetter(Object value) throws ReflectiveOperationException {
        Set<String> exercised = new TreeSet<>();
        Method toBuilder = value.getClass().getMethod("toBuilder");
        for (Method setter : toBuilder.getReturnType().getMethods()) {
            if (setter.getParameterCount() != 1 || !(setter.getParameterTypes()[0] == List.class
                    || setter.getParameterTypes()[0] == Map.class)) {
                continue;
            }
            String name = value.getClass().getSimpleName() + "." + setter.getName();
            Object own = value.getClass().getMethod(setter.getName()).invoke(value);
            boolean empty = own instanceof Map<?, ?> m ? m.isEmpty() : ((Collection<?>) own).isEmpty();
            Object builder = toBuilder.invoke(value);
            setter.invoke(builder, own);
            setter.invoke(builder, own);
            assertEquals(value, builder.getClass().getMethod("build").invoke(builder), name);
            if (!empty) {
                exercised.add(name);
            }
        }
        return exercised;
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
