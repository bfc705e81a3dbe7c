package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.natssandbox.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code describe} gives the reference's verdict on tokens: those it refuses exit 1 with the problem (as a
 * {@code status} and {@code problems} in {@code --json}); those it accepts, however extreme their times, are shown
 * without a crash.
 */
class DescribeVerdictTests {
    private record Run(int code, String out, String err) {
    }

    private static Run describe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "describe";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.execute(all, new PrintWriter(out), new PrintWriter(err));
        Run r = new Run(code, out.toString(), err.toString());
        assertFalse((r.out() + r.err()).contains("Exception"), r.toString());
        return r;
    }

    @Test
    void everyTokenGetsTheReferencesVerdictInTextAndJson() throws Exception {
        for (Map.Entry<String, String> e : VerdictTokens.all().entrySet()) {
            boolean ok = e.getKey().startsWith("ok-");
            Run text = describe(e.getValue());
            Run json = describe(e.getValue(), "--json");
            assertEquals(ok ? Main.OK : Main.INVALID, text.code(), e.getKey() + ": " + text);
            assertEquals(ok ? Main.OK : Main.INVALID, json.code(), e.getKey() + ": " + json);
            if (text.err().isEmpty()) {
                // Decoded: the verdict is part of the output.
                assertTrue(text.out().contains("Status: " + (ok ? "valid" : "invalid")), e.getKey() + text.out());
                JsonNode root = GoHarness.JSON.readTree(json.out());
                assertEquals(ok ? "valid" : "invalid", root.get("status").asText(), e.getKey());
                assertEquals(ok, root.get("problems").isEmpty(), e.getKey() + ": " + root.get("problems"));
            } else {
                assertFalse(ok, e.getKey() + ": " + text.err());
                assertTrue(text.err().startsWith("invalid input: "), text.err());
            }
        }
    }

    @Test
    void theIssuesCasesNameTheirProblem() {
        Map<String, String> t = VerdictTokens.all();
        assertTrue(describe(t.get("padded-signature")).err().contains("signature is padded with '='"));
        assertTrue(describe(t.get("version-4294967298")).err().contains("token version [4294967298] is newer"));
        assertTrue(describe(t.get("resp-string")).err().contains("nats.resp must be an object"));
        assertTrue(describe(t.get("signing-keys-nope")).out().contains("problem: nats.signing_keys: [nope] is not an "
                + "account public key"));
        assertTrue(describe(t.get("bogus-type")).out().contains("problem: nats.type: claim type [bogus] is unknown"));
        assertTrue(describe(t.get("system-account-nope")).out().contains("problem: nats.system_account: [nope] is "
                + "not an account public key"));
        assertTrue(describe(t.get("ok-huge-iat")).out().contains("unix time 7411530780910204638"));
    }
}
