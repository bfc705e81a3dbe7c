package dev.natssandbox.spec;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.model.InvalidSpecException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecFileErrorsTests {

    static SpecFileException yaml(String text) {
        return assertThrows(SpecFileException.class, () -> SpecFiles.parse(text, SpecFormat.YAML, "t.yaml"));
    }

    static SpecFileException json(String text) {
        return assertThrows(SpecFileException.class, () -> SpecFiles.parse(text, SpecFormat.JSON, "t.json"));
    }

    /** A spec with one account A whose body is {@code account}, indented by the caller. */
    static String accountA(String account) {
        return "operator: {name: Test}\naccounts:\n  A:\n" + account;
    }

    @Nested
    class UnknownKeys {
        @Test
        void nameTheKeyItsPathTheAllowedKeysAndACloseMatch() {
            SpecFileException e = yaml("""
                    operator: {name: Test}
                    accounts:
                      TestAccount:
                        users:
                          TestClient:
                            pubb: {allow: ["req.a"]}
                    """);
            assertEquals("t.yaml:6: accounts.TestAccount.users.TestClient.pubb: unknown key [pubb]; expected one of "
                    + "[pub, sub, resp, src, times, times_location, allowed_connection_types, bearer, proxy_required, "
                    + "limits, signing_key, expires, not_before, revoked, revoked_at, tags]. Did you mean [pub]?", e.getMessage());
            assertEquals("t.yaml", e.source());
            assertEquals(6, e.line());
            assertEquals("accounts.TestAccount.users.TestClient.pubb", e.path());
            assertInstanceOf(InvalidSpecException.class, e);
            assertInstanceOf(InvalidInputException.class, e);
        }

        @Test
        void thatBelongUnderLimitsSaySo() {
            assertEquals("t.yaml:5: accounts.A.users.U.subs: unknown key [subs]; expected one of [pub, sub, resp, "
                            + "src, times, times_location, allowed_connection_types, bearer, proxy_required, limits, "
                            + "signing_key, expires, not_before, revoked, revoked_at, tags]. User limits go under limits, e.g. "
                            + "limits: {subs: …}",
                    yaml(accountA("    users:\n      U: {subs: 5}\n")).getMessage());
            assertEquals("t.yaml:4: accounts.A.conn: unknown key [conn]; expected one of [description, info_url, "
                            + "tags, expires, jetstream, limits, signing_keys, default_permissions, exports, imports, "
                            + "mappings, revocations, users, trace, cluster_traffic, not_before, authorization]. Account "
                            + "limits go under limits, e.g. limits: {conn: …}",
                    yaml(accountA("    conn: 5\n")).getMessage());
        }

        @Test
        void atTheTopAreRejectedToo() {
            assertEquals("t.json:1: acounts: unknown key [acounts]; expected one of [operator, system_account, "
                    + "server, accounts, expect]. Did you mean [accounts]?",
                    json("{\"operator\": {\"name\": \"T\"}, \"acounts\": {}}").getMessage());
        }
    }

    @Nested
    class Types {
        @Test
        void nameThePathTheValueAndTheExpectedType() {
            assertEquals("t.yaml:2: server.port: expected an integer but got the string [abc]",
                    yaml("operator: {name: Test}\nserver: {port: abc}\n").getMessage());
            assertEquals("t.yaml:2: server.port: expected an integer but got the number [4222.5]",
                    yaml("operator: {name: Test}\nserver: {port: 4222.5}\n").getMessage());
            assertEquals("t.json:1: server.port: expected an integer but got the string [4222]; remove the quotes",
                    json("{\"operator\": {\"name\": \"T\"}, \"server\": {\"port\": \"4222\"}}").getMessage());
            assertEquals("t.yaml:4: accounts.A.users: expected a map but got a list; write a map, e.g. "
                    + "{TestUser: {}}", yaml(accountA("    users: [U]\n")).getMessage());
            assertEquals("t.yaml:5: accounts.A.users.U.src: expected a list but got the string [127.0.0.1/32]; "
                            + "write a list, e.g. [\"127.0.0.1/32\"]",
                    yaml(accountA("    users:\n      U: {src: 127.0.0.1/32}\n")).getMessage());
            assertEquals("t.yaml:1: operator.name: expected a string but got a map",
                    yaml("operator: {name: {first: T}}\n").getMessage());
            assertEquals("t.yaml:4: accounts.A.exports[0].type: type [strem] is unknown; use stream or service",
                    yaml(accountA("    exports: [{subject: a, type: strem}]\n")).getMessage());
            assertEquals("t.yaml:2: server.resolver: resolver [fulll] is unknown; use memory, url, full or cache",
                    yaml("operator: {name: Test}\nserver: {resolver: fulll}\n").getMessage());
        }

        @Test
        void integersMustBePlainDecimal() {
            assertEquals("t.yaml:4: accounts.A.limits.subs: [0x10] is not a plain decimal integer; write it in "
                            + "decimal without leading zeros, underscores or a base prefix",
                    yaml(accountA("    limits: {subs: 0x10}\n")).getMessage());
            assertEquals("t.yaml:4: accounts.A.limits.conn: [010] is not a plain decimal integer; write it in "
                            + "decimal without leading zeros, underscores or a base prefix",
                    yaml(accountA("    limits: {conn: 010}\n")).getMessage());
            assertEquals("t.yaml:4: accounts.A.limits.subs: integer [99999999999999999999] is too large; use -1 "
                    + "for unlimited", yaml(accountA("    limits: {subs: 99999999999999999999}\n")).getMessage());
        }

        @Test
        void durationsNeedAUnit() {
            assertEquals("t.yaml:5: accounts.A.users.U.expires: duration [24] has no unit; write a number followed "
                            + "by a unit: ms, s, m, h or d (also us, ns), combined largest unit first, e.g. 500ms, 5s, "
                            + "10m, 24h, 7d or 1h30m",
                    yaml(accountA("    users:\n      U: {expires: 24}\n")).getMessage());
            assertTrue(yaml(accountA("    users:\n      U: {expires: 30m1h}\n")).getMessage().startsWith(
                    "t.yaml:5: accounts.A.users.U.expires: duration [30m1h] repeats a unit or lists a smaller unit "
                            + "before a larger one; "));
            assertTrue(yaml(accountA("    users:\n      U: {resp: {ttl: 1.5s}}\n")).getMessage().startsWith(
                    "t.yaml:5: accounts.A.users.U.resp.ttl: duration [1.5s] is not valid; "));
        }

        @Test
        void sizesNeedAKnownUnit() {
            assertEquals("t.yaml:4: accounts.A.limits.data: size [1M] has an unknown unit [M] (units are "
                            + "case-sensitive); write a whole number of bytes, -1 for unlimited, or a whole number "
                            + "with a unit: B, KB (or kB), MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers "
                            + "of 1024), e.g. 1MB or 512KiB",
                    yaml(accountA("    limits: {data: 1M}\n")).getMessage());
            assertTrue(yaml(accountA("    limits: {payload: \"1024\"}\n")).getMessage().startsWith(
                    "t.yaml:4: accounts.A.limits.payload: size [1024] is a quoted number; write it without quotes "
                            + "or add a unit; "));
            assertTrue(yaml(accountA("    limits: {data: 1.5GB}\n")).getMessage().startsWith(
                    "t.yaml:4: accounts.A.limits.data: size [1.5GB] is not valid; "));
        }

        @Test
        void notBeforeIsADateTimeOrADuration() {
            assertEquals("t.yaml:5: accounts.A.users.U.not_before: [tomorrow] is neither a date-time nor a "
                            + "duration; write an ISO-8601 date-time with offset such as 2030-01-01T00:00:00Z, or a "
                            + "duration from now such as 10m",
                    yaml(accountA("    users:\n      U: {not_before: tomorrow}\n")).getMessage());
        }

        @Test
        void revocationKeysArePublicKeysOrAStar() {
            assertEquals("t.yaml:4: accounts.A.revocations.UXX: revocation key [UXX] is not a user public key "
                            + "(U…, 56 characters) or *; write the key the revocation applies to",
                    yaml(accountA("    revocations: {UXX: 5}\n")).getMessage());
        }
    }

    @Nested
    class YamlGotchas {
        @Test
        void yesNoOnOffAreNotBooleans() {
            assertEquals("t.yaml:2: server.jetstream: [yes] is not a boolean; write true or false (YAML 1.1 words "
                            + "such as yes, no, on and off are not booleans in a spec)",
                    yaml("operator: {name: Test}\nserver: {jetstream: yes}\n").getMessage());
            assertEquals("t.yaml:5: accounts.A.users.U.bearer: [off] is not a boolean; write true or false (YAML "
                            + "1.1 words such as yes, no, on and off are not booleans in a spec)",
                    yaml(accountA("    users:\n      U: {bearer: off}\n")).getMessage());
            assertEquals("t.json:1: server.jetstream: expected true or false but got the string [true]; write true "
                    + "or false, lower case and without quotes",
                    json("{\"operator\": {\"name\": \"T\"}, \"server\": {\"jetstream\": \"true\"}}").getMessage());
            assertEquals("t.yaml:2: server.jetstream: expected true or false but got the string [tRUE]; write true "
                    + "or false, lower case and without quotes",
                    yaml("operator: {name: Test}\nserver: {jetstream: tRUE}\n").getMessage());
        }

        @Test
        void aDuplicateKeyIsAnError() {
            assertEquals("t.yaml:4: accounts.A: duplicate key [A]; it is already set at line 3. Keep one of them",
                    yaml("operator: {name: Test}\naccounts:\n  A: {}\n  A: {}\n").getMessage());
            assertEquals("t.yaml:7: accounts.A.users.U.pub: duplicate key [pub]; it is already set at line 6. Keep "
                    + "one of them", yaml(accountA("    users:\n      U:\n        pub: {}\n        pub: {}\n"))
                    .getMessage());
            assertEquals("t.json:3: operator: duplicate key [operator]; it is already set at line 2. Keep one of "
                    + "them", json("{\n\"operator\": {\"name\": \"T\"},\n\"operator\": {}}").getMessage());
        }

        @Test
        void aRequiredKeyWithoutValueIsNamed() {
            assertEquals("t.yaml:2: operator.name: key [name] has no value; give it one, e.g. name: Test",
                    yaml("operator:\n  name:\n").getMessage());
            assertEquals("t.yaml:4: accounts.A.exports[0].subject: key [subject] has no value; give it one, e.g. "
                    + "subject: \"req.>\"", yaml(accountA("    exports: [{subject: null, type: stream}]\n"))
                    .getMessage());
            assertEquals("t.yaml:5: accounts.A.users.U.tags[0]: list entry has no value; remove it or give it one",
                    yaml(accountA("    users:\n      U: {tags: [~]}\n")).getMessage());
        }

        @Test
        void aMissingRequiredKeyIsNamedWithAnExample() {
            assertEquals("t.yaml:1: missing required key [operator]; add it, e.g. operator: {name: Test}",
                    yaml("server: {port: 4222}\n").getMessage());
            assertEquals("t.yaml:1: operator: missing required key [name]; add it, e.g. name: Test",
                    yaml("operator: {}\n").getMessage());
            assertEquals("t.yaml:4: accounts.A.exports[0]: missing required key [type]; add it, e.g. type: stream "
                    + "(or service)", yaml(accountA("    exports: [{subject: a}]\n")).getMessage());
        }

        @Test
        void anEmptyDocumentIsAnError() {
            String empty = "t.yaml: the spec is empty; it needs at least operator: {name: …}, e.g. operator: "
                    + "{name: Test}";
            assertEquals(empty, yaml("").getMessage());
            assertEquals(empty, yaml("# only a comment\n").getMessage());
            assertEquals(empty, yaml("---\n").getMessage());
            assertEquals(0, yaml("").line());
        }

        @Test
        void aDocumentThatIsNotAMapIsAnError() {
            assertEquals("t.yaml:1: the spec must be a map with the keys [operator, system_account, server, "
                            + "accounts, expect] but is a list; start the file with operator: {name: …}",
                    yaml("- operator: {name: Test}\n").getMessage());
            assertEquals("t.yaml:1: the spec must be a map with the keys [operator, system_account, server, "
                            + "accounts, expect] but is the string [operator]; start the file with operator: {name: …}",
                    yaml("operator\n").getMessage());
        }

        @Test
        void aSecondDocumentAndAliasesAreRejected() {
            assertEquals("t.yaml:3: the file holds more than one YAML document (a second '---'); put the whole spec "
                    + "in one", yaml("operator: {name: Test}\n---\nserver: {}\n").getMessage());
            assertEquals("t.yaml:4: accounts.B: YAML alias [*a] is not supported; write the value out instead of "
                    + "referring to an anchor", yaml("operator: {name: Test}\naccounts:\n  A: &a {}\n  B: *a\n")
                    .getMessage());
        }

        @Test
        void syntaxErrorsNameTheFormatAndLine() {
            SpecFileException y = yaml("operator: {name: Test}\naccounts: [\n");
            assertTrue(y.getMessage().startsWith("t.yaml:"), y.getMessage());
            assertTrue(y.getMessage().contains("not valid YAML: "), y.getMessage());
            assertEquals("t.json:1: not valid JSON: Unexpected character ('}' (code 125)): was expecting "
                    + "double-quote to start field name; fix the syntax at that line",
                    json("{\"operator\": {\"name\": \"Test\",}}").getMessage());
        }
    }
}
