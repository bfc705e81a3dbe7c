package dev.natssandbox.server;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LauncherKindTests {
    @Test
    void parsesEveryKindInAnyCaseAndWithSurroundingBlanks() {
        assertEquals(Optional.of(LauncherKind.AUTO), LauncherKind.parse("auto"));
        assertEquals(Optional.of(LauncherKind.BINARY), LauncherKind.parse("BINARY"));
        assertEquals(Optional.of(LauncherKind.DOCKER), LauncherKind.parse(" Docker\n"));
    }

    @Test
    void anythingElseIsEmpty() {
        assertEquals(Optional.empty(), LauncherKind.parse(null));
        assertEquals(Optional.empty(), LauncherKind.parse(""));
        assertEquals(Optional.empty(), LauncherKind.parse("podman"));
        assertEquals(Optional.empty(), LauncherKind.parse("bin"));
    }
}
