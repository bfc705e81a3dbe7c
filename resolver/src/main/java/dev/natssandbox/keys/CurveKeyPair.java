package dev.natssandbox.keys;

import dev.natssandbox.InvalidInputException;
import org.bouncycastle.math.ec.rfc7748.X25519;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A curve (x25519) key pair, an "xkey" as the Go nkeys library calls it: seed {@code SX…}, public key {@code X…}.
 * Auth callout uses xkeys to encrypt the authorization request to the service and the response back to the server.
 *
 * <p>{@link #seal} and {@link #open} produce and read exactly what nkeys' {@code Seal}/{@code Open} do: the version
 * header {@value #VERSION_HEADER}, a random 24-byte nonce, then a NaCl box (X25519 + XSalsa20-Poly1305) of the
 * message. The seed is held as a {@code char[]} and never appears in {@link #toString()} or a message; equality is
 * by public key.
 */
public final class CurveKeyPair {
    /** The first bytes of every sealed message; nkeys' {@code XKeyVersionV1}. */
    public static final String VERSION_HEADER = "xkv1";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] HEADER = VERSION_HEADER.getBytes(StandardCharsets.US_ASCII);

    private final byte[] privateKey;
    private final String publicKey;
    private final char[] seed;

    private CurveKeyPair(byte[] raw) {
        this.privateKey = raw.clone();
        byte[] pub = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(privateKey, 0, pub, 0);
        this.publicKey = CurveKeyCodec.encodePublic(pub);
        this.seed = CurveKeyCodec.encodeSeed(raw);
    }

    /**
     * @return a new random curve key pair (32 bytes from a {@link SecureRandom}, as nkeys creates them)
     */
    public static CurveKeyPair generate() {
        byte[] raw = new byte[NaclBox.KEY_SIZE];
        RANDOM.nextBytes(raw);
        try {
            return new CurveKeyPair(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * @param seed an encoded curve seed ({@code SX…}); not retained, the caller may wipe it
     * @return the key pair
     * @throws InvalidInputException when the value is not a curve seed (the message never contains it)
     */
    public static CurveKeyPair fromSeed(char[] seed) {
        byte[] raw = CurveKeyCodec.decodeSeed(seed);
        try {
            return new CurveKeyPair(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * @param seed an encoded curve seed ({@code SX…}) held in a {@code String} (which cannot be wiped)
     * @return the key pair
     * @throws InvalidInputException when the value is not a curve seed
     */
    public static CurveKeyPair fromSeed(String seed) {
        return fromSeed(seed == null ? null : seed.strip().toCharArray());
    }

    /**
     * @return the encoded public key, {@code X…}
     */
    public String publicKey() {
        return publicKey;
    }

    /**
     * @return a copy of the encoded seed ({@code SX…}); wipe it when done
     */
    public char[] seed() {
        return seed.clone();
    }

    /**
     * Encrypts a message for the holder of {@code recipient}'s seed, as nkeys {@code Seal} does.
     *
     * @param message   the plain bytes
     * @param recipient the recipient's public xkey ({@code X…})
     * @return {@value #VERSION_HEADER}, the nonce, and the sealed box
     * @throws InvalidInputException when {@code recipient} is not a public xkey
     */
    public byte[] seal(byte[] message, String recipient) {
        Objects.requireNonNull(message, "message");
        byte[] nonce = new byte[NaclBox.NONCE_SIZE];
        RANDOM.nextBytes(nonce);
        return seal(message, recipient, nonce);
    }

    byte[] seal(byte[] message, String recipient, byte[] nonce) {
        byte[] recipientKey = CurveKeyCodec.decodePublic(recipient, "recipient");
        byte[] box = NaclBox.seal(message, nonce, recipientKey, privateKey);
        byte[] out = new byte[HEADER.length + nonce.length + box.length];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        System.arraycopy(nonce, 0, out, HEADER.length, nonce.length);
        System.arraycopy(box, 0, out, HEADER.length + nonce.length, box.length);
        return out;
    }

    /**
     * Decrypts what the holder of {@code sender}'s seed sealed for this key, as nkeys {@code Open} does.
     *
     * @param sealed the bytes {@link #seal} (or nkeys {@code Seal}) produced
     * @param sender the sender's public xkey ({@code X…})
     * @return the plain bytes
     * @throws InvalidInputException when the input is too short, has another version header, the sender is not a
     *                               public xkey, or the box does not open (wrong keys or altered bytes)
     */
    public byte[] open(byte[] sealed, String sender) {
        Objects.requireNonNull(sealed, "sealed");
        int headerAndNonce = HEADER.length + NaclBox.NONCE_SIZE;
        if (sealed.length <= headerAndNonce) {
            throw new InvalidInputException("sealed message has " + sealed.length + " bytes; expected more than "
                    + headerAndNonce + " (the " + VERSION_HEADER + " header, a nonce and a box)");
        }
        if (!Arrays.equals(sealed, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw new InvalidInputException("sealed message does not start with the version header ["
                    + VERSION_HEADER + "]; it was not made by an xkey seal, or by an incompatible version");
        }
        byte[] senderKey = CurveKeyCodec.decodePublic(sender, "sender");
        byte[] nonce = Arrays.copyOfRange(sealed, HEADER.length, headerAndNonce);
        byte[] box = Arrays.copyOfRange(sealed, headerAndNonce, sealed.length);
        return NaclBox.open(box, nonce, senderKey, privateKey).orElseThrow(() -> new InvalidInputException(
                "sealed message does not open with this key from sender [" + sender + "]; it was sealed for "
                        + "another recipient, by another sender, or altered"));
    }

    /**
     * @param value a value
     * @return whether it is a well-formed public xkey ({@code X…}, length, alphabet and checksum)
     */
    public static boolean isPublicKey(String value) {
        try {
            CurveKeyCodec.decodePublic(value, "xkey");
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /**
     * @param value a value
     * @return the value
     * @throws InvalidInputException naming the value when it is not a public xkey
     */
    public static String requirePublicKey(String value) {
        CurveKeyCodec.decodePublic(value, "xkey");
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurveKeyPair other && other.publicKey.equals(publicKey);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    /**
     * @return the public key; never the seed
     */
    @Override
    public String toString() {
        return "CurveKeyPair[" + publicKey + ", seed=<redacted>]";
    }
}
