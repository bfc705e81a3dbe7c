package dev.natssandbox.jwt;

import java.util.Objects;

/**
 * Publish, subscribe and response permissions: a user's own, a scoped signing key's template, or an account's
 * {@code default_permissions}.
 *
 * @param pub  publish permission
 * @param sub  subscribe permission (entries may carry a queue group: {@code "subject queue"})
 * @param resp response permission, or {@code null} for none
 */
public record Permissions(Permission pub, Permission sub, ResponsePermission resp) {
    /** No rules at all: everything in the account is allowed. */
    public static final Permissions NONE = new Permissions(Permission.NONE, Permission.NONE, null);

    /**
     * Normalizes {@code null} permissions to {@link Permission#NONE}.
     *
     * @param pub  publish permission
     * @param sub  subscribe permission (entries may carry a queue group: {@code "subject queue"})
     * @param resp response permission, or {@code null} for none
     */
    public Permissions {
        pub = Objects.requireNonNullElse(pub, Permission.NONE);
        sub = Objects.requireNonNullElse(sub, Permission.NONE);
    }

    /**
     * @return whether there is no rule and no response permission
     */
    public boolean isEmpty() {
        return pub.isEmpty() && sub.isEmpty() && resp == null;
    }
}
