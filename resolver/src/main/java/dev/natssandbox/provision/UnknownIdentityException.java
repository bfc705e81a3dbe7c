package dev.natssandbox.provision;

import dev.natssandbox.InvalidInputException;

import java.util.List;

/** A user or account name that the sandbox does not have; the message lists the names it has. */
public class UnknownIdentityException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** The names that exist. */
    private final List<String> known;

    /**
     * @param message what was asked for and what exists
     * @param known   the names that exist
     */
    public UnknownIdentityException(String message, List<String> known) {
        super(message);
        this.known = List.copyOf(known);
    }

    /**
     * @return the names that exist
     */
    public List<String> known() {
        return known;
    }
}
