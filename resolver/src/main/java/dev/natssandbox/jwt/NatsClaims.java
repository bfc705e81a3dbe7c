package dev.natssandbox.jwt;

import java.util.List;

/**
 * The {@code "nats"} section of a JWT: what makes it an operator, account or user token. Activation tokens decode to
 * {@link ActivationClaims}; tokens of other types (authorization requests …) decode to {@link OtherClaims}.
 */
public sealed interface NatsClaims permits OperatorClaims, AccountClaims, UserClaims, ActivationClaims,
        AuthorizationRequestClaims, AuthorizationResponseClaims, OtherClaims {
    /**
     * @return the claim type on the wire: {@code operator}, {@code account}, {@code user} or another
     */
    String type();

    /**
     * @return the tags
     */
    List<String> tags();
}
