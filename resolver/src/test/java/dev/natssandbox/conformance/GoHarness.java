package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.testsupport.GoProgram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Go program in {@code src/test/go/jwtcheck}, built and run by {@link GoProgram} (the reference libraries of
 * {@link dev.natssandbox.testsupport.ExternalTools#goPath()}), once per request.
 */
final class GoHarness {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;

    private GoHarness(Path binary) {
        this.binary = binary;
    }

    /**
     * Builds the program into the build directory. Test classes that use it carry
     * {@code @ExtendWith(ExternalTools.RequiresGoReference.class)}, which skips them when Go or the reference
     * libraries are missing.
     *
     * @return the built harness
     */
    static GoHarness build() {
        return new GoHarness(GoProgram.build("jwtcheck"));
    }

    /**
     * @param request the verify request (operator, accounts, users, activations, others, creds)
     * @return the verify report
     */
    JsonNode verify(ObjectNode request) {
        byte[] in;
        try {
            in = JSON.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(GoProgram.run(GoProgram.command(binary, "verify"), null, Map.of(), in,
                GoProgram.Shown.COMMAND_LINE), "verify");
    }

    /**
     * @param now unix seconds the reference tokens' times are relative to
     * @return the reference tokens, keys and creds (seeds included: keep them in memory)
     */
    JsonNode generate(long now) {
        return parse(GoProgram.run(GoProgram.command(binary, "generate", "-now", Long.toString(now)), null, Map.of(),
                null, GoProgram.Shown.COMMAND_LINE), "generate");
    }

    private static JsonNode parse(byte[] out, String mode) {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            // The output of generate holds seeds, and Jackson quotes the input in its messages: keep both out.
            throw new AssertionError("jwtcheck " + mode + " wrote " + out.length + " bytes that are not JSON");
        }
    }

    /**
     * @param report a verify report
     * @return its token reports, keyed by the token
     */
    static Map<String, JsonNode> tokensByJwt(JsonNode report) {
        Map<String, JsonNode> byJwt = new java.util.LinkedHashMap<>();
        report.get("tokens").forEach(t -> byJwt.put(t.get("jwt").asText(), t));
        return byJwt;
    }

    /**
     * @param node an array node of strings (or null)
     * @return its strings
     */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        }
        return out;
    }
}
