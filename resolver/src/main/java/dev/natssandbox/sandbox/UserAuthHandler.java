package dev.natssandbox.sandbox;

import dev.natssandbox.keys.NatsKeyPair;
import io.nats.client.AuthHandler;

/**
 * Authenticates a sandbox connection with the user's JWT and seed from memory.
 *
 * <p>Unlike jnats' own credential handlers it sends no {@code nkey} in CONNECT (the server takes the user's key from
 * the JWT, as it does for the Go client). nats-server, on every configuration reload, closes each client whose
 * CONNECT named an nkey that is not a configured nkey user ({@code clientHasMovedToDifferentAccount} in
 * {@code reload.go}) — with jnats' handlers that is every JWT client, so every live change would drop every
 * connection. Without the nkey, connections survive reloads and see account changes as the server applies them.
 */
final class UserAuthHandler implements AuthHandler {
    private final char[] jwt;
    private final NatsKeyPair key;

    UserAuthHandler(String jwt, NatsKeyPair key) {
        this.jwt = jwt.toCharArray();
        this.key = key;
    }

    @Override
    public byte[] sign(byte[] nonce) {
        return key.sign(nonce);
    }

    @Override
    public char[] getID() {
        return new char[0];
    }

    @Override
    public char[] getJWT() {
        return jwt.clone();
    }

    @Override
    public String toString() {
        return "UserAuthHandler[" + key.publicKey() + "]";
    }
}
