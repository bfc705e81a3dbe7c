package dev.natssandbox.callout;

import dev.natssandbox.jwt.AuthorizationRequestClaims;
import dev.natssandbox.jwt.Jwt;

/**
 * A decoded, signature-checked {@code authorization_request}: a client is connecting and the server asks who it is.
 * {@link #toString()} never shows the password or token.
 *
 * @param token     the request token (signed by the server)
 * @param claims    its {@code nats} section
 * @param encrypted whether the server sealed the request for the service's xkey
 */
public record CalloutRequest(Jwt token, AuthorizationRequestClaims claims, boolean encrypted) {
    /** @return the user name the client sent in CONNECT, or empty */
    public String username() {
        return claims.connectOptions().username();
    }

    /** @return the password the client sent, or empty */
    public String password() {
        return claims.connectOptions().password();
    }

    /** @return the auth token the client sent, or empty */
    public String authToken() {
        return claims.connectOptions().token();
    }

    /** @return the connection name the client sent, or empty */
    public String connectionName() {
        return claims.connectOptions().name();
    }

    /** @return the public key the server made for this connection: the subject of the user JWT to issue */
    public String userNkey() {
        return claims.userNkey();
    }

    /** @return the asking server's id ({@code N…}): the audience of the response */
    public String serverId() {
        return claims.server().id();
    }

    /** @return the asking server's version, e.g. {@code 2.10.27} */
    public String serverVersion() {
        return claims.server().version();
    }

    /** @return the server and client, never the credentials */
    @Override
    public String toString() {
        return "CalloutRequest[user=" + username() + ", client=" + claims.clientInfo().host() + "#"
                + claims.clientInfo().id() + ", server=" + claims.server().name() + " " + serverVersion()
                + (encrypted ? ", encrypted" : "") + "]";
    }
}
