package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.internal.jwt.ClaimRules;
import dev.natssandbox.jwt.JwtException;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.internal.jwt.TokenRules;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.GoProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential test of decoding wrongly-typed claims: Go's {@code json.Unmarshal} refuses a token whose fields have
 * the wrong JSON type ({@code "iat":"x"}, {@code "pub":"x"}, {@code "subs":"1"}, an array for an object, a number
 * beyond its Go type's range), so the reference's {@code jwt.Decode} fails. A seeded generator
 * ({@code -Dnatssandbox.typesSeed=N} reproduces a run) takes the valid tokens of a rich hierarchy (every claim
 * field the library writes), replaces one or two values anywhere in the payload with a value of another type or an
 * out-of-range number, signs the result with the token's issuer and asks both: every token the reference's
 * {@code Decode} refuses ours refuses while decoding, the verdicts after validation ({@code Validate}'s blocking
 * errors, {@link TokenRules}) are equal, and our decoder never fails with anything but a {@link JwtException}.
 */
@ExtendWith(ExternalTools.RequiresGoReference.class)
class WrongTypesParityIT {
    /** Mutated tokens compared per run; the README's reliability section quotes this figure. */
    static final int TOKENS = 4000;

    /** Replacement values: every JSON type, numbers beyond int64, uint8 and uint, fractions and exponents. */
    private static final String[] VALUES = {"\"x\"", "\"\"", "\"1\"", "1", "0", "-1", "1.5", "1.0", "1e3", "true",
            "false", "null", "[]", "{}", "[\"x\"]", "[1]", "[null]", "{\"a\":1}", "{\"allow\":\"x\"}",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "256", "255", "-129",
            "4294967296", "18446744073709551616", "[[]]", "[{}]"};

    @Test
    void ourDecoderRefusesExactlyTheTokensTheReferenceRefuses() throws IOException {
        long seed = Long.getLong("natssandbox.typesSeed", 20261205L);
        Random random = new Random(seed);
        Hierarchy h = RichClaims.provision(Instant.parse("2026-01-01T00:00:00Z"));
        Map<String, NatsKeyPair> signers = new HashMap<>();
        List<String> valid = new ArrayList<>();
        signers.put(h.operator().publicKey(), h.operator().keyPair());
        h.operator().signingKeys().forEach(k -> signers.put(k.publicKey(), k));
        valid.add(h.operator().jwt());
        for (AccountIdentity a : h.accounts()) {
            signers.put(a.publicKey(), a.keyPair());
            a.signingKeys().values().forEach(k -> signers.put(k.publicKey(), k));
            valid.add(a.jwt());
        }
        for (UserIdentity u : h.users()) {
            valid.add(u.jwt());
        }
        ObjectNode request = GoHarness.JSON.createObjectNode();
        ArrayNode cases = request.putArray("cases");
        List<String> tokens = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (int n = 0; n < TOKENS; n++) {
            String base = valid.get(random.nextInt(valid.size()));
            String[] parts = base.split("\\.");
            ObjectNode payload = (ObjectNode) GoHarness.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            NatsKeyPair signer = signers.get(payload.get("iss").asText());
            StringBuilder change = new StringBuilder();
            int count = 1 + random.nextInt(2);
            for (int i = 0; i < count; i++) {
                List<String> paths = new ArrayList<>();
                collect(payload, "", paths);
                paths.remove("/iss");
                String path = paths.get(random.nextInt(paths.size()));
                String value = VALUES[random.nextInt(VALUES.length)];
                replace(payload, path, GoHarness.JSON.readTree(value));
                change.append(path).append('=').append(value).append(' ');
            }
            String token = sign(parts[0], GoHarness.JSON.writeValueAsString(payload), signer);
            tokens.add(token);
            changes.add(change.toString().strip());
            cases.addObject().put("id", Integer.toString(n)).put("jwt", token);
        }
        Path validatecheck = GoProgram.build("validatecheck");
        JsonNode report = GoHarness.JSON.readTree(GoProgram.run(List.of(validatecheck.toString()), null, Map.of(),
                GoHarness.JSON.writeValueAsBytes(request), GoProgram.Shown.COMMAND_LINE));
        List<String> mismatches = new ArrayList<>();
        int refused = 0;
        int undecodable = 0;
        int refusedEarlier = 0;
        for (JsonNode r : report.get("results")) {
            int n = r.get("id").asInt();
            String referenceDecode = r.hasNonNull("decode_error") ? r.get("decode_error").asText() : null;
            List<String> referenceProblems = new ArrayList<>();
            r.get("errors").forEach(e -> referenceProblems.add(e.asText()));
            String oursDecode = null;
            List<ClaimRules.Problem> ourProblems = List.of();
            try {
                ourProblems = TokenRules.problems(Jwts.decode(tokens.get(n)));
            } catch (JwtException e) {
                oursDecode = e.getMessage();
            } catch (RuntimeException e) {
                mismatches.add("token " + n + " (" + changes.get(n) + "): our decoder failed with " + e);
                continue;
            }
            boolean referenceRefuses = referenceDecode != null || !referenceProblems.isEmpty();
            boolean oursRefuses = oursDecode != null || !ourProblems.isEmpty();
            refused += referenceRefuses ? 1 : 0;
            undecodable += referenceDecode != null ? 1 : 0;
            if (oursDecode != null && referenceDecode == null && referenceRefuses) {
                // Same verdict, reached while decoding (an unknown response_type, say) instead of by validation.
                refusedEarlier++;
            }
            // A type the reference does not know makes it check the signature as of a v1 token, which fails; ours
            // decodes the token to show it and reports the type as the problem.
            boolean unknownType = ourProblems.stream().anyMatch(p -> p.where().equals("nats.type"));
            if (referenceRefuses != oursRefuses || referenceDecode != null && oursDecode == null && !unknownType) {
                mismatches.add("token " + n + " (" + changes.get(n) + "): ours " + (oursDecode != null
                        ? "cannot decode: " + oursDecode : ourProblems.isEmpty() ? "accepts" : "refuses: "
                        + ourProblems) + "; reference " + (referenceDecode != null ? "cannot decode: "
                        + referenceDecode : referenceProblems.isEmpty() ? "accepts" : "refuses: "
                        + referenceProblems));
            }
        }
        System.out.printf("wrong types: seed %d, %d mutated tokens, reference refused %d (%d not decodable), ours "
                + "refused %d of those while decoding%n", seed, TOKENS, refused, undecodable, refusedEarlier);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + TOKENS + " verdicts differ (seed " + seed
                + "), e.g.\n" + String.join("\n", mismatches.subList(0, Math.min(15, mismatches.size()))));
        // A generator whose tokens were all refused (or all accepted) would prove little.
        assertTrue(undecodable > TOKENS / 5 && refused < TOKENS * 19 / 20, "reference refused " + refused
                + ", could not decode " + undecodable);
    }

    /** Every value below the root, as JSON pointers, containers included. */
    private static void collect(JsonNode node, String at, List<String> out) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                out.add(p);
                collect(e.getValue(), p, out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(at + "/" + i);
                collect(a.get(i), at + "/" + i, out);
            }
        }
    }

    private static void replace(ObjectNode root, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = cut == 0 ? root : root.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        } else if (!(parent instanceof ContainerNode<?>)) {
            throw new IllegalStateException("no container at " + pointer);
        }
    }

    private static String sign(String header, String payload, NatsKeyPair signer) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = header + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return input + "." + b64.encodeToString(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
