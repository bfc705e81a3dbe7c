package dev.natssandbox.server;

import dev.natssandbox.NatsSandboxException;

import java.util.List;

/** No nats-server could be found or used. The message lists every place and way that was tried. */
public class ServerNotFoundException extends NatsSandboxException {
    private static final long serialVersionUID = 1L;

    private final List<String> tried;

    /**
     * @param message what was looked for and how to fix it
     * @param tried   every place and way tried, in order
     */
    public ServerNotFoundException(String message, List<String> tried) {
        super(message);
        this.tried = List.copyOf(tried);
    }

    /** @return every place and way tried, in order */
    public List<String> tried() {
        return tried;
    }
}
