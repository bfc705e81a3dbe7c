package dev.natssandbox.server;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerVersionTests {

    @Test
    void readsWhatNatsServerVersionPrints() {
        assertEquals(Optional.of(new ServerVersion(2, 9, 10)), ServerVersion.find("nats-server: v2.9.10\n"));
        assertEquals(Optional.of(new ServerVersion(2, 15, 1)), ServerVersion.find("nats-server: v2.15.1"));
    }

    @Test
    void readsImageTagsWithAndWithoutPatchAndSuffix() {
        assertEquals(Optional.of(new ServerVersion(2, 10, 0)), ServerVersion.find("2.10"));
        assertEquals(Optional.of(new ServerVersion(2, 11, 3)), ServerVersion.find("2.11.3-alpine"));
        assertEquals(Optional.of(new ServerVersion(2, 12, 0)), ServerVersion.find("2.12.0-RC.1"));
        assertEquals(Optional.empty(), ServerVersion.find("latest"));
        assertEquals(Optional.empty(), ServerVersion.find(null));
    }

    @Test
    void comparesNumericallyNotAsText() {
        assertTrue(ServerVersion.of("2.10.0").isAtLeast(ServerVersion.of("2.9.10")));
        assertFalse(ServerVersion.of("2.9.10").isAtLeast(ServerVersion.of("2.11.0")));
        assertTrue(ServerVersion.of("2.11.0").isAtLeast(ServerVersion.of("2.11.0")));
        assertEquals("2.9.10", ServerVersion.of("v2.9.10").toString());
    }

    @Test
    void aTextWithoutAVersionIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerVersion.of("x"));
        assertEquals("[x] is not a nats-server version; write it like 2.11.0", e.getMessage());
    }
}
