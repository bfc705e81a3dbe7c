package dev.natssandbox.samples;

import dev.natssandbox.junit.Account;
import dev.natssandbox.junit.NatsSandbox;
import dev.natssandbox.junit.SandboxScope;
import dev.natssandbox.junit.NatsUser;
import dev.natssandbox.junit.User;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.natssandbox.junit.NatsAssertions.assertCannotPublish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests that run at the same time without hearing each other: {@link SandboxScope#ACCOUNT_PER_METHOD} starts one server for the
 * whole run and gives each test method fresh copies of the declared accounts (here {@code Chat}, copied as
 * {@code Chat-…}), with their users, removed after the test. A test names its users as declared; the sandbox maps
 * the names to the test's own copies. Accounts are separate subject spaces, so every test may use the same
 * subjects.
 *
 * <p>The class opts in to concurrent execution with {@code @Execution(CONCURRENT)}; the samples' {@code
 * junit-platform.properties} enables parallel execution and leaves every other class sequential.
 */
@NatsSandbox(scope = SandboxScope.ACCOUNT_PER_METHOD, accounts = @Account(name = "Chat", users = {
        @User(name = "Alice"),
        @User(name = "Bob", allowPub = "room", allowSub = ">")}))
@Execution(ExecutionMode.CONCURRENT)
class ParallelTestsIT {
    private static final Duration SAFETY_NET = Duration.ofSeconds(10);

    @Test
    void morning(@NatsUser("Alice") Connection alice, @NatsUser("Bob") Connection bob, Sandbox sandbox)
            throws Exception {
        hearsOnlyItsOwnMessage("good morning", alice, bob, sandbox);
    }

    @Test
    void evening(@NatsUser("Alice") Connection alice, @NatsUser("Bob") Connection bob, Sandbox sandbox)
            throws Exception {
        hearsOnlyItsOwnMessage("good evening", alice, bob, sandbox);
    }

    @Test
    void night(@NatsUser("Alice") Connection alice, @NatsUser("Bob") Connection bob, Sandbox sandbox)
            throws Exception {
        hearsOnlyItsOwnMessage("good night", alice, bob, sandbox);
    }

    /** The declared permissions come with every copy. */
    @Test
    void permissionsAreCopiedToo(@NatsUser("Bob") Connection bob) {
        assertCannotPublish(bob, "lobby");
    }

    /**
     * Bob listens to everything in his account; Alice says one thing in the room. Whatever the other tests say at
     * the same time, Bob hears exactly Alice's message: after Alice's flush and Bob's own, anything the server was
     * going to deliver to him has arrived.
     */
    private static void hearsOnlyItsOwnMessage(String words, Connection alice, Connection bob, Sandbox sandbox)
            throws Exception {
        String account = sandbox.hierarchy().user(alice.getOptions().getConnectionName()).account();
        assertTrue(account.startsWith("Chat-"), "this test's own copy of Chat: " + account);

        Subscription everything = bob.subscribe(">");
        bob.flush(SAFETY_NET);
        alice.publish("room", words.getBytes(StandardCharsets.UTF_8));
        alice.flush(SAFETY_NET);
        bob.flush(SAFETY_NET);

        assertEquals(1, everything.getPendingMessageCount(), "only this test's message");
        Message heard = everything.nextMessage(Duration.ofMillis(1)); // already queued: returns at once
        assertEquals(words, new String(heard.getData(), StandardCharsets.UTF_8));
    }
}
