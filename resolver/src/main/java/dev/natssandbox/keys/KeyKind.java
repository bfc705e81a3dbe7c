package dev.natssandbox.keys;

import java.util.Optional;

/**
 * The kinds of nkey the decentralized auth hierarchy uses. The kind is encoded in the key: public keys start with
 * {@link #prefix()}, seeds with {@code S} followed by the prefix.
 */
public enum KeyKind {
    /** An operator identity or operator signing key ({@code O…}, seed {@code SO…}). */
    OPERATOR('O', 14 << 3, "operator"),
    /** An account identity or account signing key ({@code A…}, seed {@code SA…}). */
    ACCOUNT('A', 0, "account"),
    /** A user identity ({@code U…}, seed {@code SU…}). */
    USER('U', 20 << 3, "user"),
    /** A server identity ({@code N…}); never generated here, recognised when decoding. */
    SERVER('N', 13 << 3, "server"),
    /** A cluster identity ({@code C…}); never generated here, recognised when decoding. */
    CLUSTER('C', 2 << 3, "cluster");

    private final char prefix;
    private final int prefixByte;
    private final String label;

    KeyKind(char prefix, int prefixByte, String label) {
        this.prefix = prefix;
        this.prefixByte = prefixByte;
        this.label = label;
    }

    /**
     * @return the first character of a public key of this kind
     */
    public char prefix() {
        return prefix;
    }

    /**
     * @return the first two characters of a seed of this kind, e.g. {@code SA}
     */
    public String seedPrefix() {
        return "S" + prefix;
    }

    /**
     * @return a lower-case word for messages: "operator", "account", "user" …
     */
    public String label() {
        return label;
    }

    int prefixByte() {
        return prefixByte;
    }

    static Optional<KeyKind> ofPrefixByte(int b) {
        for (KeyKind k : values()) {
            if (k.prefixByte == b) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * @param publicKey an encoded public key
     * @return its kind when it is a well-formed public key (length, alphabet, checksum), else empty
     */
    public static Optional<KeyKind> ofPublicKey(String publicKey) {
        return NKeyCodec.kindOfPublicKey(publicKey);
    }
}
