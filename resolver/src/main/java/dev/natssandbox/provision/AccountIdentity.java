package dev.natssandbox.provision;

import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.AccountSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provisioned account: its key, named signing keys, JWT and users. Holds seeds; {@link #toString()} does not show
 * them.
 */
public final class AccountIdentity {
    private final AccountSpec spec;
    private final NatsKeyPair keyPair;
    private final Map<String, NatsKeyPair> signingKeys;
    private final AccountClaims claims;
    private final String jwt;
    private final String issuer;
    private final List<UserIdentity> users;
    private final CurveKeyPair xkey;

    AccountIdentity(AccountSpec spec, NatsKeyPair keyPair, Map<String, NatsKeyPair> signingKeys, AccountClaims claims,
                    String jwt, String issuer, List<UserIdentity> users) {
        this(spec, keyPair, signingKeys, claims, jwt, issuer, users, null);
    }

    AccountIdentity(AccountSpec spec, NatsKeyPair keyPair, Map<String, NatsKeyPair> signingKeys, AccountClaims claims,
                    String jwt, String issuer, List<UserIdentity> users, CurveKeyPair xkey) {
        this.xkey = xkey;
        this.spec = spec;
        this.keyPair = keyPair;
        this.signingKeys = Collections.unmodifiableMap(new LinkedHashMap<>(signingKeys));
        this.claims = claims;
        this.jwt = jwt;
        this.issuer = issuer;
        this.users = List.copyOf(users);
    }

    /** @return the account's name */
    public String name() {
        return spec.name();
    }

    /** @return what the account was made from */
    public AccountSpec spec() {
        return spec;
    }

    /** @return the account identity key */
    public NatsKeyPair keyPair() {
        return keyPair;
    }

    /** @return the account's public key */
    public String publicKey() {
        return keyPair.publicKey();
    }

    /** @return the account signing keys by name */
    public Map<String, NatsKeyPair> signingKeys() {
        return signingKeys;
    }

    /** @return the claims in the JWT */
    public AccountClaims claims() {
        return claims;
    }

    /** @return the account JWT */
    public String jwt() {
        return jwt;
    }

    /** @return the public key that signed the JWT (the operator or an operator signing key) */
    public String issuer() {
        return issuer;
    }

    /**
     * @return the xkey pair the sandbox made for this callout account (its spec asked for
     *         {@code xkey: generate}); empty otherwise, also when the service brings its own xkey
     */
    public Optional<CurveKeyPair> xkey() {
        return Optional.ofNullable(xkey);
    }

    /** @return the account's users, in spec order */
    public List<UserIdentity> users() {
        return users;
    }

    /**
     * @param name a user name
     * @return the user, when the account has one by that name
     */
    public Optional<UserIdentity> findUser(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return "Account[" + name() + " " + publicKey() + ", users=" + users.stream().map(UserIdentity::name).toList()
                + "]";
    }
}
