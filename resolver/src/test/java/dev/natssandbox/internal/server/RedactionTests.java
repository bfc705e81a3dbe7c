package dev.natssandbox.internal.server;

import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.natssandbox.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RedactionTests {
    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"OPERATOR", "ACCOUNT", "USER"})
    void aSeedOfEveryGeneratedKindIsReplaced(KeyKind kind) {
        NatsKeyPair kp = NatsKeyPair.generate(kind);
        String seed = new String(kp.seed());
        String text = "[ERR] bad key " + seed + ": rejected";
        assertEquals("[ERR] bad key <redacted seed>: rejected", Redaction.redact(text));
        assertNoSecret(seed, Redaction.redact(text));
    }

    @Test
    void seedsInsideOtherTextAndSeveralPerLineAreAllReplaced() {
        String a = new String(NatsKeyPair.generate(KeyKind.USER).seed());
        String b = new String(NatsKeyPair.generate(KeyKind.ACCOUNT).seed());
        String creds = "-----BEGIN USER NKEY SEED-----\n" + a + "\n------END USER NKEY SEED------\nkey=" + b + ";";
        assertEquals("-----BEGIN USER NKEY SEED-----\n<redacted seed>\n------END USER NKEY SEED------\n"
                + "key=<redacted seed>;", Redaction.redact(creds));
    }

    @Test
    void publicKeysAndOrdinaryTextAreLeftAlone() {
        NatsKeyPair user = NatsKeyPair.generate(KeyKind.USER);
        NatsKeyPair account = NatsKeyPair.generate(KeyKind.ACCOUNT);
        NatsKeyPair operator = NatsKeyPair.generate(KeyKind.OPERATOR);
        String text = "user " + user.publicKey() + " of " + account.publicKey() + " under " + operator.publicKey()
                + " said SUCCESS at 12:00 [INF] Server is ready";
        assertEquals(text, Redaction.redact(text));
    }

    @Test
    void nullStaysNull() {
        assertNull(Redaction.redact(null));
        assertEquals("", Redaction.redact(""));
    }
}
