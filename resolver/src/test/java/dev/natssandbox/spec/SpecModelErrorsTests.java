package dev.natssandbox.spec;

import dev.natssandbox.model.InvalidSpecException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.natssandbox.spec.SpecFileErrorsTests.accountA;
import static dev.natssandbox.spec.SpecFileErrorsTests.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Errors the model raises come out with the source, the line and the full path of the value in the file. */
class SpecModelErrorsTests {

    @Nested
    class Paths {
        @Test
        void theIssueSampleAsGivenImportsFromAnAccountItDoesNotDefine() {
            SpecFileException e = yaml("""
                    operator:
                      name: Test
                    system_account: SYS
                    server: {port: -1, jetstream: false}
                    accounts:
                      TestAccount:
                        exports: [{name: req, subject: "req.>", type: service}]
                        imports: [{account: Other, subject: "x.>", type: stream, local_subject: "y.>"}]
                        users:
                          TestUser: {}
                    """);
            assertEquals("t.yaml:8: accounts.TestAccount.imports[0].account: no account [Other] to import from; "
                    + "accounts are: [TestAccount, SYS]", e.getMessage());
            assertInstanceOf(InvalidSpecException.class, e.getCause());
        }

        @Test
        void ofUsersIncludeTheAccount() {
            assertEquals("t.yaml:6: accounts.A.users.U.pub.allow[0]: invalid subject [a..b]: token 2 is empty (two "
                    + "dots in a row, or a leading or trailing dot)", yaml(accountA("""
                        users:
                          U:
                            pub: {allow: ["a..b"]}
                    """)).getMessage());
            assertEquals("t.yaml:5: accounts.A.users.U.times[0].start: time [8:00] is not HH:mm:ss (24-hour, 00:00:00 "
                            + "to 23:59:59, e.g. 08:00:00); for a window that ends at midnight use 23:59:59",
                    yaml(accountA("    users:\n      U: {times: [{start: '8:00', end: '17:00:00'}]}\n")).getMessage());
            assertEquals("t.yaml:5: accounts.A.users.U.signing_key: no signing key [nope] in account [A]; signing "
                    + "keys are: []", yaml(accountA("    users:\n      U: {signing_key: nope}\n")).getMessage());
        }

        @Test
        void ofNamesPointAtTheNameItself() {
            assertEquals("t.yaml:3: accounts.a/b: account name [a/b] contains [/]; names become file names, so use "
                            + "letters, digits, spaces, '.', '-' or '_'",
                    yaml("operator: {name: Test}\naccounts:\n  'a/b': {}\n").getMessage());
            assertEquals("t.yaml:5: accounts.A.users..u: user name [.u] starts with '.'; names become file names, "
                    + "so use letters, digits, '-' or '_'", yaml(accountA("    users:\n      .u: {}\n")).getMessage());
            assertEquals("t.yaml:4: accounts.A.signing_keys[1]: signing key name [a:b] contains [:]; names become "
                            + "file names, so use letters, digits, spaces, '.', '-' or '_'",
                    yaml(accountA("    signing_keys: [ok, 'a:b']\n")).getMessage());
        }

        @Test
        void ofImportsAndSigningKeysUseTheListIndex() {
            assertEquals("t.yaml:5: accounts.A.imports[0].local_subject: local subject [y] and subject [x.>] must "
                    + "both end in '>' or both not", yaml(accountA("""
                        imports:
                          - {account: B, subject: "x.>", type: stream, local_subject: y}
                    """)).getMessage());
            assertEquals("t.yaml:4: accounts.A.signing_keys[0]: signing key [k] has a template or description but is "
                            + "not scoped; set scoped: true or remove them",
                    yaml(accountA("    signing_keys: [{name: k, template: {pub: {allow: [a]}}}]\n")).getMessage());
            assertEquals("t.yaml:7: accounts.A.signing_keys[0].template.sub.allow[0]: invalid subscription [a b c]: "
                    + "use \"subject\" or \"subject queue\" with a single space", yaml(accountA("""
                        signing_keys:
                          - name: k
                            scoped: true
                            template: {sub: {allow: ["a b c"]}}
                    """)).getMessage());
        }

        @Test
        void ofTheOperatorServerAndExports() {
            assertEquals("t.yaml:1: operator.signing_keys: signing key count [99] must be between 0 and 16",
                    yaml("operator: {name: Test, signing_keys: 99}\n").getMessage());
            assertEquals("t.yaml:2: server.port: port [70000] must be -1 (any free port) or between 0 and 65535",
                    yaml("operator: {name: Test}\nserver: {port: 70000}\n").getMessage());
            assertEquals("t.yaml:5: accounts.A.exports[0]: stream export [a.>] sets response_type, "
                    + "response_threshold, latency or allow_trace; these apply to services only", yaml(accountA("""
                        exports:
                          - {subject: "a.>", type: stream, response_type: Stream}
                    """)).getMessage());
            assertEquals("t.yaml:4: accounts.A.limits.data: limit [-5] is below -1; use -1 for unlimited or a value "
                    + "of 0 or more", yaml(accountA("    limits: {data: -5}\n")).getMessage());
        }

        @Test
        void ofJetStreamSwitchesThatWouldBeIgnored() {
            assertEquals("t.yaml:3: accounts.A.jetstream: jetstream [false] contradicts the JetStream limits "
                    + "[streams] set in limits; remove jetstream: false or those limits",
                    yaml("operator: {name: Test}\naccounts:\n  A: {jetstream: false, limits: {streams: 4}}\n")
                            .getMessage());
            assertEquals("t.yaml:4: accounts.A.jetstream: jetstream [false] has no effect while server.jetstream is "
                    + "true: the sandbox then gives every account but the system account unlimited JetStream; "
                    + "remove the key", yaml("operator: {name: Test}\nserver: {jetstream: true}\naccounts:\n"
                    + "  A: {jetstream: false}\n").getMessage());
        }
    }

    @Nested
    class Sources {
        @Test
        void aFileErrorStartsWithThePathAsGiven(@TempDir Path dir) throws Exception {
            Path file = Files.writeString(dir.resolve("seed.yaml"), "operator: {name: Test}\nserver: {prot: 1}\n");
            SpecFileException e = assertThrows(SpecFileException.class, () -> SpecFiles.read(file));
            assertEquals(file + ":2: server.prot: unknown key [prot]; expected one of [host, port, jetstream, "
                    + "resolver, extra_config, cluster]. Did you mean [port]?", e.getMessage());
            assertEquals(file.toString(), e.source());
        }

        @Test
        void aClasspathErrorNamesTheResource() {
            SpecFileException e = assertThrows(SpecFileException.class,
                    () -> SpecFiles.load("classpath:specs/invalid-subject.yaml"));
            assertEquals("classpath:specs/invalid-subject.yaml:7: accounts.A.users.U.sub.allow[1]: invalid subject "
                    + "[a.>.b]: '>' must be the last token", e.getMessage());
        }

        @Test
        void parsedTextWithoutANameIsCalledString() {
            assertEquals("<string>:1: operator: missing required key [name]; add it, e.g. name: Test",
                    assertThrows(SpecFileException.class, () -> SpecFiles.parse("operator: {}", null, null))
                            .getMessage());
        }

        @Test
        void aMissingFileSaysWhereItWasLookedFor(@TempDir Path dir) {
            Path missing = dir.resolve("nope.yaml");
            SpecFileException e = assertThrows(SpecFileException.class, () -> SpecFiles.read(missing));
            assertTrue(e.getMessage().startsWith(missing + ": spec file [" + missing.toAbsolutePath()
                    + "] does not exist; check the path (relative paths start at ["), e.getMessage());
            assertEquals(0, e.line());
            assertEquals("", e.path());
        }

        @Test
        void aMissingResourceListsTheClassLoadersSearched() {
            SpecFileException e = assertThrows(SpecFileException.class, () -> SpecFiles.load("classpath:nope.yaml"));
            assertTrue(e.getMessage().startsWith("classpath:nope.yaml: no resource [nope.yaml] on the classpath; "
                    + "looked in ["), e.getMessage());
            assertTrue(e.getMessage().endsWith("]. Put the file under src/test/resources (or src/main/resources) "
                    + "and name it relative to that directory"), e.getMessage());
        }

        @Test
        void aFileThatIsNotUtf8IsRejected(@TempDir Path dir) throws Exception {
            Path latin1 = Files.write(dir.resolve("l.yaml"), new byte[] {'o', 'p', ':', ' ', (byte) 0xE9, '\n'});
            assertEquals(latin1 + ": spec file is not UTF-8 text; save it as UTF-8",
                    assertThrows(SpecFileException.class, () -> SpecFiles.read(latin1)).getMessage());
        }
    }
}
