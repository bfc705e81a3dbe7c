package dev.natssandbox.keys;

import dev.natssandbox.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static dev.natssandbox.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurveKeyPairTests {
    private static final byte[] HELLO = "hello, callout".getBytes(StandardCharsets.UTF_8);

    @Test
    void naclBoxMatchesTheKnownAnswerOfTheCImplementation() {
        // The vector golang.org/x/crypto/nacl/box tests against: keys of all 1s and 2s, nonce of 4s, message of 3s.
        byte[] private1 = filled(32, 1);
        byte[] private2 = filled(32, 2);
        byte[] public1 = new byte[32];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(private1, 0, public1, 0);

        byte[] box = NaclBox.seal(filled(64, 3), filled(24, 4), public1, private2);

        assertEquals("78ea30b19d2341ebbdba54180f821eec265cf86312549bea8a37652a8bb94f07b78a73ed1708085e6ddd0e943bb"
                + "deb8755079a37eb31d86163ce241164a47629c0539f330b4914cd135b3855bc2a2dfc", HexFormat.of().formatHex(box));
    }

    @Test
    void seedsAndPublicKeysHaveTheCurvePrefixesAndRoundTrip() {
        CurveKeyPair kp = CurveKeyPair.generate();
        char[] seed = kp.seed();

        assertEquals("SX", new String(seed, 0, 2));
        assertEquals('X', kp.publicKey().charAt(0));
        assertEquals(56, kp.publicKey().length());
        assertEquals(kp.publicKey(), CurveKeyPair.fromSeed(seed).publicKey());
        assertTrue(CurveKeyPair.isPublicKey(kp.publicKey()));
        assertFalse(CurveKeyPair.isPublicKey(NatsKeyPair.generate(KeyKind.USER).publicKey()));
    }

    @Test
    void sealedMessagesOpenOnlyForTheRecipientAndCarryTheVersionHeader() {
        CurveKeyPair sender = CurveKeyPair.generate();
        CurveKeyPair recipient = CurveKeyPair.generate();

        byte[] sealed = sender.seal(HELLO, recipient.publicKey());

        assertEquals(CurveKeyPair.VERSION_HEADER, new String(sealed, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(4 + 24 + 16 + HELLO.length, sealed.length);
        assertArrayEquals(HELLO, recipient.open(sealed, sender.publicKey()));
        assertThrows(InvalidInputException.class,
                () -> CurveKeyPair.generate().open(sealed, sender.publicKey()));
    }

    @Test
    void toStringNeverShowsTheSeed() {
        CurveKeyPair kp = CurveKeyPair.generate();
        assertNoSecret(new String(kp.seed()), kp.toString());
    }

    @Nested
    class Failures {
        private final CurveKeyPair sender = CurveKeyPair.generate();
        private final CurveKeyPair recipient = CurveKeyPair.generate();

        @Test
        void alteredBytesDoNotOpen() {
            byte[] sealed = sender.seal(HELLO, recipient.publicKey());
            sealed[sealed.length - 1] ^= 1;

            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> recipient.open(sealed, sender.publicKey()));
            assertTrue(e.getMessage().contains("does not open"), e.getMessage());
        }

        @Test
        void anotherVersionHeaderIsRefusedByName() {
            byte[] sealed = sender.seal(HELLO, recipient.publicKey());
            sealed[3] = '2';

            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> recipient.open(sealed, sender.publicKey()));
            assertTrue(e.getMessage().contains("[xkv1]"), e.getMessage());
        }

        @Test
        void inputNoLongerThanHeaderAndNonceIsRefused() {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> recipient.open(Arrays.copyOf(CurveKeyPair.VERSION_HEADER.getBytes(), 28),
                            sender.publicKey()));
            assertTrue(e.getMessage().contains("28 bytes"), e.getMessage());
        }

        @Test
        void anEd25519PublicKeyIsNotARecipient() {
            String user = NatsKeyPair.generate(KeyKind.USER).publicKey();

            InvalidInputException e = assertThrows(InvalidInputException.class, () -> sender.seal(HELLO, user));
            assertTrue(e.getMessage().contains("[" + user + "]"), e.getMessage());
        }

        @Test
        void anotherKindOfSeedIsRefusedWithoutEchoingIt() {
            String userSeed = new String(NatsKeyPair.generate(KeyKind.USER).seed());

            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> CurveKeyPair.fromSeed(userSeed));
            assertNoSecret(userSeed, e.getMessage());
            assertTrue(e.getMessage().contains("SX"), e.getMessage());
        }
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
