package dev.natssandbox.junit;

import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;

/** How the server of a {@link NatsSandbox} finds account JWTs; see {@link ResolverType}. */
public enum Resolver {
    /** The spec file's {@code server.resolver}; {@link #MEMORY} for {@link NatsSandbox#accounts()}. */
    DEFAULT,
    /** {@link ResolverType#MEMORY}: every account preloaded in the config; changes reload the server. */
    MEMORY,
    /** {@link ResolverType#URL}: an account server in this JVM. */
    URL,
    /** {@link ResolverType#FULL}: the NATS-based resolver as production runs it; changes are pushed. */
    FULL,
    /** {@link ResolverType#CACHE}: the caching NATS-based resolver. */
    CACHE;

    /** @return the spec with this resolver, or unchanged for {@link #DEFAULT} */
    SandboxSpec applyTo(SandboxSpec spec) {
        return this == DEFAULT ? spec : spec.toBuilder().resolver(ResolverType.valueOf(name())).build();
    }
}
