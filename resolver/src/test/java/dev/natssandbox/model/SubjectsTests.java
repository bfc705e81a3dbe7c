package dev.natssandbox.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubjectsTests {
    @ParameterizedTest
    @ValueSource(strings = {"a", "a.b.c", "*", ">", "a.*", "a.>", "*.b.>", "_INBOX.>", "$SYS.REQ.>", "a-b_c.d%e",
            "ünïcode.ok"})
    void validSubjects(String subject) {
        assertNull(Subjects.problem(subject));
        assertEquals(subject, Subjects.require("w", subject));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a..b     | token 2 is empty (two dots in a row, or a leading or trailing dot)",
            ".a       | token 1 is empty (two dots in a row, or a leading or trailing dot)",
            "a.       | token 2 is empty (two dots in a row, or a leading or trailing dot)",
            ">.a      | '>' must be the last token",
            "a.>.b    | '>' must be the last token",
            "a.b*     | token 2 [b*] mixes a wildcard with other characters; '*' and '>' must be whole tokens",
            "a>       | token 1 [a>] mixes a wildcard with other characters; '*' and '>' must be whole tokens",
            "**.a     | token 1 [**] mixes a wildcard with other characters; '*' and '>' must be whole tokens",
    })
    void invalidSubjects(String subject, String problem) {
        assertEquals(problem, Subjects.problem(subject));
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Subjects.require("x.y[0]", subject));
        assertEquals("x.y[0]", e.where());
        assertEquals("x.y[0]: invalid subject [" + subject + "]: " + problem, e.getMessage());
    }

    @Test
    void emptyWhitespaceAndControlCharacters() {
        assertEquals("a subject cannot be empty", Subjects.problem(""));
        assertEquals("a subject cannot be empty", Subjects.problem(null));
        assertEquals("a subject cannot contain whitespace or control characters (found a space at position 2)",
                Subjects.problem("a b"));
        assertEquals("a subject cannot contain whitespace or control characters (found U+0009 at position 3)",
                Subjects.problem("a.\tb"));
        assertEquals("a subject cannot contain whitespace or control characters (found U+0000 at position 1)",
                Subjects.problem("\0"));
    }

    @Test
    void subscriptionsMayNameAQueueGroup() {
        assertEquals("req.a workers", Subjects.requireSubscription("w", "req.a workers"));
        assertEquals("req.*", Subjects.requireSubscription("w", "req.*"));

        assertEquals("w: invalid subscription [a b c]: use \"subject\" or \"subject queue\" with a single space",
                assertThrows(InvalidSpecException.class, () -> Subjects.requireSubscription("w", "a b c"))
                        .getMessage());
        assertEquals("w: invalid subscription [ a]: use \"subject\" or \"subject queue\" with a single space",
                assertThrows(InvalidSpecException.class, () -> Subjects.requireSubscription("w", " a")).getMessage());
        assertEquals("w: invalid queue group [q*] in [a q*]: token 1 [q*] mixes a wildcard with other characters; "
                + "'*' and '>' must be whole tokens",
                assertThrows(InvalidSpecException.class, () -> Subjects.requireSubscription("w", "a q*"))
                        .getMessage());
        assertEquals("w: invalid queue group [>] in [a >]: a queue group cannot contain wildcards",
                assertThrows(InvalidSpecException.class, () -> Subjects.requireSubscription("w", "a >"))
                        .getMessage());
        assertEquals("w: invalid subject [a..b] in [a..b q]: token 2 is empty (two dots in a row, or a leading or "
                + "trailing dot)", assertThrows(InvalidSpecException.class,
                () -> Subjects.requireSubscription("w", "a..b q")).getMessage());
    }

    @Test
    void literalSubjectsHaveNoWildcards() {
        assertEquals("a.b", Subjects.requireLiteral("w", "a.b"));
        assertEquals("w: subject [a.*] contains wildcards; messages are published to literal subjects",
                assertThrows(InvalidSpecException.class, () -> Subjects.requireLiteral("w", "a.*")).getMessage());
        assertTrue(Subjects.hasWildcards("a.>"));
        assertTrue(Subjects.hasWildcards("*"));
        assertFalse(Subjects.hasWildcards("a.b*"));
        assertFalse(Subjects.hasWildcards("a.b"));
    }

    @ParameterizedTest(name = "[{0}] in [{1}]: {2}")
    @CsvSource({
            // literal in literal
            "a.b,     a.b,   true",
            "a.b,     a.c,   false",
            "a.b,     a,     false",
            "a,       a.b,   false",
            // literal in wildcards
            "a.b,     a.*,   true",
            "a.b,     *.b,   true",
            "a.b,     *.*,   true",
            "a.b,     a.>,   true",
            "a.b.c,   a.>,   true",
            "a,       a.>,   false",
            "a.b.c,   a.*,   false",
            "a.b,     >,     true",
            "b.c,     a.>,   false",
            // wildcards in wildcards
            "a.*,     a.*,   true",
            "a.*,     a.>,   true",
            "a.>,     a.>,   true",
            "a.*.c,   a.>,   true",
            "a.>,     a.*,   false",
            "a.*,     a.b,   false",
            "*.b,     a.*,   false",
            "a.>,     a.b.>, false",
            "a.b.>,   a.>,   true",
            ">,       >,     true",
            ">,       *,     false",
            "*,       >,     true",
            "*,       *,     true",
            "a.>,     *.>,   true",
            ">,       a.>,   false",
    })
    void containment(String subject, String pattern, boolean contained) {
        assertEquals(contained, Subjects.isContainedIn(subject, pattern));
    }

    @Test
    void matchesIsContainmentOfALiteralSubject() {
        assertTrue(Subjects.matches("orders.eu.new", "orders.*.new"));
        assertTrue(Subjects.matches("orders.eu.new", "orders.>"));
        assertFalse(Subjects.matches("orders.eu", "orders.*.new"));
    }
}
