package dev.natssandbox.cli;

import dev.natssandbox.cli.CheckCommand.ProbedUser;
import dev.natssandbox.model.SandboxSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckUsersTests {
    private static final SandboxSpec SPEC = SandboxSpec.operator("Test")
            .account("A", a -> a.user("alice").user("shared"))
            .account("B", a -> a.user("shared"))
            .build();

    @Test
    void theSystemAccountsUsersAreLeftOutUnlessAskedFor() {
        assertEquals(List.of(new ProbedUser("alice", "A/alice", "A"), new ProbedUser("A/shared", "A/shared", "A"),
                new ProbedUser("B/shared", "B/shared", "B")), CheckCommand.users(SPEC, false));
        assertEquals(new ProbedUser("sys", "SYS/sys", "SYS"), CheckCommand.users(SPEC, true).get(3));
        assertEquals(4, CheckCommand.users(SPEC, true).size());
    }
}
