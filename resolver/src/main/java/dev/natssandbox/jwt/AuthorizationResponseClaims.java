package dev.natssandbox.jwt;

import java.util.List;

/**
 * The {@code "nats"} section of an {@code authorization_response} token: an auth callout service's answer. Signed
 * by the callout account (or one of its signing keys, then with {@link #issuerAccount()}); subject = the request's
 * user nkey, audience = the server's id. Exactly one of {@link #jwt()} and {@link #error()} is set. As nats-io/jwt
 * v2.8 {@code AuthorizationResponse} has it.
 *
 * @param jwt           the user JWT the client is admitted with, or empty for a refusal
 * @param error         the reason for a refusal (the client sees it), or empty
 * @param issuerAccount the callout account's public key when a signing key signs the response, else empty
 * @param tags          tags
 */
public record AuthorizationResponseClaims(String jwt, String error, String issuerAccount, List<String> tags)
        implements NatsClaims {
    /** Wire value of {@link #type()}. */
    public static final String TYPE = "authorization_response";

    /** Normalizes {@code null} and copies lists. */
    public AuthorizationResponseClaims {
        jwt = jwt == null ? "" : jwt;
        error = error == null ? "" : error;
        issuerAccount = issuerAccount == null ? "" : issuerAccount;
        tags = tags == null ? List.of() : List.copyOf(tags);
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
}
