package dev.natssandbox.keys;

import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * NaCl {@code crypto_box} (X25519, HSalsa20, XSalsa20-Poly1305) as Go's {@code golang.org/x/crypto/nacl/box} does
 * it, assembled from BouncyCastle's primitives: the output of {@code seal} is the 16-byte Poly1305 tag followed by
 * the ciphertext, exactly what {@code box.Seal} appends.
 */
final class NaclBox {
    static final int KEY_SIZE = 32;
    static final int NONCE_SIZE = 24;
    static final int TAG_SIZE = 16;

    private NaclBox() {
    }

    static byte[] seal(byte[] message, byte[] nonce, byte[] recipientPublic, byte[] senderPrivate) {
        byte[] key = beforeNm(recipientPublic, senderPrivate);
        try {
            XSalsa20Engine cipher = cipher(key, nonce);
            byte[] macKey = keystream(cipher, 32);
            byte[] out = new byte[TAG_SIZE + message.length];
            cipher.processBytes(message, 0, message.length, out, TAG_SIZE);
            mac(macKey, out, TAG_SIZE, message.length, out, 0);
            Arrays.fill(macKey, (byte) 0);
            return out;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** @return the message, or empty when the tag does not verify */
    static Optional<byte[]> open(byte[] boxed, byte[] nonce, byte[] senderPublic, byte[] recipientPrivate) {
        if (boxed.length < TAG_SIZE) {
            return Optional.empty();
        }
        byte[] key = beforeNm(senderPublic, recipientPrivate);
        try {
            XSalsa20Engine cipher = cipher(key, nonce);
            byte[] macKey = keystream(cipher, 32);
            byte[] tag = new byte[TAG_SIZE];
            mac(macKey, boxed, TAG_SIZE, boxed.length - TAG_SIZE, tag, 0);
            Arrays.fill(macKey, (byte) 0);
            if (!MessageDigest.isEqual(tag, Arrays.copyOf(boxed, TAG_SIZE))) {
                return Optional.empty();
            }
            byte[] out = new byte[boxed.length - TAG_SIZE];
            cipher.processBytes(boxed, TAG_SIZE, out.length, out, 0);
            return Optional.of(out);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** {@code box.Precompute}: HSalsa20 keyed with the X25519 shared secret, over a zero input. */
    private static byte[] beforeNm(byte[] peerPublic, byte[] ownPrivate) {
        byte[] shared = new byte[KEY_SIZE];
        X25519.scalarMult(ownPrivate, 0, peerPublic, 0, shared, 0);
        try {
            return HSalsa20.derive(shared, new byte[16]);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    private static XSalsa20Engine cipher(byte[] key, byte[] nonce) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    private static byte[] keystream(XSalsa20Engine cipher, int length) {
        byte[] zeros = new byte[length];
        byte[] out = new byte[length];
        cipher.processBytes(zeros, 0, length, out, 0);
        return out;
    }

    private static void mac(byte[] key, byte[] data, int off, int len, byte[] out, int outOff) {
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(key));
        poly.update(data, off, len);
        poly.doFinal(out, outOff);
    }

    /**
     * BouncyCastle computes HSalsa20 inside {@link XSalsa20Engine}'s key setup and keeps the result as the Salsa20
     * key words of its state; this reads them out instead of re-implementing the core.
     */
    private static final class HSalsa20 extends XSalsa20Engine {
        static byte[] derive(byte[] key, byte[] input16) {
            HSalsa20 engine = new HSalsa20();
            byte[] iv = Arrays.copyOf(input16, NONCE_SIZE);
            engine.init(true, new ParametersWithIV(new KeyParameter(key), iv));
            byte[] out = new byte[KEY_SIZE];
            int[] words = {engine.engineState[1], engine.engineState[2], engine.engineState[3],
                engine.engineState[4], engine.engineState[11], engine.engineState[12], engine.engineState[13],
                engine.engineState[14]};
            for (int i = 0; i < words.length; i++) {
                out[i * 4] = (byte) words[i];
                out[i * 4 + 1] = (byte) (words[i] >>> 8);
                out[i * 4 + 2] = (byte) (words[i] >>> 16);
                out[i * 4 + 3] = (byte) (words[i] >>> 24);
            }
            Arrays.fill(engine.engineState, 0);
            return out;
        }
    }
}
