package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.NatsClaims;
import dev.natssandbox.keys.KeyKind;
import dev.natssandbox.keys.NatsKeyPair;
import dev.natssandbox.model.InvalidSpecException;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.Provisioner;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.testsupport.ExternalTools;
import dev.natssandbox.testsupport.GoProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential test of validation: thousands of generated accounts ({@link SpecGenerator}, seeded, so a failure
 * reproduces with {@code -Dnatssandbox.paritySeed=N}) go through the model, and the reference library's
 * {@code Validate} judges the same claims: the JWTs the model issues when it accepts a spec, the claims built
 * directly when it refuses one. The model must accept exactly what the reference accepts.
 */
@ExtendWith(ExternalTools.RequiresGoReference.class)
class ValidationParityIT {
    /** Specs compared per run; the README's reliability section quotes this figure. */
    static final int SPECS = 3000;

    @Test
    void theModelAcceptsExactlyTheAccountsTheReferenceAccepts() {
        long seed = Long.getLong("natssandbox.paritySeed", 20261205L);
        Path validatecheck = GoProgram.build("validatecheck");
        SpecGenerator generator = new SpecGenerator(seed);
        String exporterKey = NatsKeyPair.generate(KeyKind.ACCOUNT).publicKey();
        String accountKey = NatsKeyPair.generate(KeyKind.ACCOUNT).publicKey();
        String operatorKey = NatsKeyPair.generate(KeyKind.OPERATOR).publicKey();
        ObjectNode request = GoHarness.JSON.createObjectNode();
        ArrayNode cases = request.putArray("cases");
        Map<Integer, String> modelVerdicts = new HashMap<>();
        List<SpecGenerator.Case> generated = new ArrayList<>();
        int accepted = 0;
        for (int n = 0; n < SPECS; n++) {
            SpecGenerator.Case c = generator.next();
            generated.add(c);
            String id = Integer.toString(n);
            try {
                SandboxSpec spec = c.spec();
                Hierarchy h = Provisioner.provision(spec);
                cases.addObject().put("id", id).put("jwt", h.operator().jwt());
                for (AccountIdentity a : h.accounts()) {
                    cases.addObject().put("id", id).put("jwt", a.jwt());
                }
                for (UserIdentity u : h.users()) {
                    cases.addObject().put("id", id).put("jwt", u.jwt());
                }
                modelVerdicts.put(n, null);
                accepted++;
            } catch (InvalidSpecException e) {
                modelVerdicts.put(n, e.getMessage());
                raw(cases, id, "operator", operatorKey, operatorKey, c.operatorClaims(accountKey));
                raw(cases, id, "account", accountKey, operatorKey, c.accountClaims(exporterKey));
                for (NatsClaims user : c.userClaims()) {
                    raw(cases, id, "user", NatsKeyPair.generate(KeyKind.USER).publicKey(), accountKey, user);
                }
            }
        }
        JsonNode report = run(validatecheck, request);
        Map<Integer, List<String>> referenceErrors = new HashMap<>();
        for (JsonNode r : report.get("results")) {
            List<String> errors = referenceErrors.computeIfAbsent(r.get("id").asInt(), k -> new ArrayList<>());
            if (r.hasNonNull("decode_error")) {
                errors.add("decode: " + r.get("decode_error").asText());
            }
            r.get("errors").forEach(e -> errors.add(e.asText()));
        }
        long refusedByReference = referenceErrors.values().stream().filter(e -> !e.isEmpty()).count();
        // The figures the README quotes; the reference's version is the one ExternalTools found.
        System.out.printf("validation parity: seed %d, %d specs, model accepted %d, reference refused %d, "
                + "%d claims checked by %s%n", seed, SPECS, accepted, refusedByReference, cases.size(),
                ExternalTools.goPath());
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < SPECS; n++) {
            String model = modelVerdicts.get(n);
            List<String> reference = referenceErrors.getOrDefault(n, List.of());
            if ((model == null) != reference.isEmpty()) {
                mismatches.add("spec " + n + " (seed " + seed + "): model " + (model == null ? "accepts" : "refuses: "
                        + model) + "; reference " + (reference.isEmpty() ? "accepts" : "refuses: " + reference)
                        + "; case " + abbreviated(generated.get(n).toString()));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + SPECS + " verdicts differ, e.g.\n"
                + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
        // A generator that only produced good (or only bad) specs would prove little.
        assertTrue(accepted > SPECS / 5 && accepted < SPECS * 4 / 5, "accepted " + accepted + " of " + SPECS);
        assertEquals(SPECS, modelVerdicts.size());
    }

    private static void raw(ArrayNode cases, String id, String kind, String subject, String issuer,
                            NatsClaims claims) {
        ObjectNode c = cases.addObject().put("id", id).put("kind", kind);
        ObjectNode body = c.putObject("claims").put("sub", subject).put("iss", issuer).put("iat", 1_700_000_000L);
        try {
            body.set("nats", GoHarness.JSON.readTree(Jwts.natsJson(claims)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviated(String text) {
        return text.replaceAll("([a-z])\\1{40,}", "$1…");
    }

    private static JsonNode run(Path binary, ObjectNode request) {
        try {
            byte[] out = GoProgram.run(List.of(binary.toString()), null, Map.of(),
                    GoHarness.JSON.writeValueAsBytes(request), GoProgram.Shown.COMMAND_LINE);
            return GoHarness.JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
