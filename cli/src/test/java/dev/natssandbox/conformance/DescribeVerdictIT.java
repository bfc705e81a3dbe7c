package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.cli.Main;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.GoProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code describe}'s verdict on every {@link VerdictTokens} token equals the reference's: jwt v2.8's Decode and
 * Validate (blocking errors) run on the same token by {@code src/test/go/validatecheck}.
 */
@ExtendWith(ExternalTools.RequiresGoReference.class)
class DescribeVerdictIT {
    @Test
    void describeRefusesExactlyTheTokensTheReferenceRefuses() throws Exception {
        Map<String, String> tokens = VerdictTokens.all();
        ObjectNode request = GoHarness.JSON.createObjectNode();
        ArrayNode cases = request.putArray("cases");
        tokens.forEach((label, token) -> cases.addObject().put("id", label).put("jwt", token));
        Path binary = GoProgram.build("validatecheck");
        JsonNode report = GoHarness.JSON.readTree(GoProgram.run(List.of(binary.toString()), null, Map.of(),
                GoHarness.JSON.writeValueAsBytes(request), GoProgram.Shown.COMMAND_LINE));
        for (JsonNode r : report.get("results")) {
            String label = r.get("id").asText();
            boolean referenceRefuses = r.hasNonNull("decode_error") || !r.get("errors").isEmpty();
            assertEquals(!label.startsWith("ok-"), referenceRefuses, label + ": reference said " + r);
            int code = Main.execute(new String[]{"describe", tokens.get(label)}, new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()));
            assertEquals(referenceRefuses ? Main.INVALID : Main.OK, code, label + ": reference said " + r);
        }
        assertEquals(tokens.size(), report.get("results").size());
    }
}
