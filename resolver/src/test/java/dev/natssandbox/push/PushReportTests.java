package dev.natssandbox.push;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PushReportTests {
    private static final ServerAnswer OK_A = new ServerAnswer("a", "NA", true, "jwt updated");
    private static final ServerAnswer OK_B = new ServerAnswer("b", "NB", true, "jwt updated");
    private static final ServerAnswer FAILED_B = new ServerAnswer("b", "NB", false, "jwt validation failed");

    @Test
    void anAccountIsAppliedOnlyWhenEveryExpectedServerAppliedIt() {
        assertTrue(new AccountPush("X", "AX", List.of(OK_A, OK_B), 2).applied());
        assertFalse(new AccountPush("X", "AX", List.of(OK_A), 2).applied(), "a server did not answer");
        assertFalse(new AccountPush("X", "AX", List.of(OK_A, FAILED_B), 2).applied(), "a server refused");
    }

    @Test
    void anIncompletePushNamesWhatMadeItAndWhatDidNot() {
        PushReport report = new PushReport(List.of(new AccountPush("X", "AX", List.of(OK_A, OK_B), 2),
                new AccountPush("Y", "AY", List.of(OK_A, FAILED_B), 2)));
        assertEquals(List.of("X"), report.applied());
        DeploymentException e = assertThrows(DeploymentException.class, report::requireApplied);
        assertEquals("push incomplete: applied by every server [X]; not applied [Y AY: NOT pushed (2 of 2 servers "
                + "answered) [a: ok (jwt updated), b: FAILED (jwt validation failed)]]. Fix the cause and push again "
                + "(pushing is idempotent)", e.getMessage());
        PushReport complete = new PushReport(List.of(new AccountPush("X", "AX", List.of(OK_A), 1)));
        assertSame(complete, complete.requireApplied());
    }

    @Test
    void aStrictOperatorTrustsOnlyItsSigningKeys() {
        assertEquals(Set.of("OP", "OS"), new TrustedOperator("OP", "Prod", List.of("OS"), false).issuers());
        TrustedOperator strict = new TrustedOperator("OP", "Prod", List.of("OS"), true);
        assertFalse(strict.trusts("OP"));
        assertTrue(strict.trusts("OS"));
    }
}
