package dev.natssandbox.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.AssertionFailedError;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalToolsTests {

    @Test
    void aMissingToolSkipsWithTheReasonByDefault() {
        ConditionEvaluationResult result = ExternalTools.decide(Optional.of("[go] was not found"), false);
        assertTrue(result.isDisabled());
        String reason = result.getReason().orElseThrow();
        assertTrue(reason.contains("[go] was not found"), reason);
        assertTrue(reason.contains(ExternalTools.REQUIRE_ALL + "=true"), reason);
    }

    @Test
    void aMissingToolFailsWhenEverythingIsRequired() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ExternalTools.decide(Optional.of("[nats-server] was not found"), true));
        assertTrue(e.getMessage().contains("[nats-server] was not found"), e.getMessage());
    }

    @Test
    void testsRunWhenNothingIsMissing() {
        assertFalse(ExternalTools.decide(Optional.empty(), true).isDisabled());
        assertFalse(ExternalTools.decide(Optional.empty(), false).isDisabled());
    }

    @Test
    void findLooksOnThePath() {
        // sh is on every PATH this project is built on; a made-up name is on none.
        assertTrue(ExternalTools.find("sh").isPresent());
        assertEquals(Optional.empty(), ExternalTools.find("no-such-program-3f9a1c"));
    }
}
