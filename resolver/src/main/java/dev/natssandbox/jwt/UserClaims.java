package dev.natssandbox.jwt;

import java.util.List;
import java.util.Objects;

/**
 * The {@code "nats"} section of a user JWT.
 *
 * @param limits        permissions and limits; {@link UserPermissionLimits#EMPTY} for a user of a scoped signing key
 * @param issuerAccount the account's public key when an account signing key signed the JWT, else empty
 * @param tags          tags (lower-cased by the reference tools)
 */
public record UserClaims(UserPermissionLimits limits, String issuerAccount, List<String> tags) implements NatsClaims {
    /** Wire value of {@link #type()}. */
    public static final String TYPE = "user";

    /** Normalizes {@code null} and copies lists. */
    public UserClaims {
        limits = Objects.requireNonNullElse(limits, UserPermissionLimits.DEFAULT);
        issuerAccount = issuerAccount == null ? "" : issuerAccount;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
