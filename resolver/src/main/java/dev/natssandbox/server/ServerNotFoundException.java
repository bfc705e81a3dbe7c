package dev.natssandbox.server;

import dev.natssandbox.NatsSandboxException;

import java.util.List;

/** No nats-server could be found or used. The message lists every place and way that was tried. */
public class ServerNotFoundException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    /** Every place tried, with why it did not serve. */
    private final List<String> tried;
    /** Whether an explicitly configured path was unusable. */
    private final boolean configuredPathUnusable;

    /**
     * @param message what was looked for and how to fix it
     * @param tried   every place and way tried, in order
     */
    public ServerNotFoundException(String message, List<String> tried) {
        this(message, tried, false);
    }

    /**
     * @param message                what was looked for and how to fix it
     * @param tried                  every place and way tried, in order
     * @param configuredPathUnusable whether a path the user configured (explicitly, by system property or by
     *                               environment variable) was wrong, as opposed to nothing being found
     */
    public ServerNotFoundException(String message, List<String> tried, boolean configuredPathUnusable) {
        super(message);
        this.tried = List.copyOf(tried);
        this.configuredPathUnusable = configuredPathUnusable;
    }

    /** @return every place and way tried, in order */
    public List<String> tried() {
        return tried;
    }

    /**
     * @return whether a configured path was wrong; then no other launcher is tried in its place, because silently
     *         running a different server hides the mistake
     */
    public boolean configuredPathUnusable() {
        return configuredPathUnusable;
    }
}
