package dev.natssandbox.model;

import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.ResponseType;
import dev.natssandbox.jwt.UserPermissionLimits;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every class of bad input the model refuses, with the path {@link InvalidSpecException#where()} names and the
 * message. Specs are built the way users build them: through the fluent builders.
 */
class SpecValidationTests {
    private static void fails(String where, String message, Executable build) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, build);
        assertEquals(where, e.where());
        assertEquals(where + ": " + message, e.getMessage());
    }

    /** A spec with account A holding user U configured as given. */
    private static void user(Consumer<UserSpec.Builder> configure) {
        SandboxSpec.operator("O").account("A", a -> a.user("U", configure)).build();
    }

    @Nested
    class Subjects {
        @Test
        void emptyToken() {
            fails("accounts.A.users.U.pub.allow[1]", "invalid subject [a..b]: token 2 is empty (two dots in a row, or "
                    + "a leading or trailing dot)", () -> user(u -> u.allowPub("ok", "a..b")));
        }

        @Test
        void space() {
            fails("accounts.A.users.U.pub.deny[0]", "invalid subject [a b]: a subject cannot contain whitespace or "
                    + "control characters (found a space at position 2)", () -> user(u -> u.denyPub("a b")));
        }

        @Test
        void fullWildcardNotLast() {
            fails("accounts.A.users.U.sub.allow[0]", "invalid subject [>.a]: '>' must be the last token",
                    () -> user(u -> u.allowSub(">.a")));
        }

        @Test
        void wildcardInsideAToken() {
            fails("accounts.A.users.U.sub.deny[0]", "invalid subject [a.b*]: token 2 [b*] mixes a wildcard with "
                    + "other characters; '*' and '>' must be whole tokens", () -> user(u -> u.denySub("a.b*")));
        }

        @Test
        void aQueueGroupOnlyInSubscribePermissions() {
            user(u -> u.allowSub("req.a workers"));
            fails("accounts.A.users.U.pub.allow[0]", "invalid subject [req.a workers]: a subject cannot contain "
                    + "whitespace or control characters (found a space at position 6)",
                    () -> user(u -> u.allowPub("req.a workers")));
        }

        @Test
        void inAnExportAMappingOrDefaultPermissions() {
            fails("accounts.A.exports[0].subject", "invalid subject [x..y]: token 2 is empty (two dots in a row, or a "
                    + "leading or trailing dot)", () -> AccountSpec.builder("A").exportStream("x..y").build());
            fails("accounts.A.mappings.m", "invalid subject [n*]: token 1 [n*] mixes a wildcard with other "
                    + "characters; '*' and '>' must be whole tokens", () -> AccountSpec.builder("A")
                    .mapping("m", java.util.List.of(new dev.natssandbox.jwt.WeightedMapping("n*", 0, ""))).build());
        }

        @Test
        void inAnImport() {
            fails("accounts.A.imports[1].subject", "invalid subject [a.>.b]: '>' must be the last token",
                    () -> AccountSpec.builder("A").importStream("B", "x").importService("B", "a.>.b"));
            // Built on its own, an import knows no account or index yet.
            fails("imports.local_subject", "invalid subject [y..z]: token 2 is empty (two dots in a row, or a "
                    + "leading or trailing dot)", () -> ImportSpec.builder("B", "x", ExportType.STREAM)
                            .localSubject("y..z").build());
            fails("accounts.A.imports[0].account", "imported account name [a/b] contains [/]; names become file "
                    + "names, so use letters, digits, spaces, '.', '-' or '_'",
                    () -> AccountSpec.builder("A").importStream("a/b", "x"));
        }
    }

    @Nested
    class Names {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
                "../x    | account name [../x] starts with '.'; names become file names, so use letters, digits, '-' or '_'",
                ".hidden | account name [.hidden] starts with '.'; names become file names, so use letters, digits, '-' or '_'",
                "a/b     | account name [a/b] contains [/]; names become file names, so use letters, digits, spaces, '.', '-' or '_'",
                "a\\b    | account name [a\\b] contains [\\]; names become file names, so use letters, digits, spaces, '.', '-' or '_'",
                "c:d     | account name [c:d] contains [:]; names become file names, so use letters, digits, spaces, '.', '-' or '_'",
        })
        void pathUnsafeAccountNames(String name, String message) {
            fails("accounts", message, () -> SandboxSpec.operator("O").account(name).build());
        }

        @Test
        void emptyOrPaddedOrControlCharacters() {
            fails("accounts", "account name is empty; give it a name such as \"TestAccount\"",
                    () -> SandboxSpec.operator("O").account(" ").build());
            fails("accounts", "account name [ A] has leading or trailing whitespace; remove it",
                    () -> SandboxSpec.operator("O").account(" A").build());
            fails("accounts", "account name [a\u0007b] contains [U+0007]; names become file names, so use letters, "
                    + "digits, spaces, '.', '-' or '_'", () -> SandboxSpec.operator("O").account("a\u0007b").build());
            fails("accounts", "account name [" + "x".repeat(32) + "…] has 129 characters; use at most 128",
                    () -> SandboxSpec.operator("O").account("x".repeat(129)).build());
        }

        @ParameterizedTest
        @ValueSource(strings = {"../x", "a/b", ".hidden", "a\u0000b"})
        void pathUnsafeUserNames(String name) {
            InvalidSpecException configured = assertThrows(InvalidSpecException.class,
                    () -> SandboxSpec.operator("O").account("A", a -> a.user(name, u -> u.allowPub("x"))));
            assertEquals("accounts.A.users", configured.where());
            InvalidSpecException plain = assertThrows(InvalidSpecException.class,
                    () -> SandboxSpec.operator("O").account("A", a -> a.user(name)));
            assertEquals("accounts.A.users", plain.where());
            assertEquals(configured.getMessage(), plain.getMessage());
        }

        @Test
        void operatorSystemAccountAndSigningKeyNames() {
            fails("operator.name", "operator name [a/b] contains [/]; names become file names, so use letters, digits, "
                    + "spaces, '.', '-' or '_'", () -> SandboxSpec.operator("a/b"));
            fails("system_account", "system account name [.sys] starts with '.'; names become file names, so use "
                    + "letters, digits, '-' or '_'", () -> SandboxSpec.operator("O").systemAccount(".sys").build());
            fails("signing_keys", "signing key name [k/1] contains [/]; names become file names, so use letters, "
                    + "digits, spaces, '.', '-' or '_'", () -> SigningKeySpec.plain("k/1"));
            fails("imports.account", "imported account name [../B] starts with '.'; names become file names, so use "
                    + "letters, digits, '-' or '_'", () -> ImportSpec.of("../B", "x", ExportType.STREAM));
        }

        @Test
        void duplicates() {
            AccountSpec a = AccountSpec.builder("A").build();
            fails("accounts", "duplicate account name [A]; account names must be unique",
                    () -> SandboxSpec.builder(OperatorSpec.named("O")).accounts(java.util.List.of(a, a)).build());
            UserSpec u = UserSpec.named("U");
            fails("accounts.A.users", "duplicate user name [U]; names must be unique",
                    () -> AccountSpec.builder("A").users(java.util.List.of(u, u)).build());
            fails("accounts.A.signing_keys", "duplicate signing key name [k]; names must be unique",
                    () -> AccountSpec.builder("A").signingKey(SigningKeySpec.plain("k"))
                            .signingKey(SigningKeySpec.plain("k")).build());
        }
    }

    @Nested
    class Limits {
        @Test
        void belowMinusOne() {
            String message = "limit [-2] is below -1; use -1 for unlimited or a value of 0 or more";
            fails("accounts.A.limits.conn", message,
                    () -> SandboxSpec.operator("O").account("A", a -> a.limits(l -> l.conn(-2))));
            fails("accounts.A.limits.mem_storage", message, () -> SandboxSpec.operator("O").account("A",
                    a -> a.jetStream(JetStreamLimits.builder().memoryStorage(-2).build())));
            fails("accounts.A.limits.tiered_limits.R1.streams", message, () -> SandboxSpec.operator("O").account("A",
                    a -> a.limits(l -> l.tier("R1", JetStreamLimits.builder().memoryStorage(-1).diskStorage(-1)
                            .streams(-2).build()))));
            fails("accounts.A.users.U.subs", message, () -> user(u -> u.maxSubscriptions(-2)));
            fails("accounts.A.users.U.payload", message, () -> user(u -> u.maxPayload(-2)));
            user(u -> u.maxSubscriptions(-1).maxData(0).maxPayload(1024));
        }

        @Test
        void negativeResponseCountOrTtl() {
            fails("accounts.A.users.U.resp.max", "response count [-1] is negative; use 1 or more (0 means the server "
                    + "default of 1)", () -> user(u -> u.allowResponses(-1, Duration.ofSeconds(1))));
            fails("accounts.A.users.U.resp.ttl", "response ttl [PT-1S] is negative; use a duration such as 5s",
                    () -> user(u -> u.allowResponses(1, Duration.ofSeconds(-1))));
        }

        @Test
        void unknownConnectionType() {
            fails("accounts.A.users.U.allowed_connection_types[0]", "connection type [TELNET] is unknown; use one of "
                    + "[IN_PROCESS, LEAFNODE, LEAFNODE_WS, MQTT, MQTT_WS, STANDARD, WEBSOCKET]",
                    () -> user(u -> u.allowedConnectionTypes("TELNET")));
        }
    }

    @Nested
    class NetworksTimesAndDurations {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "10.0.0.1          | it has no /prefix length",
                "10.0.0.256/8      | [10.0.0.256] is not an IPv4 address (four numbers 0-255 separated by dots)",
                "10.0.0/8          | [10.0.0] is not an IPv4 address (four numbers 0-255 separated by dots)",
                "a.b.c.d/8         | [a.b.c.d] is not an IPv4 address (four numbers 0-255 separated by dots)",
                "010.0.0.1/32      | [010.0.0.1] is not an IPv4 address (four numbers 0-255 separated by dots)",
                "10.0.0.0/33       | prefix length [33] must be a number from 0 to 32",
                "10.0.0.0/-1       | prefix length [-1] must be a number from 0 to 32",
                "10.0.0.0/         | prefix length [] must be a number from 0 to 32",
                "::1/129           | prefix length [129] must be a number from 0 to 128",
                "fe80::zz/64       | [fe80::zz] is not an IPv6 address",
                "1::2::3/64        | [1::2::3] is not an IPv6 address",
                ":::1/128          | [:::1] is not an IPv6 address",
                "12345::/64        | [12345::] is not an IPv6 address",
                "1:2:3:4:5:6:7:8:9/64 | [1:2:3:4:5:6:7:8:9] is not an IPv6 address",
                "fe80::1%eth0/64   | [fe80::1%eth0] is not an IPv6 address",
                "::ffff:010.0.0.1/128 | [::ffff:010.0.0.1] is not an IPv6 address",
        })
        void badCidrs(String cidr, String problem) {
            fails("accounts.A.users.U.src[1]", "CIDR [" + cidr + "] is not valid: " + problem
                    + "; use e.g. 127.0.0.1/32 or ::1/128", () -> user(u -> u.sourceNetwork("127.0.0.1/32", cidr)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1/32", "0.0.0.0/0", "10.0.0.0/8", "::1/128", "fe80::/10", "FE80::/10",
                "::ffff:10.0.0.1/128", "2001:db8::/32", "1:2:3:4:5:6:7:8/64"})
        void goodCidrs(String cidr) {
            user(u -> u.sourceNetwork(cidr));
        }

        private static final String TIME_RULE = "is not HH:mm:ss (24-hour, 00:00:00 to 23:59:59, e.g. 08:00:00); "
                + "for a window that ends at midnight use 23:59:59";

        @Test
        void aWindowStartingAt24IsRefusedAsTheReferenceDoes() {
            fails("accounts.A.users.U.times[0].start", "time [24:00:00] " + TIME_RULE,
                    () -> user(u -> u.time("24:00:00", "06:00:00")));
            user(u -> u.time("8:00:00", "17:00:00.5"));
        }

        @Test
        void badTimes() {
            fails("accounts.A.users.U.times[0].start", "time [25:00:00] " + TIME_RULE,
                    () -> user(u -> u.time("25:00:00", "17:00:00")));
            fails("accounts.A.users.U.times[1].end", "time [8:00] " + TIME_RULE,
                    () -> user(u -> u.time("08:00:00", "17:00:00").time("18:00:00", "8:00")));
            fails("accounts.A.users.U.times[0].end", "time [12:60:00] " + TIME_RULE,
                    () -> user(u -> u.time("08:00:00", "12:60:00")));
            user(u -> u.time("22:00:00", "06:00:00").time("00:00:00", "23:59:59"));
        }

        @Test
        void badTimeZone() {
            fails("accounts.A.users.U.times_location", "time zone [Mars/Olympus] is not an IANA zone name; use e.g. "
                    + "UTC or Europe/Berlin", () -> user(u -> u.timesLocation("Mars/Olympus")));
            user(u -> u.timesLocation("Europe/Berlin"));
        }

        @Test
        void zeroOrNegativeDurations() {
            fails("accounts.A.users.U.expires", "duration [PT0S] must be positive, e.g. 24h",
                    () -> user(u -> u.expires(Duration.ZERO)));
            fails("accounts.A.expires", "duration [PT-1H] must be positive, e.g. 24h",
                    () -> SandboxSpec.operator("O").account("A", a -> a.expires(Duration.ofHours(-1))));
        }
    }

    @Nested
    class SigningKeysAndExports {
        @Test
        void aUserOfAScopedKeyWithPermissionsOfItsOwn() {
            UserPermissionLimits template = UserPermissionLimits.builder().allowPub("svc.>").build();
            fails("accounts.A.users.U", "user [U] is signed by scoped signing key [svc], whose template decides its "
                    + "permissions and limits; remove them from the user or use an unscoped key",
                    () -> SandboxSpec.operator("O").account("A", a -> a.signingKey(SigningKeySpec.scoped("svc", template))
                            .user("U", u -> u.signingKey("svc").allowPub("x"))));
            SandboxSpec.operator("O").account("A", a -> a.signingKey(SigningKeySpec.scoped("svc", template))
                    .user("U", u -> u.signingKey("svc")));
        }

        @Test
        void anUnknownSigningKey() {
            fails("accounts.A.users.U.signing_key", "no signing key [nope] in account [A]; signing keys are: [a, b]",
                    () -> SandboxSpec.operator("O").account("A", a -> a.signingKey(SigningKeySpec.plain("b"))
                            .signingKey(SigningKeySpec.plain("a")).user("U", u -> u.signingKey("nope"))));
        }

        @Test
        void aTemplateOnAnUnscopedKey() {
            fails("signing_keys.k", "signing key [k] has a template or description but is not scoped; set scoped: true "
                    + "or remove them", () -> SigningKeySpec.builder("k").description("text").build());
        }

        @Test
        void wildcardExportsWhenTheAccountForbidsThem() {
            fails("accounts.A.exports[0].subject", "export [x.>] has wildcards but the account's limits set "
                    + "wildcards: false", () -> AccountSpec.builder("A").limits(l -> l.wildcards(false))
                    .exportStream("x.>").build());
        }

        @Test
        void serviceOptionsOnAStreamExport() {
            fails("accounts.A.exports[0]", "stream export [x] sets response_type, response_threshold, latency or "
                    + "allow_trace; these apply to services only", () -> AccountSpec.builder("A")
                            .export(Export.builder("x", ExportType.STREAM)
                            .name("x").responseType(ResponseType.STREAM).build()).build());
        }

        @Test
        void allowTraceOnAStreamExportAsTheReferenceRefusesIt() {
            fails("accounts.A.exports[0]", "stream export [x] sets response_type, response_threshold, latency or "
                    + "allow_trace; these apply to services only", () -> AccountSpec.builder("A")
                    .export(Export.of("x", "x", ExportType.STREAM).withAllowTrace(true)).build());
        }

        @Test
        void localSubjectsMustBothEndInFullWildcardOrNeither() {
            fails("imports.local_subject", "local subject [y] and subject [x.>] must both end in '>' or both not",
                    () -> ImportSpec.builder("B", "x.>", ExportType.STREAM).localSubject("y").build());
        }
    }

    @Test
    void aScopeTemplateCannotLimitToZeroBecauseTheReferenceWouldReadItAsUnlimited() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SigningKeySpec.scoped("svc",
                UserPermissionLimits.builder().subs(0).build()));
        assertEquals("signing_keys.svc.template.limits.subs", e.where());
        assertEquals("signing_keys.svc.template.limits.subs: a scope template cannot limit subs to [0]: the JWT "
                + "would carry no value and the server would read it as unlimited; use sub deny [\">\"] to forbid "
                + "subscribing", e.getMessage());
        assertThrows(InvalidSpecException.class, () -> SigningKeySpec.scoped("svc",
                UserPermissionLimits.builder().payload(0).build()));
    }
}
