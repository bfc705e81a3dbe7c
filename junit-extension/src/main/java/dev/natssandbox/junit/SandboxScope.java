package dev.natssandbox.junit;

/**
 * How long a {@link NatsSandbox} server lives, and what its tests share. One enum, so that a server per test method
 * cannot be combined with accounts per test method on a shared server.
 */
public enum SandboxScope {
    /** One server for the test class (default), stopped after the class. */
    CLASS,
    /** A fresh server for each test method. */
    METHOD,
    /**
     * One server for every class of the run that declares the same sandbox (same spec or annotations and settings),
     * stopped when the run ends.
     */
    SHARED,
    /**
     * One server for the whole run, shared by every class with this scope whose operator, system account, server
     * settings, launcher, image and file keeping agree (whatever accounts they declare), and for each test method
     * fresh copies of the declared accounts, named after the test, with their users; they are removed (every user
     * revoked) after the test. Tests that run in parallel cannot see each other's messages. The server uses the
     * in-JVM account resolver, or the NATS-based resolver when {@link NatsSandbox#resolver()} declares
     * {@code FULL} or {@code CACHE}; either way adding an account needs no reload.
     */
    ACCOUNT_PER_METHOD
}
