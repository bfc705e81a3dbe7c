package dev.natssandbox.junit;

/** How tests of a {@link NatsSandbox} are kept apart. */
public enum Isolation {
    /** Tests share the sandbox's accounts (and see each other's messages when they run at the same time). */
    NONE,
    /**
     * One server for the whole run, shared by every class whose operator, system account, server settings, launcher,
     * image and file keeping agree (whatever accounts they declare), and each test method gets fresh copies of the declared accounts, named after the
     * test, with their users; they are removed (every user revoked) after the test. Tests that run in parallel
     * cannot see each other's messages. The server uses the in-JVM account resolver, or the NATS-based resolver when
     * {@link NatsSandbox#resolver()} declares {@code FULL} or {@code CACHE}; either way adding an account needs no
     * reload.
     */
    ACCOUNT
}
