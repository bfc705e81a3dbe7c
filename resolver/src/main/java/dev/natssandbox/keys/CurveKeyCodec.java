package dev.natssandbox.keys;

import dev.natssandbox.InvalidInputException;

import java.util.Arrays;

/**
 * The nkey text encoding of curve keys (prefix byte {@code 23 << 3}: {@code X…}, seeds {@code SX…}); the same
 * base32 and CRC-16 as {@link NKeyCodec}, kept apart because curve keys cannot sign and must never be taken for
 * an Ed25519 {@link KeyKind}.
 */
final class CurveKeyCodec {
    static final int PREFIX_BYTE = 23 << 3;

    private CurveKeyCodec() {
    }

    static String encodePublic(byte[] key32) {
        byte[] raw = new byte[35];
        raw[0] = (byte) PREFIX_BYTE;
        System.arraycopy(key32, 0, raw, 1, 32);
        int crc = NKeyCodec.crc16(raw, 33);
        raw[33] = (byte) crc;
        raw[34] = (byte) (crc >>> 8);
        return new String(NKeyCodec.base32(raw));
    }

    static char[] encodeSeed(byte[] seed32) {
        byte[] raw = new byte[36];
        raw[0] = (byte) (NKeyCodec.SEED_PREFIX_BYTE | (PREFIX_BYTE >> 5));
        raw[1] = (byte) ((PREFIX_BYTE & 31) << 3);
        System.arraycopy(seed32, 0, raw, 2, 32);
        int crc = NKeyCodec.crc16(raw, 34);
        raw[34] = (byte) crc;
        raw[35] = (byte) (crc >>> 8);
        char[] out = NKeyCodec.base32(raw);
        Arrays.fill(raw, (byte) 0);
        return out;
    }

    static byte[] decodePublic(String value, String role) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(role + " xkey is empty; expected a public curve key (X…)");
        }
        if (value.charAt(0) == 'S') {
            throw new InvalidInputException(role + " xkey is a seed (S…), not a public key; pass the public "
                    + "curve key (X…) and keep the seed secret");
        }
        String shown = role + " xkey [" + value + "]";
        if (value.length() != NKeyCodec.PUBLIC_KEY_LENGTH || value.charAt(0) != 'X') {
            throw new InvalidInputException(shown + " is not a public curve key; expected "
                    + NKeyCodec.PUBLIC_KEY_LENGTH + " characters starting with X");
        }
        byte[] raw = NKeyCodec.unbase32(value.toCharArray());
        if (raw == null || raw.length != 35) {
            throw new InvalidInputException(shown + " is not base32: only A-Z and 2-7 are allowed");
        }
        int crc = (raw[33] & 0xff) | ((raw[34] & 0xff) << 8);
        if (crc != NKeyCodec.crc16(raw, 33) || (raw[0] & 0xff) != PREFIX_BYTE) {
            throw new InvalidInputException(shown + " has a bad checksum or prefix; it was probably mistyped "
                    + "or truncated");
        }
        return Arrays.copyOfRange(raw, 1, 33);
    }

    /** Messages never contain the seed. */
    static byte[] decodeSeed(char[] seed) {
        if (seed == null || seed.length == 0) {
            throw new InvalidInputException("curve seed is empty; expected an xkey seed (SX…)");
        }
        if (seed.length != NKeyCodec.SEED_LENGTH || seed[0] != 'S' || seed[1] != 'X') {
            throw new InvalidInputException("value is not an xkey seed: expected " + NKeyCodec.SEED_LENGTH
                    + " characters starting with SX (got " + seed.length + " characters"
                    + (seed.length > 1 && seed[0] == 'S' ? ", a seed of another kind" : "") + ")");
        }
        byte[] raw = NKeyCodec.unbase32(seed);
        if (raw == null || raw.length != 36) {
            throw new InvalidInputException("xkey seed is not base32: only A-Z and 2-7 are allowed");
        }
        try {
            int crc = (raw[34] & 0xff) | ((raw[35] & 0xff) << 8);
            if (crc != NKeyCodec.crc16(raw, 34)) {
                throw new InvalidInputException("xkey seed has a bad checksum; it was probably mistyped or "
                        + "truncated");
            }
            int kind = ((raw[0] & 7) << 5) | ((raw[1] & 0xf8) >> 3);
            if ((raw[0] & 0xf8) != NKeyCodec.SEED_PREFIX_BYTE || kind != PREFIX_BYTE) {
                throw new InvalidInputException("value is not an xkey seed (bad prefix); expected SX…");
            }
            return Arrays.copyOfRange(raw, 2, 34);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
