package dev.natssandbox.internal.config;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NATS-based resolver in the shape {@code nsc generate config --nats-resolver(-cache)} writes. */
class NatsResolverConfigTests {
    private final Hierarchy h = Provisioner.provision(SandboxSpec.operator("Test")
            .account("A", a -> a.user("a")).account("B").build());

    @Test
    void fullResolverBlockAsNscWritesItWithOnlyTheSystemAccountPreloaded() {
        String config = ServerConfig.builder(h).natsResolver(ResolverType.FULL, "/data/jwt").render();
        assertTrue(config.contains("\nresolver {\n    type: full\n    dir: \"/data/jwt\"\n    allow_delete: true\n"
                + "    interval: \"2m\"\n    timeout: \"1.9s\"\n}\n"), config);
        assertTrue(config.contains("\nsystem_account: " + h.systemAccount().publicKey() + "\n"), config);
        assertTrue(config.contains("resolver_preload: {\n  // Account \"SYS\"\n  " + h.systemAccount().publicKey()
                + ": " + h.systemAccount().jwt() + "\n}\n"), config);
        assertFalse(config.contains(h.account("A").jwt()), "other accounts live in the directory");
        assertFalse(config.contains("MEMORY"), config);
    }

    @Test
    void cacheResolverBlockHasATtlAndNoDeleteOrInterval() {
        String config = ServerConfig.builder(h).natsResolver(ResolverType.CACHE, "/data/jwt").render();
        assertTrue(config.contains("\nresolver {\n    type: cache\n    dir: \"/data/jwt\"\n    ttl: \"1h\"\n"
                + "    timeout: \"1.9s\"\n}\n"), config);
        assertFalse(config.contains("allow_delete"), config);
        assertFalse(config.contains("interval"), config);
    }

    @Test
    void deleteCanBeTurnedOff() {
        String config = ServerConfig.builder(h).natsResolver(ResolverType.FULL, "/j").allowDelete(false).render();
        assertTrue(config.contains("    allow_delete: false\n"), config);
    }

    @Test
    void refusesAResolverThatIsNotNatsBasedAndAnEmptyDirectory() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ServerConfig.builder(h).natsResolver(ResolverType.MEMORY, "/j"));
        assertEquals("resolver [MEMORY] is not a NATS-based resolver; use FULL or CACHE here, urlResolver(…) for "
                + "URL, nothing for MEMORY", e.getMessage());
        assertThrows(InvalidInputException.class, () -> ServerConfig.builder(h).natsResolver(ResolverType.FULL, " "));
    }

    @Test
    void theDirectoryHoldsOnePrivateFilePerAccountNamedByItsKey(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("jwt");
        ResolverDirectory.write(h, dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(h.accounts().stream().map(a -> a.publicKey() + ".jwt").sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (AccountIdentity a : h.accounts()) {
            Path f = ResolverDirectory.file(dir, a.publicKey());
            assertEquals(a.jwt(), Files.readString(f));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
}
