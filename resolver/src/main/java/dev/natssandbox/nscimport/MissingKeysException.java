package dev.natssandbox.nscimport;

import dev.natssandbox.InvalidInputException;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The keystore lacks seeds the sandbox needs to re-issue the environment's JWTs: the operator's, an operator signing
 * key's, an account's or an account signing key's. The message names every missing key and every place it was
 * looked for, in both keystore layouts.
 */
public class MissingKeysException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * One key whose seed was not found.
     *
     * @param identity  the identity, e.g. {@code account [Orders]} or {@code account [Orders] signing key [admin]}
     * @param publicKey its public key
     * @param tried     every place looked at, each with why it did not serve
     * @serial exclude (a record: its serial form is its components, documented above)
     */
    public record MissingKey(String identity, String publicKey, List<String> tried) implements Serializable {
        /**
         * Copies the list.
         *
         * @param identity  the identity, e.g. {@code account [Orders]} or {@code account [Orders] signing key [admin]}
         * @param publicKey its public key
         * @param tried     every place looked at, each with why it did not serve
         */
        public MissingKey {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(publicKey, "publicKey");
            tried = List.copyOf(tried);
        }
    }

    /** The keys whose seeds were not found. */
    private final List<MissingKey> missing;

    /**
     * @param keysDir the keystore that was searched
     * @param missing the keys not found
     */
    public MissingKeysException(Path keysDir, List<MissingKey> missing) {
        super(message(keysDir, missing));
        this.missing = List.copyOf(missing);
    }

    /** @return the keys not found */
    public List<MissingKey> missing() {
        return missing;
    }

    private static String message(Path keysDir, List<MissingKey> missing) {
        return "keystore [" + keysDir + "] lacks the seed" + (missing.size() == 1 ? "" : "s") + " of "
                + missing.size() + " key" + (missing.size() == 1 ? "" : "s")
                + " needed to re-issue the environment's JWTs:"
                + missing.stream().map(m -> "\n  - " + m.identity() + " [" + m.publicKey() + "], looked for in:"
                        + m.tried().stream().map(t -> "\n      " + t).collect(Collectors.joining()))
                .collect(Collectors.joining())
                + "\nGive the keystore that holds them (NKEYS_PATH; 'nsc env' shows it as 'Keys Dir'), or accept new "
                + "keys for these identities (CLI: --nsc-new-keys; API: generateMissingKeys(true)); creds issued "
                + "elsewhere under the replaced keys then do not work with the sandbox.";
    }
}
