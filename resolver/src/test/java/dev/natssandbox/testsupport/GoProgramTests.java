package dev.natssandbox.testsupport;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How {@link GoProgram#run} reports a failed command, with a shell standing in for a Go program. */
class GoProgramTests {
    private static final List<String> FAILING = List.of("/bin/sh", "-c", "echo broken >&2; exit 3", "SXSECRETARG");

    @Test
    void aFailureShowsTheCommandLineExitCodeAndStderr() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GoProgram.run(FAILING, null, Map.of(), null, GoProgram.Shown.COMMAND_LINE));

        assertEquals(FAILING + " exited with code 3; stderr:\nbroken", e.getMessage());
    }

    @Test
    void programOnlyLeavesTheArgumentsOutOfTheFailure() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> GoProgram.run(FAILING, null, Map.of(), null, GoProgram.Shown.PROGRAM_ONLY));

        assertEquals("[/bin/sh] (arguments not shown) exited with code 3; stderr:\nbroken", e.getMessage());
        assertFalse(e.getMessage().contains("SXSECRETARG"), e.getMessage());
    }

    @Test
    void standardInputReachesTheProgramAndItsOutputIsReturned() {
        byte[] out = GoProgram.run(List.of("/bin/cat"), null, Map.of(), "{}".getBytes(StandardCharsets.UTF_8),
                GoProgram.Shown.PROGRAM_ONLY);

        assertEquals("{}", new String(out, StandardCharsets.UTF_8));
    }
}
