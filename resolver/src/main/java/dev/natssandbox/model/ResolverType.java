package dev.natssandbox.model;

/** How the server finds account JWTs. */
public enum ResolverType {
    /** All account JWTs preloaded in the server config ({@code resolver: MEMORY}); changes need a reload. */
    MEMORY,
    /**
     * An account server inside the JVM ({@code resolver: URL(...)}); new accounts need no reload, updated ones are
     * pushed.
     */
    URL,
    /**
     * The NATS-based resolver as production runs it ({@code resolver { type: full, dir: … }}): every account JWT in
     * a directory the server owns, filled before start; new, changed and removed accounts are pushed over the
     * system account ({@code $SYS.REQ.CLAIMS.UPDATE}, {@code $SYS.REQ.CLAIMS.DELETE}), no reload.
     */
    FULL,
    /**
     * The caching NATS-based resolver ({@code resolver { type: cache, dir: … }}): keeps the accounts it has looked
     * up; on its own (no full resolver in reach) it knows the accounts its directory held at start, changed
     * accounts are pushed; a new account is answered by the sandbox to the server's lookup.
     */
    CACHE;

    /** @return whether this is one of the NATS-based resolvers ({@link #FULL}, {@link #CACHE}) */
    public boolean natsBased() {
        return this == FULL || this == CACHE;
    }
}
