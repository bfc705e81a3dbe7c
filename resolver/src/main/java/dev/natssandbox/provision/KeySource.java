package dev.natssandbox.provision;

import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;

/**
 * Where the provisioner gets each identity's key: freshly generated, reused from an earlier provisioning (so that
 * creds handed out stay valid across changes), or read from a keystore. Implementations must be thread-safe; the
 * provisioner asks for keys of different accounts concurrently.
 */
public interface KeySource {
    /**
     * @param operator the operator's name
     * @return the operator identity key
     */
    NatsKeyPair operator(String operator);

    /**
     * @param operator the operator's name
     * @param index    0-based index of the signing key
     * @return the operator signing key
     */
    NatsKeyPair operatorSigningKey(String operator, int index);

    /**
     * @param account the account's name
     * @return the account identity key
     */
    NatsKeyPair account(String account);

    /**
     * @param account the account's name
     * @param keyName the signing key's name
     * @return the account signing key
     */
    NatsKeyPair accountSigningKey(String account, String keyName);

    /**
     * @param account the account's name
     * @param user    the user's name
     * @return the user key
     */
    NatsKeyPair user(String account, String user);

    /**
     * The curve key pair of a callout account whose spec asks the sandbox to make one; a new one unless the source
     * keeps keys.
     *
     * @param account the callout account's name
     * @return the xkey pair
     */
    default CurveKeyPair xkey(String account) {
        return CurveKeyPair.generate();
    }

    /**
     * @return a source that generates a new key for every request
     */
    static KeySource generating() {
        return new KeySource() {
            @Override
            public NatsKeyPair operator(String operator) {
                return NatsKeyPair.generate(KeyKind.OPERATOR);
            }

            @Override
            public NatsKeyPair operatorSigningKey(String operator, int index) {
                return NatsKeyPair.generate(KeyKind.OPERATOR);
            }

            @Override
            public NatsKeyPair account(String account) {
                return NatsKeyPair.generate(KeyKind.ACCOUNT);
            }

            @Override
            public NatsKeyPair accountSigningKey(String account, String keyName) {
                return NatsKeyPair.generate(KeyKind.ACCOUNT);
            }

            @Override
            public NatsKeyPair user(String account, String user) {
                return NatsKeyPair.generate(KeyKind.USER);
            }
        };
    }

    /**
     * @param previous an earlier provisioning
     * @return a source that returns the keys {@code previous} used for the same names and generates the rest
     */
    static KeySource reusing(Hierarchy previous) {
        return new ReusingKeySource(previous, generating());
    }
}
