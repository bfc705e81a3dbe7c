package dev.natssandbox.cli;

import dev.natssandbox.cli.PermissionMatrix.Cell;
import dev.natssandbox.cli.PermissionMatrix.Column;
import dev.natssandbox.cli.PermissionMatrix.Row;
import dev.natssandbox.cli.PermissionMatrix.Verdict;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermissionMatrixTests {
    private static final Verdict ALLOW = new Verdict(true, "the server accepted it");
    private static final Verdict PUB_REQ_B = new Verdict(false, "Permissions Violation for Publish to \"req.b\"");
    private static final Verdict DENY = new Verdict(false, "Permissions Violation");

    @Nested
    class Columns {
        @Test
        void aLiteralSubjectIsPublishedToAsItIs() {
            Column c = Column.of("req.a");
            assertEquals("req.a", c.publishSubject());
            assertFalse(c.derived());
            assertEquals("req.a", c.heading());
        }

        @Test
        void everyWildcardTokenBecomesXForThePublish() {
            assertEquals("req.x", Column.of("req.>").publishSubject());
            assertEquals("a.x.c", Column.of("a.*.c").publishSubject());
            assertEquals("x.x.x", Column.of("*.*.>").publishSubject());
            assertEquals("x", Column.of(">").publishSubject());
            assertEquals("_INBOX.x", Column.of("_INBOX.>").publishSubject());
        }

        @Test
        void aWildcardColumnShowsTheSubjectAndThePublishedLiteral() {
            Column c = Column.of("req.>");
            assertTrue(c.derived());
            assertEquals("req.>\n(pub req.x)", c.heading());
        }

        @Test
        void tokensThatMerelyContainStarsAreNotWildcards() {
            // Subjects validation rejects them elsewhere; the derivation must not invent a different subject.
            assertEquals("ab", Column.literal("ab"));
        }
    }

    @Test
    void cellsSayPublishAndSubscribeWithPlusOrMinus() {
        assertEquals("P+ S-", new Cell(ALLOW, DENY).text());
        assertEquals("P- S+", new Cell(DENY, ALLOW).text());
        assertEquals("P+ S+", new Cell(ALLOW, ALLOW).text());
        assertEquals("P- S-", new Cell(DENY, DENY).text());
    }

    @Test
    void rendersUsersAsRowsSubjectsAsColumnsWithALegend() {
        PermissionMatrix m = new PermissionMatrix(List.of(Column.of("req.a"), Column.of("_INBOX.>")), List.of(
                new Row("TestClient", "TestAccount", "", List.of(new Cell(ALLOW, DENY), new Cell(DENY, ALLOW))),
                new Row("TestService", "TestAccount", "", List.of(new Cell(DENY, ALLOW), new Cell(ALLOW, DENY)))));
        assertEquals("""
                ╭────────────────────────────────────────────────────╮
                │                    Permissions                     │
                ├─────────────┬─────────────┬───────┬────────────────┤
                │ User        │ Account     │ req.a │ _INBOX.>       │
                │             │             │       │ (pub _INBOX.x) │
                ├─────────────┼─────────────┼───────┼────────────────┤
                │ TestClient  │ TestAccount │ P+ S- │ P- S+          │
                │ TestService │ TestAccount │ P- S+ │ P+ S-          │
                ╰─────────────┴─────────────┴───────┴────────────────╯
                """ + PermissionMatrix.LEGEND + "\n"
                + "(pub X): the subject has wildcards; the publish was probed on the literal X, the subscription on "
                + "the subject itself.\n", m.render());
    }

    @Test
    void aUserWhoseConnectionWasRefusedHasNoCellsAndANote() {
        PermissionMatrix m = new PermissionMatrix(List.of(Column.of("a")), List.of(
                Row.refused("Gone", "A", "Authorization Violation")));
        String text = m.render();
        assertTrue(text.contains("│ Gone │ A       │ n/a │"), text);
        assertTrue(text.endsWith("n/a for [Gone]: the server refused its connection: Authorization Violation\n"),
                text);
        assertFalse(text.contains("(pub X)"), text);
    }

    @Test
    void jsonCarriesEveryVerdictWithItsEvidence() {
        PermissionMatrix m = new PermissionMatrix(List.of(Column.of("req.>"), Column.of("req.b")), List.of(
                new Row("TestClient", "TestAccount", "", List.of(new Cell(DENY, DENY), new Cell(PUB_REQ_B, DENY))),
                Row.refused("Gone", "TestAccount", "Authorization Violation")));
        ObjectNode json = m.json();
        assertEquals("req.x", json.at("/subjects/0/publish_subject").asText());
        assertEquals("req.b", json.at("/subjects/1/subject").asText());
        assertEquals("TestClient", json.at("/users/0/user").asText());
        assertTrue(json.at("/users/0/connected").asBoolean());
        assertFalse(json.at("/users/0/permissions/req.b/pub/allowed").asBoolean(true));
        assertEquals("Permissions Violation for Publish to \"req.b\"",
                json.at("/users/0/permissions/req.b/pub/evidence").asText());
        assertFalse(json.at("/users/1/connected").asBoolean(true));
        assertEquals("Authorization Violation", json.at("/users/1/refusal").asText());
        assertTrue(json.at("/users/1/permissions").isMissingNode());
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PermissionMatrix(
                List.of(Column.of("a"), Column.of("b")),
                List.of(new Row("U", "A", "", List.of(new Cell(ALLOW, ALLOW))))));
        assertEquals("row [U] has 1 cells for 2 columns", e.getMessage());
    }
}
