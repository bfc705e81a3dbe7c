package dev.natssandbox.keys;

import dev.natssandbox.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.natssandbox.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NatsKeyPairTests {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void generatesKeysOfEachKindWithTheirPrefixes(KeyKind kind) {
        NatsKeyPair kp = NatsKeyPair.generate(kind);
        String seed = new String(kp.seed());

        assertSame(kind, kp.kind());
        assertEquals(NKeyCodec.PUBLIC_KEY_LENGTH, kp.publicKey().length());
        assertEquals(kind.prefix(), kp.publicKey().charAt(0));
        assertEquals(NKeyCodec.SEED_LENGTH, seed.length());
        assertEquals(kind.seedPrefix(), seed.substring(0, 2));
        assertEquals(kind, KeyKind.ofPublicKey(kp.publicKey()).orElseThrow());
        assertTrue(seed.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0), seed.length() + " chars, not base32");
    }

    @Test
    void seedPrefixesAreTheOnesNatsUses() {
        assertEquals("SO", KeyKind.OPERATOR.seedPrefix());
        assertEquals("SA", KeyKind.ACCOUNT.seedPrefix());
        assertEquals("SU", KeyKind.USER.seedPrefix());
        assertEquals("SN", KeyKind.SERVER.seedPrefix());
        assertEquals("SC", KeyKind.CLUSTER.seedPrefix());
    }

    @Test
    void generatesDifferentKeysEachTime() {
        assertNotEquals(NatsKeyPair.generate(KeyKind.USER), NatsKeyPair.generate(KeyKind.USER));
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void readsItsOwnSeedBack(KeyKind kind) {
        NatsKeyPair kp = NatsKeyPair.generate(kind);
        char[] seed = kp.seed();

        NatsKeyPair again = NatsKeyPair.fromSeed(seed, kind);
        NatsKeyPair anyKind = NatsKeyPair.fromSeed(seed);

        assertEquals(kp.publicKey(), again.publicKey());
        assertEquals(kp, again);
        assertEquals(kp.hashCode(), again.hashCode());
        assertSame(kind, anyKind.kind());
        assertArrayEquals(seed, again.seed());
    }

    @Test
    void ignoresWhitespaceAroundASeedAndLeavesTheCallersArrayAlone() {
        NatsKeyPair kp = NatsKeyPair.generate(KeyKind.USER);
        char[] padded = (" \t" + new String(kp.seed()) + "\r\n").toCharArray();
        char[] copy = padded.clone();

        assertEquals(kp, NatsKeyPair.fromSeed(padded, KeyKind.USER));
        assertArrayEquals(copy, padded);
    }

    @Test
    void seedReturnsACopyTheCallerMayWipe() {
        NatsKeyPair kp = NatsKeyPair.generate(KeyKind.ACCOUNT);
        char[] first = kp.seed();
        Arrays.fill(first, '\0');

        assertEquals(kp, NatsKeyPair.fromSeed(kp.seed(), KeyKind.ACCOUNT));
    }

    @Test
    void toStringShowsKindAndPublicKeyButNeverTheSeed() {
        NatsKeyPair kp = NatsKeyPair.generate(KeyKind.USER);

        assertTrue(kp.toString().contains(kp.publicKey()));
        assertTrue(kp.toString().contains("user"));
        assertTrue(kp.toString().contains("redacted"));
        assertNoSecret(new String(kp.seed()), kp.toString());
    }

    @Test
    void signaturesVerifyAgainstThePublicKey() {
        NatsKeyPair kp = NatsKeyPair.generate(KeyKind.ACCOUNT);
        byte[] data = "nonce-1234".getBytes(StandardCharsets.UTF_8);

        byte[] sig = kp.sign(data);

        assertEquals(64, sig.length);
        assertTrue(NatsKeyPair.verify(kp.publicKey(), data, sig));
    }

    @Test
    void tamperedDataOrSignatureOrAnotherKeyDoesNotVerify() {
        NatsKeyPair kp = NatsKeyPair.generate(KeyKind.USER);
        byte[] data = "nonce-1234".getBytes(StandardCharsets.UTF_8);
        byte[] sig = kp.sign(data);

        byte[] tamperedData = data.clone();
        tamperedData[0] ^= 1;
        byte[] tamperedSig = sig.clone();
        tamperedSig[10] ^= 1;

        assertFalse(NatsKeyPair.verify(kp.publicKey(), tamperedData, sig));
        assertFalse(NatsKeyPair.verify(kp.publicKey(), data, tamperedSig));
        assertFalse(NatsKeyPair.verify(NatsKeyPair.generate(KeyKind.USER).publicKey(), data, sig));
        assertFalse(NatsKeyPair.verify(kp.publicKey(), data, Arrays.copyOf(sig, 63)));
        assertFalse(NatsKeyPair.verify(kp.publicKey(), data, null));
    }

    @Test
    void verifyRefusesAMalformedPublicKey() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NatsKeyPair.verify("UABC", new byte[1], new byte[64]));
        assertTrue(e.getMessage().contains("[UABC]"), e.getMessage());
    }

    @Test
    void requirePublicKeyReturnsAWellFormedKeyOfTheExpectedKind() {
        String pk = NatsKeyPair.generate(KeyKind.OPERATOR).publicKey();
        assertEquals(pk, NatsKeyPair.requirePublicKey(pk, KeyKind.OPERATOR));
    }

    @Nested
    class PublicKeyFailures {
        private final String account = NatsKeyPair.generate(KeyKind.ACCOUNT).publicKey();

        @Test
        void empty() {
            assertMessage(null, KeyKind.ACCOUNT, "public key is empty; expected an account public key (A…)");
            assertMessage("", KeyKind.USER, "public key is empty; expected a user public key (U…)");
        }

        @Test
        void wrongLength() {
            String shortKey = account.substring(0, 55);
            assertMessage(shortKey, KeyKind.ACCOUNT, "public key [" + shortKey + "] has 55 characters; "
                    + "a public nkey has 56");
        }

        @Test
        void notBase32() {
            String bad = account.substring(0, 20) + "1" + account.substring(21);
            assertMessage(bad, KeyKind.ACCOUNT, "public key [" + bad + "] is not base32: only A-Z and 2-7 are allowed");
            String lower = account.toLowerCase();
            assertMessage(lower, KeyKind.ACCOUNT, "public key [" + lower + "] is not base32");
        }

        @Test
        void badChecksum() {
            String bad = changeOneChar(account, 20);
            assertMessage(bad, KeyKind.ACCOUNT, "public key [" + bad + "] has a bad checksum; it was probably "
                    + "mistyped or truncated");
        }

        @Test
        void wrongKind() {
            assertMessage(account, KeyKind.USER, "public key [" + account + "] is an account key; expected a user "
                    + "public key (U…)");
            String op = NatsKeyPair.generate(KeyKind.OPERATOR).publicKey();
            assertMessage(op, KeyKind.ACCOUNT, "public key [" + op + "] is an operator key; expected an account "
                    + "public key (A…)");
        }

        @Test
        void unknownPrefix() {
            byte[] raw = new byte[35];
            raw[0] = (byte) (23 << 3); // 'X', a curve key, which this library does not know
            int crc = NKeyCodec.crc16(raw, 33);
            raw[33] = (byte) crc;
            raw[34] = (byte) (crc >>> 8);
            String key = new String(NKeyCodec.base32(raw));

            assertTrue(KeyKind.ofPublicKey(key).isEmpty());
            assertMessage(key, KeyKind.USER, "public key [" + key + "] has an unknown prefix; expected a user "
                    + "public key (U…)");
        }

        @Test
        void aSeedIsNotAPublicKey() {
            String seed = new String(NatsKeyPair.generate(KeyKind.ACCOUNT).seed());
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> NatsKeyPair.requirePublicKey(seed, KeyKind.ACCOUNT));
            assertTrue(e.getMessage().startsWith("value is an nkey seed (S…), not a public key; expected an "
                    + "account public key (A…)"), e.getMessage());
            assertNoSecret(seed, e);
            assertTrue(KeyKind.ofPublicKey(seed).isEmpty());

            InvalidInputException fromVerify = assertThrows(InvalidInputException.class,
                    () -> NatsKeyPair.verify(seed, new byte[1], new byte[64]));
            assertNoSecret(seed, fromVerify);
            String truncated = seed.substring(0, 40);
            assertNoSecret(truncated, assertThrows(InvalidInputException.class,
                    () -> NatsKeyPair.requirePublicKey(truncated, KeyKind.ACCOUNT)));
        }

        private void assertMessage(String key, KeyKind expected, String message) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> NatsKeyPair.requirePublicKey(key, expected));
            assertTrue(e.getMessage().startsWith(message), () -> "message was: " + e.getMessage());
            assertTrue(key == null || KeyKind.ofPublicKey(key).orElse(null) != expected);
        }
    }

    static String changeOneChar(String text, int index) {
        char c = text.charAt(index);
        char replacement = c == 'A' ? 'B' : 'A';
        return text.substring(0, index) + replacement + text.substring(index + 1);
    }
}
