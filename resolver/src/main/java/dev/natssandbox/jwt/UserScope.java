package dev.natssandbox.jwt;

import java.util.Objects;

/**
 * The scope of a scoped account signing key: users it signs carry no permissions themselves, the server applies
 * {@code template} instead.
 *
 * @param role        a role name, e.g. {@code service}
 * @param template    the permissions and limits every user of this key gets
 * @param description a description
 */
public record UserScope(String role, UserPermissionLimits template, String description) {
    /**
     * Normalizes {@code null}.
     *
     * @param role        a role name, e.g. {@code service}
     * @param template    the permissions and limits every user of this key gets
     * @param description a description
     */
    public UserScope {
        role = role == null ? "" : role;
        template = Objects.requireNonNullElse(template, UserPermissionLimits.DEFAULT);
        description = description == null ? "" : description;
    }
}
