package dev.natssandbox.keys;

import io.nats.client.NKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our nkey text codec and signatures against jnats' {@link NKey}, an independent implementation. */
class JnatsNKeyCompatibilityTests {
    private static final byte[] DATA = "the server's nonce".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void ourSeedGivesJnatsTheSamePublicKey(KeyKind kind) throws Exception {
        NatsKeyPair ours = NatsKeyPair.generate(kind);
        NKey theirs = NKey.fromSeed(ours.seed());

        assertEquals(ours.publicKey(), new String(theirs.getPublicKey()));
        assertEquals(ours.publicKey(), new String(ours.toNKey().getPublicKey()));
    }

    @Test
    void jnatsSeedsOfEveryKindReadTheSame() throws Exception {
        SecureRandom random = new SecureRandom();
        NKey[] keys = {NKey.createOperator(random), NKey.createAccount(random), NKey.createUser(random),
                NKey.createServer(random), NKey.createCluster(random)};
        KeyKind[] kinds = {KeyKind.OPERATOR, KeyKind.ACCOUNT, KeyKind.USER, KeyKind.SERVER, KeyKind.CLUSTER};
        for (int i = 0; i < keys.length; i++) {
            NatsKeyPair ours = NatsKeyPair.fromSeed(keys[i].getSeed(), kinds[i]);
            assertEquals(new String(keys[i].getPublicKey()), ours.publicKey());
            assertArrayEquals(keys[i].getSeed(), ours.seed());
        }
    }

    @Test
    void jnatsSignaturesVerifyWithOursAndOursWithJnats() throws Exception {
        NatsKeyPair ours = NatsKeyPair.generate(KeyKind.USER);
        NKey theirs = NKey.fromSeed(ours.seed());

        byte[] theirSig = theirs.sign(DATA);
        byte[] ourSig = ours.sign(DATA);

        assertTrue(NatsKeyPair.verify(ours.publicKey(), DATA, theirSig));
        assertTrue(theirs.verify(DATA, ourSig));
        // Ed25519 is deterministic: the same key signs the same bytes identically.
        assertArrayEquals(theirSig, ourSig);
        NKey publicOnly = NKey.fromPublicKey(ours.publicKey().toCharArray());
        assertTrue(publicOnly.verify(DATA, ourSig));
        assertFalse(publicOnly.verify("other".getBytes(StandardCharsets.UTF_8), ourSig));
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void jnatsAgreesWhichKindAPublicKeyIs(KeyKind kind) {
        char[] pk = NatsKeyPair.generate(kind).publicKey().toCharArray();
        assertEquals(kind == KeyKind.OPERATOR, NKey.isValidPublicOperatorKey(pk));
        assertEquals(kind == KeyKind.ACCOUNT, NKey.isValidPublicAccountKey(pk));
        assertEquals(kind == KeyKind.USER, NKey.isValidPublicUserKey(pk));
        assertEquals(kind == KeyKind.SERVER, NKey.isValidPublicServerKey(pk));
        assertEquals(kind == KeyKind.CLUSTER, NKey.isValidPublicClusterKey(pk));
    }
}
