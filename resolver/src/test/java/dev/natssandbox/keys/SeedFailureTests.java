package dev.natssandbox.keys;

import dev.natssandbox.InvalidInputException;
import org.junit.jupiter.api.Test;

import static dev.natssandbox.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a seed can be wrong gets its own message, and none of them echoes the seed (or a piece of it).
 */
class SeedFailureTests {
    private final String accountSeed = new String(NatsKeyPair.generate(KeyKind.ACCOUNT).seed());
    private final String userSeed = new String(NatsKeyPair.generate(KeyKind.USER).seed());

    @Test
    void wrongKind() {
        InvalidInputException e = fails(accountSeed, KeyKind.USER);
        assertEquals("seed is an account seed (SA…); expected a user seed (SU…)", e.getMessage());
        assertNoSecret(accountSeed, e);

        InvalidInputException op = fails(userSeed, KeyKind.OPERATOR);
        assertEquals("seed is a user seed (SU…); expected an operator seed (SO…)", op.getMessage());
        assertNoSecret(userSeed, op);
    }

    @Test
    void badChecksumAfterOneCharacterChanged() {
        String changed = NatsKeyPairTests.changeOneChar(userSeed, 20);
        InvalidInputException e = fails(changed, KeyKind.USER);
        assertEquals("seed has a bad checksum; it was probably mistyped or truncated", e.getMessage());
        assertNoSecret(changed, e);
        assertNoSecret(userSeed, e);
    }

    @Test
    void wrongLength() {
        String truncated = userSeed.substring(0, 57);
        InvalidInputException e = fails(truncated, KeyKind.USER);
        assertEquals("seed has 57 characters; an nkey seed has 58 (was it truncated or padded?)", e.getMessage());
        assertNoSecret(truncated, e);

        String padded = userSeed + "AA";
        InvalidInputException longer = fails(padded, null);
        assertTrue(longer.getMessage().startsWith("seed has 60 characters"), longer.getMessage());
        assertNoSecret(userSeed, longer);
    }

    @Test
    void notBase32() {
        for (char bad : new char[]{'1', '8', '0', '=', 'a', '-'}) {
            String text = userSeed.substring(0, 30) + bad + userSeed.substring(31);
            InvalidInputException e = fails(text, KeyKind.USER);
            assertEquals("seed is not base32: only A-Z and 2-7 are allowed", e.getMessage(), "with " + bad);
            assertNoSecret(text, e);
        }
    }

    @Test
    void aPublicKeyPassedAsASeed() {
        String publicKey = NatsKeyPair.generate(KeyKind.ACCOUNT).publicKey();
        InvalidInputException e = fails(publicKey, KeyKind.ACCOUNT);
        assertEquals("value is not an nkey seed: a seed starts with 'S' (this looks like a public key, which "
                + "cannot sign); expected an account seed (SA…)", e.getMessage());
    }

    @Test
    void somethingThatDoesNotStartWithS() {
        String text = "x" + userSeed.substring(1);
        InvalidInputException e = fails(text, null);
        assertEquals("value is not an nkey seed: a seed starts with 'S'; expected an nkey seed (S…)",
                e.getMessage());
        assertNoSecret(text, e);
    }

    @Test
    void emptyOrNull() {
        assertEquals("seed is empty; expected a user seed (SU…)", fails("", KeyKind.USER).getMessage());
        assertEquals("seed is empty; expected a user seed (SU…)", fails("  \n", KeyKind.USER).getMessage());
        assertEquals("seed is empty; expected an nkey seed (S…)",
                assertThrows(InvalidInputException.class, () -> NatsKeyPair.fromSeed((char[]) null)).getMessage());
        assertEquals("seed is empty; expected an account seed (SA…)",
                assertThrows(InvalidInputException.class,
                        () -> NatsKeyPair.fromSeed((String) null, KeyKind.ACCOUNT)).getMessage());
    }

    @Test
    void unknownKeyType() {
        byte[] raw = new byte[36];
        int kind = 23 << 3; // 'X' (curve keys), which this library does not know
        raw[0] = (byte) (NKeyCodec.SEED_PREFIX_BYTE | (kind >> 5));
        raw[1] = (byte) ((kind & 31) << 3);
        raw[10] = 42;
        int crc = NKeyCodec.crc16(raw, 34);
        raw[34] = (byte) crc;
        raw[35] = (byte) (crc >>> 8);
        String seed = new String(NKeyCodec.base32(raw));
        assertEquals("SX", seed.substring(0, 2));

        InvalidInputException e = fails(seed, KeyKind.USER);
        assertEquals("seed has an unknown key type; expected a user seed (SU…)", e.getMessage());
        assertNoSecret(seed, e);
    }

    private static InvalidInputException fails(String seed, KeyKind expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NatsKeyPair.fromSeed(seed.toCharArray(), expected));
        assertNoSecret(seed, e);
        return e;
    }
}
