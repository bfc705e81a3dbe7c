package dev.natssandbox.internal.store;

import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.Provisioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A write removes the staging directories that processes which are gone left next to its target. */
class StagingTests {
    private static final long OWN_PID = ProcessHandle.current().pid();
    private static final long OWN_START = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    /** Above Linux's largest possible pid (2^22): never a running process. */
    private static final long NO_SUCH_PID = 2_147_483_647L;

    @TempDir
    Path parent;

    @Test
    void aWriteRemovesStagingOfDeadOwnersAndKeepsStagingOfLiveOnes() throws IOException {
        Path dead = staging(NO_SUCH_PID, 1_700_000_000_000L, "1");
        Path deadHalfDeleted = staging(NO_SUCH_PID, 1_700_000_000_000L, "2.abandoned");
        Path reusedPid = staging(OWN_PID, OWN_START - Duration.ofDays(1).toMillis(), "3");
        Path live = staging(OWN_PID, OWN_START, "4");
        Path notOurs = Files.createDirectory(parent.resolve(Staging.PREFIX + "something-else"));

        NscStore.write(Provisioner.provision(SandboxSpec.operator("Op").account("A", a -> a.user("u")).build()),
                parent.resolve("out"));

        assertEquals(Set.of(live, notOurs, parent.resolve("out")), entries());
        for (Path p : List.of(dead, deadHalfDeleted, reusedPid)) {
            assertTrue(Files.notExists(p), p + " is left");
        }
    }

    @Test
    void aWriteLeavesNoStagingOfItsOwn() throws IOException {
        NscStore.write(Provisioner.provision(SandboxSpec.operator("Op").build()), parent.resolve("out"));
        assertEquals(Set.of(parent.resolve("out")), entries());
    }

    @Test
    void stagingNamesTheOwnerSoThatALaterRunCanTellItIsGone() {
        Staging s = Staging.create(parent);
        try {
            String name = s.dir().getFileName().toString();
            assertTrue(name.startsWith(Staging.PREFIX + OWN_PID + "-" + OWN_START + "-"), name);
            assertEquals(List.of(), Staging.stale(parent));
        } finally {
            s.close();
        }
        assertTrue(Files.notExists(s.dir()));
    }

    private Path staging(long pid, long startMillis, String suffix) throws IOException {
        Path p = Files.createDirectories(parent.resolve(Staging.PREFIX + pid + "-" + startMillis + "-" + suffix)
                .resolve("keys"));
        Files.writeString(p.resolve("seed.nk"), "not a real seed");
        return p.getParent();
    }

    private Set<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.collect(Collectors.toSet());
        }
    }
}
