package dev.natssandbox.provision;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.model.SandboxSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HierarchyTests {
    private final Hierarchy h = Provisioner.provision(SandboxSpec.operator("Op")
            .account("Alpha", a -> a.user("shared").user("alice"))
            .account("Beta", b -> b.user("shared").user("bob"))
            .build());

    @Test
    void findsAUniqueUserByName() {
        UserIdentity alice = h.user("alice");
        assertEquals("Alpha", alice.account());
        assertEquals("Alpha/alice", alice.qualifiedName());
        assertEquals(h.account("Alpha").publicKey(), alice.accountPublicKey());
        assertEquals(alice, h.findUser("alice").orElseThrow());
    }

    @Test
    void findsAUserByAccountAndName() {
        assertEquals("Beta", h.user("Beta/shared").account());
        assertEquals("Alpha", h.user("Alpha/shared").account());
        assertEquals("sys", h.user("SYS/sys").name());
        assertEquals("sys", h.user("sys").name());
    }

    @Test
    void anAmbiguousNameListsTheQualifiedNames() {
        UnknownIdentityException e = assertThrows(UnknownIdentityException.class, () -> h.user("shared"));
        assertEquals("User name [shared] is ambiguous; name it with its account: [Alpha/shared, Beta/shared]",
                e.getMessage());
        assertEquals(List.of("Alpha/shared", "Beta/shared"), e.known());
        assertTrue(h.findUser("shared").isEmpty());
    }

    @Test
    void anUnknownUserListsTheUsersWithTheSystemAccountsLast() {
        List<String> users = List.of("Alpha/shared", "alice", "Beta/shared", "bob", "sys");
        assertEquals(users, h.userNames());

        UnknownIdentityException e = assertThrows(UnknownIdentityException.class, () -> h.user("alise"));
        assertEquals("No user [alise] in sandbox; users are: " + users, e.getMessage());
        assertEquals(users, e.known());
        assertInstanceOf(InvalidInputException.class, e);

        assertEquals("No user [Beta/alice] in sandbox; users are: " + users,
                assertThrows(UnknownIdentityException.class, () -> h.user("Beta/alice")).getMessage());
        assertEquals("No user [Gamma/bob] in sandbox; users are: " + users,
                assertThrows(UnknownIdentityException.class, () -> h.user("Gamma/bob")).getMessage());
        assertEquals("No user name given; users are: " + users,
                assertThrows(UnknownIdentityException.class, () -> h.user(" ")).getMessage());
        assertEquals("No user name given; users are: " + users,
                assertThrows(UnknownIdentityException.class, () -> h.user(null)).getMessage());
        assertTrue(h.findUser("nobody").isEmpty());
    }

    @Test
    void anUnknownAccountListsTheAccounts() {
        UnknownIdentityException e = assertThrows(UnknownIdentityException.class, () -> h.account("Gamma"));
        assertEquals("No account [Gamma] in sandbox; accounts are: [Alpha, Beta, SYS]", e.getMessage());
        assertEquals(List.of("Alpha", "Beta", "SYS"), e.known());
        assertTrue(h.findAccount("Gamma").isEmpty());
    }

    @Test
    void accountsAndUsersKeepSpecOrder() {
        assertEquals(List.of("Alpha", "Beta", "SYS"), h.accountNames());
        assertEquals("SYS", h.systemAccount().name());
        assertEquals(List.of("shared", "alice"), h.account("Alpha").users().stream().map(UserIdentity::name).toList());
        assertEquals(5, h.users().size());
        assertEquals("Hierarchy[operator Op, accounts [Alpha, Beta, SYS]]", h.toString());
        assertEquals("Account[Alpha " + h.account("Alpha").publicKey() + ", users=[shared, alice]]",
                h.account("Alpha").toString());
    }
}
