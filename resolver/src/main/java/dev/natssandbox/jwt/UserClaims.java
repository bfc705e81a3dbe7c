package dev.natssandbox.jwt;

import java.util.List;
import java.util.Objects;

/**
 * The {@code "nats"} section of a user JWT.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class UserClaims implements NatsClaims {
    private final UserPermissionLimits limits;
    private final String issuerAccount;
    private final List<String> tags;
    /** Wire value of {@link #type()}. */
    public static final String TYPE = "user";

    /** Normalizes {@code null} and copies lists. */
    private UserClaims(UserPermissionLimits limits, String issuerAccount, List<String> tags) {
        limits = Objects.requireNonNullElse(limits, UserPermissionLimits.DEFAULT);
        issuerAccount = issuerAccount == null ? "" : issuerAccount;
        tags = tags == null ? List.of() : List.copyOf(tags);
        this.limits = limits;
        this.issuerAccount = issuerAccount;
        this.tags = tags;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @return permissions and limits; {@link UserPermissionLimits#EMPTY} for a user of a scoped signing key
     */
    public UserPermissionLimits limits() {
        return limits;
    }

    /**
     * @return the account's public key when an account signing key signed the JWT, else empty
     */
    public String issuerAccount() {
        return issuerAccount;
    }

    /**
     * @return tags (lower-cased by the reference tools)
     */
    public List<String> tags() {
        return tags;
    }

    /**
     * Starts a builder; every other value starts at its default.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder that starts from this value
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.limits = limits;
        b.issuerAccount = issuerAccount;
        b.tags = tags;
        return b;
    }

    /**
     * Builds {@link UserClaims} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private UserPermissionLimits limits;
        private String issuerAccount;
        private List<String> tags;

        private Builder() {
        }

        /**
         * @param limits permissions and limits; {@link UserPermissionLimits#EMPTY} for a user of a scoped signing key
         * @return this builder
         */
        public Builder limits(UserPermissionLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * @param issuerAccount the account's public key when an account signing key signed the JWT, else empty
         * @return this builder
         */
        public Builder issuerAccount(String issuerAccount) {
            this.issuerAccount = issuerAccount;
            return this;
        }

        /**
         * @param tags tags (lower-cased by the reference tools)
         * @return this builder
         */
        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public UserClaims build() {
            return new UserClaims(limits, issuerAccount, tags);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof UserClaims other)) {
            return false;
        }
        return Objects.equals(limits, other.limits)
                && Objects.equals(issuerAccount, other.issuerAccount)
                && Objects.equals(tags, other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limits, issuerAccount, tags);
    }

    @Override
    public String toString() {
        return "UserClaims[limits=" + limits + ", issuerAccount=" + issuerAccount + ", tags=" + tags + "]";
    }
}
