package dev.natssandbox.jwt;

import java.time.Instant;
import java.util.Objects;

/**
 * A decoded token whose signature has been verified against its issuer.
 *
 * @param token       the encoded token
 * @param version     1 for a v1 token (header alg {@code ed25519}, signature over the payload only), 2 otherwise
 * @param algorithm   the header's {@code alg}
 * @param id          {@code jti}
 * @param audience    {@code aud}, or empty
 * @param expires     {@code exp} in unix seconds, 0 when the token does not expire
 * @param issuedAt    {@code iat} in unix seconds
 * @param issuer      {@code iss}: the public key that signed the token
 * @param name        {@code name}, or empty
 * @param notBefore   {@code nbf} in unix seconds, 0 when absent
 * @param subject     {@code sub}: the public key the token describes
 * @param claims      the {@code nats} section
 * @param payloadJson the payload as decoded from the token
 */
public record Jwt(
        String token,
        int version,
        String algorithm,
        String id,
        String audience,
        long expires,
        long issuedAt,
        String issuer,
        String name,
        long notBefore,
        String subject,
        NatsClaims claims,
        String payloadJson) {

    /** Requires the token and claims. */
    public Jwt {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(claims, "claims");
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
}
