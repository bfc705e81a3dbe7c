package dev.natssandbox.jwt;

import java.util.List;

/**
 * Allow and deny lists for publishing or subscribing ({@code "pub"} / {@code "sub"} in a user JWT). A
 * subscribe entry may name a queue group after a space: {@code "req.a workers"}. Empty lists mean "no rule":
 * with both empty, everything in the account is allowed.
 *
 * @param allow subjects allowed; when non-empty, everything else is denied
 * @param deny  subjects denied; deny wins over allow
 */
public record Permission(List<String> allow, List<String> deny) {
    /** No rules. */
    public static final Permission NONE = new Permission(List.of(), List.of());

    /**
     * Normalizes {@code null} to empty and makes the lists immutable.
     *
     * @param allow subjects allowed; when non-empty, everything else is denied
     * @param deny  subjects denied; deny wins over allow
     */
    public Permission {
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
    }

    /**
     * @param subjects subjects to allow
     * @return a permission that allows exactly these subjects
     */
    public static Permission allowing(String... subjects) {
        return new Permission(List.of(subjects), List.of());
    }

    /**
     * @return whether neither list has an entry
     */
    public boolean isEmpty() {
        return allow.isEmpty() && deny.isEmpty();
    }
}
