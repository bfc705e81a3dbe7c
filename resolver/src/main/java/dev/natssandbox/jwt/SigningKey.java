package dev.natssandbox.jwt;

import java.util.Objects;

/**
 * An account signing key as listed in {@code "signing_keys"}: a plain public key, or a scoped key with a
 * {@link UserScope} (written as {@code {"kind":"user_scope","key":…}}).
 *
 * @param key   the signing key's public key ({@code A…})
 * @param scope the scope, or {@code null} for a plain signing key
 */
public record SigningKey(String key, UserScope scope) {
    /**
     * Requires a key.
     *
     * @param key   the signing key's public key ({@code A…})
     * @param scope the scope, or {@code null} for a plain signing key
     */
    public SigningKey {
        Objects.requireNonNull(key, "signing key");
    }

    /**
     * @return whether this key is scoped
     */
    public boolean isScoped() {
        return scope != null;
    }
}
