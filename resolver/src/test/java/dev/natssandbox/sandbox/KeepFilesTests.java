package dev.natssandbox.sandbox;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeepFilesTests {
    @Test
    void theAnnotationsDefaultMarkerBehavesAsOnFailureOutsideJUnit() {
        assertTrue(KeepFiles.DEFAULT.keeps(true));
        assertFalse(KeepFiles.DEFAULT.keeps(false));
        assertTrue(KeepFiles.ALWAYS.keeps(false));
        assertFalse(KeepFiles.NEVER.keeps(true));
    }

    @Test
    void parsesTheChoicesInAnyCaseButNotTheMarker() {
        assertEquals(Optional.of(KeepFiles.ON_FAILURE), KeepFiles.parse(" on_failure\n"));
        assertEquals(Optional.of(KeepFiles.ALWAYS), KeepFiles.parse("ALWAYS"));
        assertEquals(Optional.empty(), KeepFiles.parse("default"));
        assertEquals(Optional.empty(), KeepFiles.parse("sometimes"));
        assertEquals(Optional.empty(), KeepFiles.parse(null));
    }
}
