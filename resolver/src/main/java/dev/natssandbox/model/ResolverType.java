package dev.natssandbox.model;

/** How the server finds account JWTs. */
public enum ResolverType {
    /** All account JWTs preloaded in the server config ({@code resolver: MEMORY}); changes need a reload. */
    MEMORY,
    /**
     * An account server inside the JVM ({@code resolver: URL(...)}); new accounts need no reload, updated ones are
     * pushed.
     */
    URL
}
