package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.InvalidInputException;
import dev.natssandbox.keys.CurveKeyPair;
import dev.natssandbox.testsupport.CalloutCheck;
import dev.natssandbox.testsupport.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static dev.natssandbox.testsupport.CalloutCheck.JSON;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * xkeys against nkeys' {@code xkeys.go}: reference-made seeds give the reference's public keys here, what the
 * reference sealed opens here, what we seal opens in the reference, and a box altered on the way opens in neither.
 */
@ExtendWith(ExternalTools.RequiresGoReference.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoReferenceXkeysIT {
    private CalloutCheck go;
    private JsonNode reference;

    @BeforeAll
    void generate() {
        go = CalloutCheck.build();
        reference = go.generate(Instant.now().getEpochSecond());
    }

    @Test
    void referenceSeedsGiveTheReferencePublicKeys() {
        for (JsonNode k : reference.get("xkeys")) {
            assertEquals(k.get("public").asText(), CurveKeyPair.fromSeed(k.get("seed").asText()).publicKey());
        }
    }

    @Test
    void whatTheReferenceSealedOpensHere() throws Exception {
        JsonNode sender = reference.get("xkeys").get(0);
        CurveKeyPair recipient = CurveKeyPair.fromSeed(reference.get("xkeys").get(1).get("seed").asText());

        byte[] opened = recipient.open(reference.get("sealed").binaryValue(), sender.get("public").asText());

        assertArrayEquals(reference.get("message").binaryValue(), opened);
    }

    @Test
    void whatWeSealOpensInTheReferenceBothForJavaAndGoRecipients() throws Exception {
        CurveKeyPair sender = CurveKeyPair.generate();
        CurveKeyPair javaRecipient = CurveKeyPair.generate();
        JsonNode goRecipient = reference.get("xkeys").get(2);
        byte[] message = "{\"ünïcode\":\"payload\"}".getBytes(StandardCharsets.UTF_8);
        byte[] altered = sender.seal(message, javaRecipient.publicKey());
        altered[altered.length - 5] ^= 0x20;

        ObjectNode request = JSON.createObjectNode();
        ArrayNode open = request.putArray("open");
        open.addObject().put("recipient_seed", new String(javaRecipient.seed()))
                .put("sender", sender.publicKey()).put("data", sender.seal(message, javaRecipient.publicKey()));
        open.addObject().put("recipient_seed", goRecipient.get("seed").asText())
                .put("sender", sender.publicKey()).put("data", sender.seal(message, goRecipient.get("public").asText()));
        open.addObject().put("recipient_seed", new String(javaRecipient.seed()))
                .put("sender", sender.publicKey()).put("data", altered);
        request.putArray("seal").addObject().put("recipient", javaRecipient.publicKey()).put("message", message);
        JsonNode report = go.verify(request);

        JsonNode opened = report.get("opened");
        assertArrayEquals(message, opened.get(0).get("message").binaryValue(), opened.toString());
        assertArrayEquals(message, opened.get(1).get("message").binaryValue(), opened.toString());
        assertTrue(opened.get(2).path("error").asText().contains("could not decrypt"), opened.get(2).toString());
        assertThrows(InvalidInputException.class, () -> javaRecipient.open(altered, sender.publicKey()));

        JsonNode sealedByGo = report.get("sealed").get(0);
        assertArrayEquals(message, javaRecipient.open(sealedByGo.get("data").binaryValue(),
                sealedByGo.get("sender").asText()));
    }
}
