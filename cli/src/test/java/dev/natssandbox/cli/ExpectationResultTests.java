package dev.natssandbox.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.natssandbox.cli.PermissionMatrix.Verdict;
import dev.natssandbox.spec.Expectation;
import dev.natssandbox.spec.Expectation.Action;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectationResultTests {
    private static final Expectation DENY_REQ_B = new Expectation("TestAccount", "TestClient", Action.PUB, "req.b",
            "", false, "s.yaml:14: expect.TestClient.pub.deny[0]");
    private static final Expectation ALLOW_QUEUE = new Expectation("TestAccount", "TestService", Action.SUB, "req.a",
            "workers", true, "s.yaml:16: expect.TestService.sub.allow[0]");
    private static final Verdict ACCEPTED = new Verdict(true, "the server accepted it: no error before the PONG of "
            + "a flush");
    private static final Verdict REFUSED = new Verdict(false, "Permissions Violation for Publish to \"req.b\"");

    @Test
    void anExpectationIsMetWhenTheServerDecidesTheSameWay() {
        assertTrue(ExpectationResult.decided(DENY_REQ_B, REFUSED).met());
        assertFalse(ExpectationResult.decided(DENY_REQ_B, ACCEPTED).met());
        assertTrue(ExpectationResult.decided(ALLOW_QUEUE, ACCEPTED).met());
        assertFalse(ExpectationResult.decided(ALLOW_QUEUE, REFUSED).met());
    }

    @Test
    void aUserTheServerDoesNotLetInMeetsNoExpectationNotEvenADeny() {
        ExpectationResult r = ExpectationResult.notConnected(DENY_REQ_B, "Authorization Violation");
        assertFalse(r.met());
        assertEquals("no connection", r.actualWord());
        assertEquals("s.yaml:14: expect.TestClient.pub.deny[0]: user [TestAccount/TestClient] pub [req.b]: expected "
                + "deny, but the server decided no connection (the server refused the user's connection: "
                + "Authorization Violation)", r.mismatch());
    }

    @Test
    void aMismatchNamesWhereUserOpSubjectExpectedActualAndTheServersText() {
        assertEquals("s.yaml:16: expect.TestService.sub.allow[0]: user [TestAccount/TestService] sub [req.a] queue "
                + "[workers]: expected allow, but the server decided deny (Permissions Violation for Publish to "
                + "\"req.b\")", ExpectationResult.decided(ALLOW_QUEUE, REFUSED).mismatch());
    }

    @Test
    void rendersEveryExpectationAndASummary() {
        String text = ExpectationResult.render(List.of(ExpectationResult.decided(DENY_REQ_B, REFUSED),
                ExpectationResult.decided(ALLOW_QUEUE, REFUSED)));
        assertTrue(text.contains("│ Result   │ User                    │ Op  │ Subject               │ Expected │ "
                + "Actual │"), text);
        assertTrue(text.contains("│ ok       │ TestAccount/TestClient  │ pub │ req.b                 │ deny     │ deny "
                + "  │"), text);
        assertTrue(text.contains("│ MISMATCH │ TestAccount/TestService │ sub │ req.a (queue workers) │ allow    │ "
                + "deny   │"), text);
        assertTrue(text.endsWith("2 expectations checked, 1 not met.\n"), text);
        assertTrue(ExpectationResult.render(List.of(ExpectationResult.decided(DENY_REQ_B, REFUSED)))
                .endsWith("1 expectation checked, all met.\n"));
    }

    @Test
    void jsonHasOneEntryPerExpectation() {
        ArrayNode json = ExpectationResult.json(List.of(ExpectationResult.decided(DENY_REQ_B, ACCEPTED)));
        assertEquals(1, json.size());
        assertEquals("TestAccount/TestClient", json.at("/0/user").asText());
        assertEquals("pub", json.at("/0/op").asText());
        assertEquals("deny", json.at("/0/expected").asText());
        assertEquals("allow", json.at("/0/actual").asText());
        assertFalse(json.at("/0/met").asBoolean(true));
        assertEquals("s.yaml:14: expect.TestClient.pub.deny[0]", json.at("/0/where").asText());
    }
}
