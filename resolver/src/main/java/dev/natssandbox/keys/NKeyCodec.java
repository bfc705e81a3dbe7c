package dev.natssandbox.keys;

import dev.natssandbox.InvalidInputException;

import java.util.Arrays;
import java.util.Optional;

/**
 * The nkey text encoding: base32 (RFC 4648, no padding) of prefix byte(s), 32 key bytes and a little-endian
 * CRC-16/XMODEM. Written out here, rather than left to jnats, so that a bad key gets a message that says which
 * check failed without ever echoing a seed.
 */
final class NKeyCodec {
    static final int SEED_PREFIX_BYTE = 18 << 3; // 'S'
    static final int PUBLIC_KEY_LENGTH = 56;
    static final int SEED_LENGTH = 58;

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int[] DECODE = new int[128];
    private static final int[] CRC_TABLE = new int[256];

    static {
        Arrays.fill(DECODE, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DECODE[ALPHABET[i]] = i;
        }
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int j = 0; j < 8; j++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            CRC_TABLE[i] = crc & 0xffff;
        }
    }

    private NKeyCodec() {
    }

    static int crc16(byte[] data, int len) {
        int crc = 0;
        for (int i = 0; i < len; i++) {
            crc = ((crc << 8) & 0xffff) ^ CRC_TABLE[((crc >>> 8) ^ (data[i] & 0xff)) & 0xff];
        }
        return crc;
    }

    static char[] base32(byte[] data) {
        int outLen = (data.length * 8 + 4) / 5;
        char[] out = new char[outLen];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out[o++] = ALPHABET[(buffer >>> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) {
            out[o++] = ALPHABET[(buffer << (5 - bits)) & 31];
        }
        return out;
    }

    /** @return the decoded bytes, or null when a character is outside the alphabet */
    static byte[] unbase32(char[] text) {
        byte[] out = new byte[text.length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (char c : text) {
            int v = c < 128 ? DECODE[c] : -1;
            if (v < 0) {
                return null;
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                if (o < out.length) {
                    out[o++] = (byte) (buffer >>> (bits - 8));
                }
                bits -= 8;
            }
        }
        return out;
    }

    static String encodePublic(KeyKind kind, byte[] key32) {
        byte[] raw = new byte[35];
        raw[0] = (byte) kind.prefixByte();
        System.arraycopy(key32, 0, raw, 1, 32);
        int crc = crc16(raw, 33);
        raw[33] = (byte) crc;
        raw[34] = (byte) (crc >>> 8);
        return new String(base32(raw));
    }

    static char[] encodeSeed(KeyKind kind, byte[] seed32) {
        byte[] raw = new byte[36];
        raw[0] = (byte) (SEED_PREFIX_BYTE | (kind.prefixByte() >> 5));
        raw[1] = (byte) ((kind.prefixByte() & 31) << 3);
        System.arraycopy(seed32, 0, raw, 2, 32);
        int crc = crc16(raw, 34);
        raw[34] = (byte) crc;
        raw[35] = (byte) (crc >>> 8);
        char[] out = base32(raw);
        Arrays.fill(raw, (byte) 0);
        return out;
    }

    static Optional<KeyKind> kindOfPublicKey(String publicKey) {
        if (publicKey == null || publicKey.length() != PUBLIC_KEY_LENGTH) {
            return Optional.empty();
        }
        byte[] raw = unbase32(publicKey.toCharArray());
        if (raw == null || raw.length != 35) {
            return Optional.empty();
        }
        int crc = (raw[33] & 0xff) | ((raw[34] & 0xff) << 8);
        if (crc != crc16(raw, 33)) {
            return Optional.empty();
        }
        return KeyKind.ofPrefixByte(raw[0] & 0xff);
    }

    /** @return the 32 raw key bytes of a public key of the expected kind (any kind when null) */
    static byte[] decodePublic(String publicKey, KeyKind expected) {
        if (publicKey == null || publicKey.isEmpty()) {
            throw new InvalidInputException("public key is empty; expected " + expectation(expected));
        }
        // No public key starts with 'S'; such a value is (part of) a seed and must not be echoed.
        if (publicKey.charAt(0) == 'S') {
            throw new InvalidInputException("value is an nkey seed (S…), not a public key; expected "
                    + expectation(expected) + ". Pass the public key, and keep the seed secret");
        }
        String shown = "[" + publicKey + "]";
        if (publicKey.length() != PUBLIC_KEY_LENGTH) {
            throw new InvalidInputException("public key " + shown + " has " + publicKey.length()
                    + " characters; a public nkey has " + PUBLIC_KEY_LENGTH);
        }
        byte[] raw = unbase32(publicKey.toCharArray());
        if (raw == null || raw.length != 35) {
            throw new InvalidInputException("public key " + shown
                    + " is not base32: only A-Z and 2-7 are allowed");
        }
        int crc = (raw[33] & 0xff) | ((raw[34] & 0xff) << 8);
        if (crc != crc16(raw, 33)) {
            throw new InvalidInputException("public key " + shown
                    + " has a bad checksum; it was probably mistyped or truncated");
        }
        KeyKind kind = KeyKind.ofPrefixByte(raw[0] & 0xff).orElseThrow(() -> new InvalidInputException(
                "public key " + shown + " has an unknown prefix; expected " + expectation(expected)));
        if (expected != null && kind != expected) {
            throw new InvalidInputException("public key " + shown + " is " + article(kind) + " key; expected "
                    + expectation(expected));
        }
        return Arrays.copyOfRange(raw, 1, 33);
    }

    /**
     * Decodes a seed. Messages never contain the seed, only its length and its kind.
     *
     * @return the kind and the 32 raw seed bytes (the caller must wipe them)
     */
    static Decoded decodeSeed(char[] seed, KeyKind expected) {
        if (seed == null || seed.length == 0) {
            throw new InvalidInputException("seed is empty; expected " + seedExpectation(expected));
        }
        if (seed[0] != 'S') {
            boolean looksPublic = seed.length == PUBLIC_KEY_LENGTH && "OAUNC".indexOf(seed[0]) >= 0;
            throw new InvalidInputException("value is not an nkey seed: a seed starts with 'S'"
                    + (looksPublic ? " (this looks like a public key, which cannot sign)" : "")
                    + "; expected " + seedExpectation(expected));
        }
        if (seed.length != SEED_LENGTH) {
            throw new InvalidInputException("seed has " + seed.length + " characters; an nkey seed has "
                    + SEED_LENGTH + " (was it truncated or padded?)");
        }
        byte[] raw = unbase32(seed);
        if (raw == null || raw.length != 36) {
            throw new InvalidInputException("seed is not base32: only A-Z and 2-7 are allowed");
        }
        try {
            int crc = (raw[34] & 0xff) | ((raw[35] & 0xff) << 8);
            if (crc != crc16(raw, 34)) {
                throw new InvalidInputException(
                        "seed has a bad checksum; it was probably mistyped or truncated");
            }
            int b0 = raw[0] & 0xff;
            int b1 = raw[1] & 0xff;
            if ((b0 & 0xf8) != SEED_PREFIX_BYTE) {
                throw new InvalidInputException("value is not an nkey seed (bad seed prefix)");
            }
            int kindByte = ((b0 & 7) << 5) | ((b1 & 0xf8) >> 3);
            KeyKind kind = KeyKind.ofPrefixByte(kindByte).orElseThrow(
                    () -> new InvalidInputException("seed has an unknown key type; expected "
                            + seedExpectation(expected)));
            if (expected != null && kind != expected) {
                throw new InvalidInputException("seed is " + article(kind) + " seed (" + kind.seedPrefix()
                        + "…); expected " + seedExpectation(expected));
            }
            return new Decoded(kind, Arrays.copyOfRange(raw, 2, 34));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    record Decoded(KeyKind kind, byte[] key) {
    }

    private static String expectation(KeyKind expected) {
        return expected == null ? "a public nkey" : article(expected) + " public key (" + expected.prefix() + "…)";
    }

    private static String seedExpectation(KeyKind expected) {
        return expected == null ? "an nkey seed (S…)"
                : article(expected) + " seed (" + expected.seedPrefix() + "…)";
    }

    static String article(KeyKind kind) {
        return (kind == KeyKind.ACCOUNT || kind == KeyKind.OPERATOR ? "an " : "a ") + kind.label();
    }
}
