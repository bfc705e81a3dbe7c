package dev.natssandbox.callout;

import dev.natssandbox.jwt.AuthorizationRequestClaims;
import dev.natssandbox.model.InvalidSpecException;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.spec.SpecFileException;
import dev.natssandbox.spec.SpecFiles;
import dev.natssandbox.spec.SpecFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The declarative callout: a spec's {@code callout_users} table and the built-in handler deciding from it. */
class CalloutTableTests {
    static final String YAML = """
            operator:
              name: Test
            accounts:
              AUTH:
                users:
                  service: {}
                  sentinel:
                    pub: {deny: [">"]}
                    sub: {deny: [">"]}
                authorization:
                  auth_users: [service]
                  allowed_accounts: [APP, OTHER]
                  xkey: generate
                  callout_users:
                    alice:
                      password: wonderland
                      account: APP
                      expires: 1h
                      pub: {allow: [orders.>]}
                      sub: {allow: [_INBOX.>]}
                    ci:
                      token: t0ken-ci
                      account: OTHER
              APP:
                users:
                  watcher: {}
              OTHER:
                users:
                  watcher: {}
            """;

    private static SandboxSpec spec() {
        return SpecFiles.parse(YAML, SpecFormat.YAML, "callout.yaml");
    }

    private static CalloutRequest request(String user, String password, String token) {
        return new CalloutRequest(null, AuthorizationRequestClaims.builder().userNkey("U")
                .connectOptions(AuthorizationRequestClaims.ConnectOptions.builder().token(token).username(user)
                .password(password)
                        .protocol(1).build()).build(), false);
    }

    private static CalloutTable table() {
        return CalloutTable.of(spec().account("AUTH").authorization());
    }

    @Test
    void aMatchingPasswordGetsTheRowsAccountPermissionsAndExpiry() {
        CalloutDecision.Allow allow = (CalloutDecision.Allow) table().decide(request("alice", "wonderland", ""));

        assertEquals("APP", allow.account());
        assertEquals(List.of("orders.>"), allow.limits().permissions().pub().allow());
        assertEquals(Duration.ofHours(1), allow.expires());
    }

    @Test
    void aMatchingTokenGetsItsRow() {
        assertEquals("OTHER", ((CalloutDecision.Allow) table().decide(request("", "", "t0ken-ci"))).account());
    }

    @Test
    void mismatchesAreRefusedWithAReasonThatNeverShowsTheSecret() {
        CalloutDecision.Refuse wrong = (CalloutDecision.Refuse) table().decide(request("alice", "guess", ""));
        CalloutDecision.Refuse unknown = (CalloutDecision.Refuse) table().decide(request("bob", "x", ""));
        CalloutDecision.Refuse token = (CalloutDecision.Refuse) table().decide(request("", "", "t0ken-xx"));

        assertEquals("wrong password for user [alice]", wrong.reason());
        assertEquals("unknown user [bob]", unknown.reason());
        assertEquals("unknown token", token.reason());
    }

    @Test
    void theTableSurvivesWriteThenReadAndNeverPrintsSecrets() {
        SandboxSpec spec = spec();
        assertEquals(spec, SpecFiles.parse(SpecFiles.write(spec), SpecFormat.YAML, "written.yaml"));
        String shown = spec.account("AUTH").authorization().users().toString();
        assertFalse(shown.contains("wonderland"), shown);
        assertFalse(shown.contains("t0ken-ci"), shown);
    }

    @Nested
    class Failures {
        @Test
        void aRowInAnAccountTheCalloutMayNotUseIsRefusedNamingIt() {
            SpecFileException e = assertThrows(SpecFileException.class, () -> SpecFiles.parse(
                    YAML.replace("account: OTHER", "account: SYS"), SpecFormat.YAML, "callout.yaml"));
            assertTrue(e.getMessage().contains("[SYS]"), e.getMessage());
            assertTrue(e.getMessage().contains("callout_users.ci"), e.getMessage());
        }

        @Test
        void aRowWithBothPasswordAndTokenIsRefused() {
            SpecFileException e = assertThrows(SpecFileException.class, () -> SpecFiles.parse(
                    YAML.replace("token: t0ken-ci", "token: t0ken-ci\n          password: p"), SpecFormat.YAML,
                    "callout.yaml"));
            assertTrue(e.getMessage().contains("exactly one of password and token; got both"), e.getMessage());
        }

        @Test
        void aDecisionNeedsAnAccountAndARefusalAReason() {
            assertThrows(IllegalArgumentException.class, () -> CalloutDecision.allow(" "));
            assertThrows(IllegalArgumentException.class, () -> CalloutDecision.refuse(""));
            assertThrows(InvalidSpecException.class, () -> dev.natssandbox.model.CalloutUserSpec.builder("x", "APP")
                    .build());
        }
    }
}
