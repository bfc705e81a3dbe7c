package dev.natssandbox.junit;

/** How long a {@link NatsSandbox} server lives. */
public enum SandboxScope {
    /** One server for the test class (default), stopped after the class. */
    CLASS,
    /** A fresh server for each test method. */
    METHOD,
    /**
     * One server for every class of the run that declares the same sandbox (same spec or annotations and settings),
     * stopped when the run ends.
     */
    SHARED
}
