package dev.natssandbox.internal.server;

/** Renders the server configuration for a given listen address; called again for every reload. */
@FunctionalInterface
public interface ConfigRenderer {
    /**
     * @param listen where the server listens, as the launcher decided
     * @return the configuration text
     */
    String render(Listen listen);
}
