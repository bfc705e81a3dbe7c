package dev.natssandbox.spec;

import dev.natssandbox.spec.Expectation.Action;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectationsTests {
    private static final String SEED = """
            operator: {name: Test}
            accounts:
              TestAccount:
                users:
                  TestUser: {}
                  TestService: {pub: {allow: ["_INBOX.>"]}, sub: {allow: [req.a]}}
                  TestClient: {pub: {allow: [req.a]}, sub: {allow: ["_INBOX.>"]}}
              Other:
                users:
                  TestUser: {}
            """;

    private static SpecDocument yaml(String expect) {
        return SpecFiles.parseDocument(SEED + expect, SpecFormat.YAML, "t.yaml");
    }

    private static SpecFileException invalid(String expect) {
        return assertThrows(SpecFileException.class, () -> yaml(expect));
    }

    /** What matters of an expectation, without where it was written. */
    private static List<String> summary(SpecDocument doc) {
        return doc.expectations().stream().map(Expectation::toString).toList();
    }

    @Test
    void everyEntryBecomesAnExpectationInFileOrderWithItsLocation() {
        SpecDocument doc = yaml("""
                expect:
                  TestClient:
                    pub: {allow: [req.a], deny: [req.b]}
                    sub: {allow: ["_INBOX.x"], deny: [req.a]}
                  TestAccount/TestService: {pub: {allow: ["_INBOX.x"]}}
                """);
        assertEquals(List.of(
                "Expectation[TestAccount/TestClient pub req.a allow]",
                "Expectation[TestAccount/TestClient pub req.b deny]",
                "Expectation[TestAccount/TestClient sub _INBOX.x allow]",
                "Expectation[TestAccount/TestClient sub req.a deny]",
                "Expectation[TestAccount/TestService pub _INBOX.x allow]"), summary(doc));
        Expectation deny = doc.expectations().get(1);
        assertEquals(new Expectation("TestAccount", "TestClient", Action.PUB, "req.b", "", false,
                "t.yaml:13: expect.TestClient.pub.deny[0]"), deny);
        assertEquals("[TestClient] to be refused to publish to [req.b]", deny.describe());
        assertEquals(SpecFiles.parse(SEED, SpecFormat.YAML, "t.yaml"), doc.spec());
    }

    @Test
    void subscriptionsMayUseWildcardsAndNameAQueueGroup() {
        SpecDocument doc = yaml("""
                expect:
                  TestService: {sub: {allow: ["req.a workers"], deny: ["req.*", ">"]}}
                """);
        Expectation queued = doc.expectations().get(0);
        assertEquals("req.a", queued.subject());
        assertEquals("workers", queued.queue());
        assertEquals(Action.SUB, queued.action());
        assertEquals(List.of("req.*", ">"), doc.expectations().subList(1, 3).stream().map(Expectation::subject)
                .toList());
    }

    @Test
    void theSystemAccountsUsersAndEmptyEntriesAreAccepted() {
        SpecDocument doc = yaml("""
                expect:
                  sys: {pub: {allow: [anything]}}
                  TestClient: {}
                  TestService:
                """);
        assertEquals(List.of("Expectation[SYS/sys pub anything allow]"), summary(doc));
    }

    @Test
    void loadAcceptsTheBlockAndReturnsOnlyTheSpec() {
        assertEquals(SpecFiles.parse(SEED, SpecFormat.YAML, "a.yaml"),
                SpecFiles.parse(SEED + "expect: {TestClient: {pub: {deny: [req.b]}}}\n", SpecFormat.YAML, "b.yaml"));
        assertTrue(SpecFiles.parseDocument(SEED, SpecFormat.YAML, "t.yaml").expectations().isEmpty());
    }

    @Test
    void yamlAndJsonOfTheFullExampleGiveTheSameExpectations() {
        SpecDocument yaml = SpecFiles.loadDocument("classpath:specs/full.yaml");
        SpecDocument json = SpecFiles.loadDocument("classpath:specs/full.json");
        assertEquals(List.of(
                "Expectation[Orders/alice pub orders.new allow]",
                "Expectation[Orders/alice pub orders.admin deny]",
                "Expectation[Orders/alice sub _INBOX.> allow]",
                "Expectation[Orders/alice sub orders.* workers deny]",
                "Expectation[Prices/feeder pub prices.eur allow]"), summary(yaml));
        assertEquals(summary(yaml), summary(json));
    }

    @Test
    void writingAndReadingBackKeepsTheExpectations() {
        SpecDocument doc = yaml("""
                expect:
                  Other/TestUser: {sub: {allow: ["x.* q"]}}
                  TestClient: {pub: {allow: [req.a], deny: [req.b]}}
                """);
        for (SpecFormat format : SpecFormat.values()) {
            SpecDocument back = SpecFiles.parseDocument(SpecFiles.write(doc, format), format, "w");
            assertEquals(doc.spec(), back.spec());
            assertEquals(summary(doc), summary(back));
        }
        assertTrue(SpecFiles.write(doc, SpecFormat.YAML).contains("""
                expect:
                  Other/TestUser:
                    sub:
                      allow:
                        - "x.* q"
                  TestClient:
                """), SpecFiles.write(doc, SpecFormat.YAML));
    }

    @Nested
    class Failures {
        @Test
        void anUnknownUserNamesThePathAndListsTheUsers() {
            assertEquals("t.yaml:12: expect.TestClint: no user [TestClint] in the spec; users are: [TestAccount/"
                    + "TestUser, TestService, TestClient, Other/TestUser, sys]. Name a user as User, or Account/User "
                    + "when the name is in several accounts", invalid("expect:\n  TestClint: {}\n").getMessage());
            assertEquals("t.yaml:12: expect.Other/TestClient: no user [Other/TestClient] in the spec; users are: "
                    + "[TestAccount/TestUser, TestService, TestClient, Other/TestUser, sys]. Name a user as User, or "
                    + "Account/User when the name is in several accounts",
                    invalid("expect:\n  Other/TestClient: {}\n").getMessage());
        }

        @Test
        void anAmbiguousUserNameAsksForTheAccount() {
            SpecFileException e = invalid("expect:\n  TestUser: {pub: {allow: [a]}}\n");
            assertEquals("t.yaml:12: expect.TestUser: user name [TestUser] is ambiguous; name it with its account: "
                    + "[TestAccount/TestUser, Other/TestUser]", e.getMessage());
            assertEquals("expect.TestUser", e.path());
        }

        @Test
        void aWildcardToPublishToIsRejectedWithALiteralToUseInstead() {
            SpecFileException e = invalid("""
                    expect:
                      TestClient:
                        pub:
                          allow: [req.a, "req.>"]
                    """);
            assertEquals("t.yaml:14: expect.TestClient.pub.allow[1]: [req.>] contains wildcards, but a message is "
                    + "published to one literal subject; expect a literal subject the pattern covers, e.g. [req.x]",
                    e.getMessage());
            assertEquals(14, e.line());
        }

        @Test
        void invalidSubjectsAreRejectedForBothActions() {
            assertEquals("t.yaml:12: expect.TestClient.pub.deny[0]: invalid subject [a..b]: token 2 is empty (two "
                    + "dots in a row, or a leading or trailing dot); write a subject such as req.a",
                    invalid("expect:\n  TestClient: {pub: {deny: [a..b]}}\n").getMessage());
            assertEquals("t.yaml:12: expect.TestClient.sub.allow[0]: invalid subject [a.>.b]: '>' must be the last "
                    + "token", invalid("expect:\n  TestClient: {sub: {allow: [a.>.b]}}\n").getMessage());
        }

        @Test
        void unknownKeysAreRejectedAtEachLevel() {
            assertEquals("t.yaml:12: expect.TestClient.publish: unknown key [publish]; expected one of [pub, sub]",
                    invalid("expect:\n  TestClient: {publish: {allow: [a]}}\n").getMessage());
            assertEquals("t.yaml:12: expect.TestClient.pub.alow: unknown key [alow]; expected one of [allow, deny]. "
                    + "Did you mean [allow]?", invalid("expect:\n  TestClient: {pub: {alow: [a]}}\n").getMessage());
        }

        @Test
        void wrongTypesNameThePath() {
            assertEquals("t.yaml:11: expect: expected a map but got a list; write a map, e.g. {TestClient: {pub: "
                    + "{allow: [req.a], deny: [req.b]}}}", invalid("expect: [TestClient]\n").getMessage());
            assertEquals("t.yaml:12: expect.TestClient.pub.allow: expected a list but got the string [req.a]; write "
                    + "a list, e.g. [req.a]", invalid("expect:\n  TestClient: {pub: {allow: req.a}}\n")
                    .getMessage());
        }

        @Test
        void theSameSubjectCannotBeExpectedBothWays() {
            assertEquals("t.yaml:14: expect.TestAccount/TestClient.pub.deny[0]: [req.a] is expected both allowed "
                    + "and refused for user [TestAccount/TestClient] (also at t.yaml:12: expect.TestClient.pub"
                    + ".allow[0]); keep one", invalid("""
                    expect:
                      TestClient: {pub: {allow: [req.a]}}
                      TestAccount/TestClient:
                        pub: {deny: [req.a]}
                    """).getMessage());
        }
    }
}
