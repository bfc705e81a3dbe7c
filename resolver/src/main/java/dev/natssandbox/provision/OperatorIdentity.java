package dev.natssandbox.provision;

import dev.natssandbox.jwt.OperatorClaims;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.OperatorSpec;

import java.util.List;

/**
 * The provisioned operator: its key, signing keys and self-signed JWT. Holds seeds; {@link #toString()} does not
 * show them.
 */
public final class OperatorIdentity {
    private final OperatorSpec spec;
    private final NatsKeyPair keyPair;
    private final List<NatsKeyPair> signingKeys;
    private final OperatorClaims claims;
    private final String jwt;

    OperatorIdentity(OperatorSpec spec, NatsKeyPair keyPair, List<NatsKeyPair> signingKeys, OperatorClaims claims,
                     String jwt) {
        this.spec = spec;
        this.keyPair = keyPair;
        this.signingKeys = List.copyOf(signingKeys);
        this.claims = claims;
        this.jwt = jwt;
    }

    /** @return the operator's name */
    public String name() {
        return spec.name();
    }

    /** @return what the operator was made from */
    public OperatorSpec spec() {
        return spec;
    }

    /** @return the operator identity key */
    public NatsKeyPair keyPair() {
        return keyPair;
    }

    /** @return the operator's public key */
    public String publicKey() {
        return keyPair.publicKey();
    }

    /** @return the operator signing keys, in order */
    public List<NatsKeyPair> signingKeys() {
        return signingKeys;
    }

    /** @return the key that signs accounts: the first signing key, or the identity key when there is none */
    public NatsKeyPair accountSigner() {
        return signingKeys.isEmpty() ? keyPair : signingKeys.get(0);
    }

    /** @return the claims in the JWT */
    public OperatorClaims claims() {
        return claims;
    }

    /** @return the operator JWT */
    public String jwt() {
        return jwt;
    }

    @Override
    public String toString() {
        return "Operator[" + name() + " " + publicKey() + "]";
    }
}
