package dev.natssandbox.provision;

import dev.natssandbox.creds.Creds;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.UserSpec;

/**
 * A provisioned user: key, JWT and {@link Creds}. Holds a seed; {@link #toString()} does not show it.
 */
public final class UserIdentity {
    private final String account;
    private final String accountPublicKey;
    private final UserSpec spec;
    private final NatsKeyPair keyPair;
    private final UserClaims claims;
    private final String jwt;
    private final String issuer;

    UserIdentity(String account, String accountPublicKey, UserSpec spec, NatsKeyPair keyPair, UserClaims claims,
                 String jwt, String issuer) {
        this.account = account;
        this.accountPublicKey = accountPublicKey;
        this.spec = spec;
        this.keyPair = keyPair;
        this.claims = claims;
        this.jwt = jwt;
        this.issuer = issuer;
    }

    /** @return the user's name */
    public String name() {
        return spec.name();
    }

    /** @return {@code Account/User} */
    public String qualifiedName() {
        return account + "/" + spec.name();
    }

    /** @return the name of the user's account */
    public String account() {
        return account;
    }

    /** @return the public key of the user's account */
    public String accountPublicKey() {
        return accountPublicKey;
    }

    /** @return what the user was made from */
    public UserSpec spec() {
        return spec;
    }

    /** @return the user key */
    public NatsKeyPair keyPair() {
        return keyPair;
    }

    /** @return the user's public key */
    public String publicKey() {
        return keyPair.publicKey();
    }

    /** @return the claims in the JWT */
    public UserClaims claims() {
        return claims;
    }

    /** @return the user JWT */
    public String jwt() {
        return jwt;
    }

    /** @return the public key that signed the JWT (the account or one of its signing keys) */
    public String issuer() {
        return issuer;
    }

    /** @return the user's credentials (JWT and seed) */
    public Creds creds() {
        return Creds.of(jwt, keyPair);
    }

    @Override
    public String toString() {
        return "User[" + qualifiedName() + " " + publicKey() + "]";
    }
}
