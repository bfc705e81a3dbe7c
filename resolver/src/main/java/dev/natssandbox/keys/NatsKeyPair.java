package dev.natssandbox.keys;

import dev.natssandbox.InvalidInputException;
import dev.natssandbox.internal.util.NativeCrypto;
import io.nats.client.NKey;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * An nkey pair that can sign: an operator, account or user identity, or a signing key.
 *
 * <p>Keys use the nkey encoding jnats {@link NKey} uses and can be handed to jnats with {@link #toNKey()}. The seed
 * is held as a {@code char[]} and never appears in {@link #toString()}, in an exception message or in a log
 * line; {@link #seed()} returns a copy that the caller should wipe after use. Instances are immutable and
 * thread-safe; equality is by public key.
 */
public final class NatsKeyPair {
    static {
        NativeCrypto.pureJavaUnlessChosen(); // before BouncyCastle loads: see NativeCrypto
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyKind kind;
    private final String publicKey;
    private final char[] seed;
    // Raw key material kept for signing, so that each signature costs one Ed25519 operation instead of
    // re-deriving the key pair from the seed (what NKey.sign does) on every call.
    private final byte[] privateKey;
    private final byte[] publicKeyBytes;

    private NatsKeyPair(KeyKind kind, byte[] seed32) {
        this.kind = kind;
        this.privateKey = seed32.clone();
        this.publicKeyBytes = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(privateKey, 0, publicKeyBytes, 0);
        this.publicKey = NKeyCodec.encodePublic(kind, publicKeyBytes);
        this.seed = NKeyCodec.encodeSeed(kind, seed32);
    }

    /**
     * Creates a new random key pair: 32 bytes from a {@link SecureRandom} as the Ed25519 seed, exactly as jnats
     * {@link NKey#createUser(SecureRandom)} and the Go nkeys library do, without deriving the public key twice.
     * The result is interchangeable with jnats: {@link #toNKey()} has the same seed and public key.
     *
     * @param kind the kind of key
     * @return the new key pair
     */
    public static NatsKeyPair generate(KeyKind kind) {
        Objects.requireNonNull(kind, "kind");
        byte[] seed32 = new byte[32];
        RANDOM.nextBytes(seed32);
        try {
            return new NatsKeyPair(kind, seed32);
        } finally {
            Arrays.fill(seed32, (byte) 0);
        }
    }

    /**
     * Reads a seed of any kind.
     *
     * @param seed an encoded seed ({@code S…}); not retained, the caller may wipe it
     * @return the key pair
     * @throws InvalidInputException when the value is not a seed, has the wrong length or a bad checksum (the
     *                               message never contains the seed)
     */
    public static NatsKeyPair fromSeed(char[] seed) {
        return fromSeed(seed, null);
    }

    /**
     * Reads a seed and checks its kind.
     *
     * @param seed     an encoded seed ({@code S…}); not retained, the caller may wipe it
     * @param expected the kind the seed must have, or {@code null} for any
     * @return the key pair
     * @throws InvalidInputException when the value is not a seed of the expected kind
     */
    public static NatsKeyPair fromSeed(char[] seed, KeyKind expected) {
        char[] trimmed = trim(seed);
        NKeyCodec.Decoded decoded = NKeyCodec.decodeSeed(trimmed, expected);
        if (trimmed != seed) {
            Arrays.fill(trimmed, '\0');
        }
        try {
            return new NatsKeyPair(decoded.kind(), decoded.key());
        } finally {
            Arrays.fill(decoded.key(), (byte) 0);
        }
    }

    /**
     * Same as {@link #fromSeed(char[], KeyKind)} for a seed held in a {@code String} (which cannot be wiped).
     *
     * @param seed     an encoded seed
     * @param expected the kind the seed must have, or {@code null} for any
     * @return the key pair
     */
    public static NatsKeyPair fromSeed(String seed, KeyKind expected) {
        return fromSeed(seed == null ? null : seed.toCharArray(), expected);
    }

    private static char[] trim(char[] seed) {
        if (seed == null) {
            return null;
        }
        int start = 0;
        int end = seed.length;
        while (start < end && Character.isWhitespace(seed[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(seed[end - 1])) {
            end--;
        }
        return start == 0 && end == seed.length ? seed : Arrays.copyOfRange(seed, start, end);
    }

    /**
     * @return the kind of this key
     */
    public KeyKind kind() {
        return kind;
    }

    /**
     * @return the encoded public key, e.g. {@code ADM7UGD4…}
     */
    public String publicKey() {
        return publicKey;
    }

    /**
     * @return a copy of the encoded seed; wipe it ({@code Arrays.fill(seed, '\0')}) when done
     */
    public char[] seed() {
        return seed.clone();
    }

    /**
     * @return a new jnats {@link NKey} for this pair, e.g. to sign the server's nonce at connect
     */
    public NKey toNKey() {
        return NKey.fromSeed(seed.clone());
    }

    /**
     * Signs data with Ed25519.
     *
     * @param data the bytes to sign
     * @return the 64-byte signature
     */
    public byte[] sign(byte[] data) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(privateKey, 0, publicKeyBytes, 0, data, 0, data.length, signature, 0);
        return signature;
    }

    /**
     * Checks a signature made by the holder of {@code publicKey}.
     *
     * @param publicKey an encoded public key of any kind
     * @param data      the signed bytes
     * @param signature the signature
     * @return whether the signature is valid
     * @throws InvalidInputException when {@code publicKey} is not a well-formed public key
     */
    public static boolean verify(String publicKey, byte[] data, byte[] signature) {
        byte[] raw = NKeyCodec.decodePublic(publicKey, null);
        if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return Ed25519.verify(signature, 0, raw, 0, data, 0, data.length);
    }

    /**
     * Checks that a value is a well-formed public key of the given kind.
     *
     * @param publicKey the value
     * @param expected  the kind it must have
     * @return the value
     * @throws InvalidInputException naming the value and what is wrong with it
     */
    public static String requirePublicKey(String publicKey, KeyKind expected) {
        NKeyCodec.decodePublic(publicKey, expected);
        return publicKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NatsKeyPair other && other.publicKey.equals(publicKey);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    /**
     * @return the kind and public key; never the seed
     */
    @Override
    public String toString() {
        return "NatsKeyPair[" + kind.label() + " " + publicKey + ", seed=<redacted>]";
    }
}
