package dev.natssandbox.jwt;

import java.util.List;
import java.util.Objects;

/**
 * The {@code "nats"} section of an {@code authorization_response} token: an auth callout service's answer. Signed
 * by the callout account (or one of its signing keys, then with {@link #issuerAccount()}); subject = the request's
 * user nkey, audience = the server's id. Exactly one of {@link #jwt()} and {@link #error()} is set. As nats-io/jwt
 * v2.8 {@code AuthorizationResponse} has it.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class AuthorizationResponseClaims implements NatsClaims {
    private final String jwt;
    private final String error;
    private final String issuerAccount;
    private final List<String> tags;
    /** Wire value of {@link #type()}. */
    public static final String TYPE = "authorization_response";

    /** Normalizes {@code null} and copies lists. */
    private AuthorizationResponseClaims(String jwt, String error, String issuerAccount, List<String> tags) {
        jwt = jwt == null ? "" : jwt;
        error = error == null ? "" : error;
        issuerAccount = issuerAccount == null ? "" : issuerAccount;
        tags = tags == null ? List.of() : List.copyOf(tags);
        this.jwt = jwt;
        this.error = error;
        this.issuerAccount = issuerAccount;
        this.tags = tags;
    }

    /**
     * @param userJwt the user JWT to admit the client with
     * @return a response admitting the client
     */
    public static AuthorizationResponseClaims admit(String userJwt) {
        return new AuthorizationResponseClaims(userJwt, "", "", List.of());
    }

    /**
     * @param reason why the client is refused; the server passes it to the client
     * @return a refusal
     */
    public static AuthorizationResponseClaims refuse(String reason) {
        return new AuthorizationResponseClaims("", reason, "", List.of());
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @return the user JWT the client is admitted with, or empty for a refusal
     */
    public String jwt() {
        return jwt;
    }

    /**
     * @return the reason for a refusal (the client sees it), or empty
     */
    public String error() {
        return error;
    }

    /**
     * @return the callout account's public key when a signing key signs the response, else empty
     */
    public String issuerAccount() {
        return issuerAccount;
    }

    /**
     * @return tags
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
        b.jwt = jwt;
        b.error = error;
        b.issuerAccount = issuerAccount;
        b.tags = tags;
        return b;
    }

    /**
     * Builds {@link AuthorizationResponseClaims} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private String jwt;
        private String error;
        private String issuerAccount;
        private List<String> tags;

        private Builder() {
        }

        /**
         * @param jwt the user JWT the client is admitted with, or empty for a refusal
         * @return this builder
         */
        public Builder jwt(String jwt) {
            this.jwt = jwt;
            return this;
        }

        /**
         * @param error the reason for a refusal (the client sees it), or empty
         * @return this builder
         */
        public Builder error(String error) {
            this.error = error;
            return this;
        }

        /**
         * @param issuerAccount the callout account's public key when a signing key signs the response, else empty
         * @return this builder
         */
        public Builder issuerAccount(String issuerAccount) {
            this.issuerAccount = issuerAccount;
            return this;
        }

        /**
         * @param tags tags
         * @return this builder
         */
        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public AuthorizationResponseClaims build() {
            return new AuthorizationResponseClaims(jwt, error, issuerAccount, tags);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthorizationResponseClaims other)) {
            return false;
        }
        return Objects.equals(jwt, other.jwt)
                && Objects.equals(error, other.error)
                && Objects.equals(issuerAccount, other.issuerAccount)
                && Objects.equals(tags, other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jwt, error, issuerAccount, tags);
    }

    @Override
    public String toString() {
        return "AuthorizationResponseClaims[jwt=" + jwt + ", error=" + error + ", issuerAccount=" + issuerAccount
                + ", tags=" + tags + "]";
    }
}
