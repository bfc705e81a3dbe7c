package dev.natssandbox.push;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The operator a deployment trusts, as its server reports it (VARZ {@code trusted_operators_claim}).
 *
 * @param publicKey   the operator's identity key
 * @param name        its name
 * @param signingKeys its signing keys
 * @param strict      {@code strict_signing_key_usage}: only signing keys may issue accounts
 */
public record TrustedOperator(String publicKey, String name, List<String> signingKeys, boolean strict) {
    /**
     * Copies the list.
     *
     * @param publicKey   the operator's identity key
     * @param name        its name
     * @param signingKeys its signing keys
     * @param strict      {@code strict_signing_key_usage}: only signing keys may issue accounts
     */
    public TrustedOperator {
        signingKeys = List.copyOf(signingKeys);
    }

    /** @return the keys whose account JWTs and delete requests the deployment accepts */
    public Set<String> issuers() {
        Set<String> keys = new LinkedHashSet<>();
        if (!strict) {
            keys.add(publicKey);
        }
        keys.addAll(signingKeys);
        return keys;
    }

    /**
     * @param key an operator or signing public key
     * @return whether the deployment accepts what it signs
     */
    public boolean trusts(String key) {
        return issuers().contains(key);
    }
}
