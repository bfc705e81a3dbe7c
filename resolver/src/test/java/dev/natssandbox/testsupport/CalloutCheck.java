package dev.natssandbox.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Go program in {@code src/test/go/calloutcheck} (nkeys xkeys, jwt authorization claims, the nats.go client),
 * built and run by {@link GoProgram}; failure messages leave its arguments out. Classes using it carry
 * {@code @ExtendWith(ExternalTools.RequiresGoReference.class)}.
 */
public final class CalloutCheck {
    /** For building requests and reading reports. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;

    private CalloutCheck(Path binary) {
        this.binary = binary;
    }

    /** @return the program, built into the build directory */
    public static synchronized CalloutCheck build() {
        return new CalloutCheck(GoProgram.build("calloutcheck"));
    }

    /**
     * @param request what to open, seal and verify
     * @return the report
     */
    public JsonNode verify(ObjectNode request) {
        return call(List.of("verify"), request);
    }

    /**
     * @param now unix seconds the reference tokens' times are relative to
     * @return reference-made xkeys and tokens, seeds included (keep them in memory)
     */
    public JsonNode generate(long now) {
        return call(List.of("generate", "-now", Long.toString(now)), null);
    }

    /**
     * @param probe how to connect (url, user, password, token, creds) and what to try
     * @return what the reference client saw
     */
    public JsonNode client(ObjectNode probe) {
        return call(List.of("client"), probe);
    }

    private JsonNode call(List<String> args, ObjectNode request) {
        List<String> command = GoProgram.command(binary, args.toArray(String[]::new));
        try {
            // Arguments and output can carry keys: failure messages name only the program.
            byte[] out = GoProgram.run(command, null, Map.of(), request == null ? null
                    : JSON.writeValueAsBytes(request), GoProgram.Shown.PROGRAM_ONLY);
            return JSON.readTree(out);
        } catch (IOException e) {
            // generate's output holds seeds, and Jackson quotes its input: keep both out of the message.
            throw new AssertionError("calloutcheck " + args.get(0) + " wrote output that is not JSON");
        }
    }
}
