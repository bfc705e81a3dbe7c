package dev.natssandbox.jwt;

import java.time.Instant;
import java.util.Objects;

/**
 * A decoded token whose signature has been verified against its issuer.
 *
 * <p>Built with {@link #builder}; {@link #toBuilder()} starts from a copy of a value.
 */
public final class Jwt {
    private final String token;
    private final int version;
    private final String algorithm;
    private final String id;
    private final String audience;
    private final long expires;
    private final long issuedAt;
    private final String issuer;
    private final String name;
    private final long notBefore;
    private final String subject;
    private final NatsClaims claims;
    private final String payloadJson;

    /** Requires the token and claims. */
    private Jwt(String token, int version, String algorithm, String id, String audience, long expires, long issuedAt,
                String issuer, String name, long notBefore, String subject, NatsClaims claims, String payloadJson) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(claims, "claims");
        this.token = token;
        this.version = version;
        this.algorithm = algorithm;
        this.id = id;
        this.audience = audience;
        this.expires = expires;
        this.issuedAt = issuedAt;
        this.issuer = issuer;
        this.name = name;
        this.notBefore = notBefore;
        this.subject = subject;
        this.claims = claims;
        this.payloadJson = payloadJson;
    }

    /**
     * @return {@code operator}, {@code account}, {@code user} or another claim type
     */
    public String type() {
        return claims.type();
    }

    /**
     * @return whether the token names its issuer as its subject
     */
    public boolean isSelfSigned() {
        return issuer.equals(subject);
    }

    /**
     * @param now the time to check against
     * @return whether {@code exp} is set and before {@code now}
     */
    public boolean isExpired(Instant now) {
        return expires > 0 && now.getEpochSecond() > expires;
    }

    /**
     * @param now the time to check against
     * @return whether {@code nbf} is set and after {@code now}
     */
    public boolean isNotYetValid(Instant now) {
        return notBefore > 0 && notBefore > now.getEpochSecond();
    }

    /**
     * @return the operator claims
     * @throws JwtException when this is not an operator token
     */
    public OperatorClaims operator() {
        return as(OperatorClaims.class, OperatorClaims.TYPE);
    }

    /**
     * @return the account claims
     * @throws JwtException when this is not an account token
     */
    public AccountClaims account() {
        return as(AccountClaims.class, AccountClaims.TYPE);
    }

    /**
     * @return the user claims
     * @throws JwtException when this is not a user token
     */
    public UserClaims user() {
        return as(UserClaims.class, UserClaims.TYPE);
    }

    /**
     * @return the auth callout request claims
     * @throws JwtException when this is not an {@code authorization_request} token
     */
    public AuthorizationRequestClaims authorizationRequest() {
        return as(AuthorizationRequestClaims.class, AuthorizationRequestClaims.TYPE);
    }

    /**
     * @return the auth callout response claims
     * @throws JwtException when this is not an {@code authorization_response} token
     */
    public AuthorizationResponseClaims authorizationResponse() {
        return as(AuthorizationResponseClaims.class, AuthorizationResponseClaims.TYPE);
    }

    private <T extends NatsClaims> T as(Class<T> type, String expected) {
        if (!type.isInstance(claims)) {
            throw new JwtException("token for [" + (name.isEmpty() ? subject : name) + "] is " + article(type())
                    + " token; expected " + article(expected) + " token");
        }
        return type.cast(claims);
    }

    static String article(String type) {
        // By sound, not spelling: "an account", "an operator", but "a user".
        return (type.matches("^[aeio].*") ? "an " : "a ") + type;
    }

    /**
     * @return type, name and subject; the token itself is left out
     */
    @Override
    public String toString() {
        return "Jwt[" + type() + " " + (name.isEmpty() ? "" : name + " ") + subject + " v" + version + "]";
    }

    /**
     * @return the encoded token
     */
    public String token() {
        return token;
    }

    /**
     * @return 1 for a v1 token (header alg {@code ed25519}, signature over the payload only), 2 otherwise
     */
    public int version() {
        return version;
    }

    /**
     * @return the header's {@code alg}
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * @return {@code jti}
     */
    public String id() {
        return id;
    }

    /**
     * @return {@code aud}, or empty
     */
    public String audience() {
        return audience;
    }

    /**
     * @return {@code exp} in unix seconds, 0 when the token does not expire
     */
    public long expires() {
        return expires;
    }

    /**
     * @return {@code iat} in unix seconds
     */
    public long issuedAt() {
        return issuedAt;
    }

    /**
     * @return {@code iss}: the public key that signed the token
     */
    public String issuer() {
        return issuer;
    }

    /**
     * @return {@code name}, or empty
     */
    public String name() {
        return name;
    }

    /**
     * @return {@code nbf} in unix seconds, 0 when absent
     */
    public long notBefore() {
        return notBefore;
    }

    /**
     * @return {@code sub}: the public key the token describes
     */
    public String subject() {
        return subject;
    }

    /**
     * @return the {@code nats} section
     */
    public NatsClaims claims() {
        return claims;
    }

    /**
     * @return the payload as decoded from the token
     */
    public String payloadJson() {
        return payloadJson;
    }

    /**
     * Starts a builder; every other value starts at its default.
     *
     * @param token the encoded token
     * @param claims the {@code nats} section
     * @return a builder
     */
    public static Builder builder(String token, NatsClaims claims) {
        return new Builder(token, claims);
    }

    /**
     * @return a builder that starts from this value
     */
    public Builder toBuilder() {
        Builder b = new Builder(token, claims);
        b.version = version;
        b.algorithm = algorithm;
        b.id = id;
        b.audience = audience;
        b.expires = expires;
        b.issuedAt = issuedAt;
        b.issuer = issuer;
        b.name = name;
        b.notBefore = notBefore;
        b.subject = subject;
        b.payloadJson = payloadJson;
        return b;
    }

    /**
     * Builds {@link Jwt} values; mutable, not thread-safe.
     */
    public static final class Builder {
        private String token;
        private int version;
        private String algorithm;
        private String id;
        private String audience;
        private long expires;
        private long issuedAt;
        private String issuer;
        private String name;
        private long notBefore;
        private String subject;
        private NatsClaims claims;
        private String payloadJson;

        private Builder(String token, NatsClaims claims) {
            this.token = token;
            this.claims = claims;
        }

        /**
         * @param token the encoded token
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * @param version 1 for a v1 token (header alg {@code ed25519}, signature over the payload only), 2 otherwise
         * @return this builder
         */
        public Builder version(int version) {
            this.version = version;
            return this;
        }

        /**
         * @param algorithm the header's {@code alg}
         * @return this builder
         */
        public Builder algorithm(String algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        /**
         * @param id {@code jti}
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * @param audience {@code aud}, or empty
         * @return this builder
         */
        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /**
         * @param expires {@code exp} in unix seconds, 0 when the token does not expire
         * @return this builder
         */
        public Builder expires(long expires) {
            this.expires = expires;
            return this;
        }

        /**
         * @param issuedAt {@code iat} in unix seconds
         * @return this builder
         */
        public Builder issuedAt(long issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        /**
         * @param issuer {@code iss}: the public key that signed the token
         * @return this builder
         */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /**
         * @param name {@code name}, or empty
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param notBefore {@code nbf} in unix seconds, 0 when absent
         * @return this builder
         */
        public Builder notBefore(long notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        /**
         * @param subject {@code sub}: the public key the token describes
         * @return this builder
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * @param claims the {@code nats} section
         * @return this builder
         */
        public Builder claims(NatsClaims claims) {
            this.claims = claims;
            return this;
        }

        /**
         * @param payloadJson the payload as decoded from the token
         * @return this builder
         */
        public Builder payloadJson(String payloadJson) {
            this.payloadJson = payloadJson;
            return this;
        }

        /**
         * @return the value; checked as the type's rules require
         */
        public Jwt build() {
            return new Jwt(token, version, algorithm, id, audience, expires, issuedAt, issuer, name, notBefore, subject,
                    claims, payloadJson);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Jwt other)) {
            return false;
        }
        return Objects.equals(token, other.token)
                && version == other.version
                && Objects.equals(algorithm, other.algorithm)
                && Objects.equals(id, other.id)
                && Objects.equals(audience, other.audience)
                && expires == other.expires
                && issuedAt == other.issuedAt
                && Objects.equals(issuer, other.issuer)
                && Objects.equals(name, other.name)
                && notBefore == other.notBefore
                && Objects.equals(subject, other.subject)
                && Objects.equals(claims, other.claims)
                && Objects.equals(payloadJson, other.payloadJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(token, version, algorithm, id, audience, expires, issuedAt, issuer, name, notBefore,
                subject, claims, payloadJson);
    }
}
