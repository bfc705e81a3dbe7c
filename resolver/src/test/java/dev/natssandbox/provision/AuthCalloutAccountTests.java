package dev.natssandbox.provision;

import dev.natssandbox.jwt.ExternalAuthorization;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.AuthorizationSpec;
import dev.natssandbox.model.InvalidSpecException;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.spec.SpecFileException;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.spec.SpecFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The account {@code authorization} claim (auth callout) from builder and spec file to the signed account JWT. */
class AuthCalloutAccountTests {
    private static final String YAML = """
            operator:
              name: Test
            accounts:
              AUTH:
                authorization:
                  auth_users: [service]
                  allowed_accounts: [APP, OTHER]
                  xkey: generate
                users:
                  service: {}
              APP: {}
              OTHER: {}
            """;

    private static SandboxSpec built() {
        return SandboxSpec.operator("Test")
                .account("AUTH", a -> a.user("service")
                        .authCallout(c -> c.authUser("service").allowAccount("APP").allowAccount("OTHER")
                                .generateXkey()))
                .account("APP", a -> { })
                .account("OTHER", a -> { })
                .build();
    }

    @Test
    void theSpecFileAndTheBuilderMakeTheSameModel() {
        assertEquals(built(), SpecFiles.parse(YAML, SpecFormat.YAML, "callout.yaml"));
    }

    @Test
    void theSectionSurvivesWriteThenRead() {
        SandboxSpec spec = built();
        assertEquals(spec, SpecFiles.parse(SpecFiles.write(spec), SpecFormat.YAML, "written.yaml"));
        assertEquals(spec, SpecFiles.parse(SpecFiles.write(spec, SpecFormat.JSON), SpecFormat.JSON, "w.json"));
    }

    @Test
    void provisioningPutsKeysInTheClaimInTheOrderGiven() {
        Hierarchy h = Provisioner.provision(built());
        AccountIdentity auth = h.account("AUTH");
        CurveKeyPair xkey = auth.xkey().orElseThrow();

        ExternalAuthorization expected = new ExternalAuthorization(List.of(h.user("AUTH/service").publicKey()),
                List.of(h.account("APP").publicKey(), h.account("OTHER").publicKey()), xkey.publicKey());
        assertEquals(expected, auth.claims().authorization());
        Jwt decoded = Jwts.decode(auth.jwt());
        assertEquals(expected, decoded.account().authorization());
        assertTrue(decoded.payloadJson().contains("\"authorization\":{\"auth_users\":[\""
                + h.user("AUTH/service").publicKey() + "\"],\"allowed_accounts\":[\""), decoded.payloadJson());
        assertTrue(h.account("APP").xkey().isEmpty());
    }

    @Test
    void reprovisioningKeepsTheXkey() {
        Hierarchy first = Provisioner.provision(built());
        Hierarchy again = Provisioner.reprovision(built(), first, Clock.systemUTC());

        assertEquals(first.account("AUTH").xkey(), again.account("AUTH").xkey());
    }

    @Test
    void aServiceXkeyIsWrittenAsGivenAndNoPairIsMade() {
        String own = CurveKeyPair.generate().publicKey();
        Hierarchy h = Provisioner.provision(SandboxSpec.operator("Test")
                .account("AUTH", a -> a.user("service").authCallout(c -> c.authUser("service").xkey(own)))
                .build());

        assertEquals(own, h.account("AUTH").claims().authorization().xkey());
        assertTrue(h.account("AUTH").xkey().isEmpty());
    }

    @Nested
    class Failures {
        @Test
        void anAuthUserThatIsNotAUserOfTheAccountIsNamedWithTheUsers() {
            InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> AccountSpec.builder("AUTH")
                    .user("service").authCallout(c -> c.authUser("servce")).build());
            assertEquals("accounts.AUTH.authorization.auth_users: no user [servce] in the account and not a user "
                    + "public key; users are: [service]", e.getMessage());
        }

        @Test
        void anUnknownAllowedAccountIsNamedWithTheAccounts() {
            SpecFileException e = assertThrows(SpecFileException.class, () -> SpecFiles.parse(
                    YAML.replace("[APP, OTHER]", "[APP, OTHR]"), SpecFormat.YAML, "callout.yaml"));
            assertTrue(e.getMessage().contains("no account [OTHR]"), e.getMessage());
            assertTrue(e.getMessage().contains("accounts.AUTH.authorization.allowed_accounts"), e.getMessage());
        }

        @Test
        void allowedAccountsWithoutAuthUsersAreRefusedAsTheReferenceDoes() {
            InvalidSpecException e = assertThrows(InvalidSpecException.class,
                    () -> AuthorizationSpec.builder().allowedAccounts(List.of("APP")).build());
            assertTrue(e.getMessage().contains("without auth_users"), e.getMessage());
        }

        @Test
        void anyAccountMixedWithAccountsIsRefused() {
            InvalidSpecException e = assertThrows(InvalidSpecException.class,
                    () -> AuthorizationSpec.builder().authUsers(List.of("service"))
                            .allowedAccounts(List.of("*", "APP")).build());
            assertTrue(e.getMessage().contains("mixes [*]"), e.getMessage());
        }

        @Test
        void anXkeyThatIsNotACurveKeyIsRefusedInTheFile() {
            SpecFileException e = assertThrows(SpecFileException.class, () -> SpecFiles.parse(
                    YAML.replace("xkey: generate", "xkey: XNOTAKEY"), SpecFormat.YAML, "callout.yaml"));
            assertTrue(e.getMessage().contains("[XNOTAKEY]"), e.getMessage());
            assertTrue(e.getMessage().contains("accounts.AUTH.authorization.xkey"), e.getMessage());
        }
    }
}
