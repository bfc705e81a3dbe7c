package dev.natssandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.NatsClaims;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.ResponseType;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.jwt.WeightedMapping;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;
import dev.natssandbox.testsupport.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.natssandbox.conformance.GoHarness.JSON;
import static dev.natssandbox.conformance.GoHarness.strings;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our tokens and creds files, read by the reference Go library (nats-io/jwt v2.8 as Debian packages it, see
 * {@link GoHarness}): every token of {@link RichClaims} must decode, verify, validate without issues and chain in
 * Go, Go must recompute the same jti, read the same value for every claim, and re-marshal exactly our payload bytes,
 * every field included.
 */
@ExtendWith(ExternalTools.RequiresGoReference.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoReferenceIT {
    private static final String TO_DEPRECATED = "the field to has been deprecated (use LocalSubject instead)";

    private final Map<String, Jwt> ours = new LinkedHashMap<>();
    /** The claims each token was encoded from (activations of the provisioner excepted: those are its own). */
    private final Map<String, NatsClaims> intended = new LinkedHashMap<>();
    private final Map<String, JsonNode> go = new LinkedHashMap<>();
    private final Map<String, List<String>> expectedIssues = new LinkedHashMap<>();
    private final List<UserIdentity> credsUsers = new ArrayList<>();
    private JsonNode credsReports;

    @BeforeAll
    void runTheReferenceLibraryOnOurTokens(@TempDir Path dir) {
        GoHarness harness = GoHarness.build();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Hierarchy rich = RichClaims.provision(now);
        ObjectNode request = JSON.createObjectNode().put("operator", rich.operator().jwt());
        ArrayNode accounts = request.putArray("accounts");
        ArrayNode users = request.putArray("users");
        ArrayNode activations = request.putArray("activations");
        ArrayNode creds = request.putArray("creds");
        intended.put(rich.operator().jwt(), rich.operator().claims());
        for (AccountIdentity a : rich.accounts()) {
            accounts.add(a.jwt());
            intended.put(a.jwt(), a.claims());
            a.claims().imports().stream().map(Import::token).filter(t -> !t.isEmpty()).forEach(activations::add);
            for (UserIdentity u : a.users()) {
                users.add(u.jwt());
                intended.put(u.jwt(), u.claims());
                creds.add(u.creds().write(dir.resolve(u.account() + "-" + u.name() + ".creds")).toString());
                credsUsers.add(u);
            }
        }
        JsonNode richReport = harness.verify(request);
        credsReports = richReport.get("creds");

        RichClaims.Direct direct = RichClaims.direct(now.getEpochSecond());
        intended.putAll(direct.claims());
        ObjectNode directRequest = JSON.createObjectNode().put("operator", direct.operator());
        direct.accounts().forEach(directRequest.putArray("accounts")::add);
        direct.users().forEach(directRequest.putArray("users")::add);
        directRequest.putArray("activations").add(direct.activation());
        JsonNode directReport = harness.verify(directRequest);
        // The direct importer uses the deprecated "to" on purpose; the reference warns about it (not an error).
        expectedIssues.put(direct.accounts().get(2), List.of("warning: " + TO_DEPRECATED));

        for (JsonNode report : List.of(richReport, directReport)) {
            GoHarness.tokensByJwt(report).forEach((token, r) -> {
                go.put(token, r);
                ours.put(token, Jwts.decode(token));
            });
        }
        assertEquals(accounts.size() + users.size() + activations.size() + 1
                + direct.accounts().size() + direct.users().size() + 2, go.size(), "tokens reported by Go");
    }

    @Test
    void everyTokenDecodesValidatesAndChainsInTheReferenceLibrary() {
        assertAll(go.entrySet().stream().map(e -> (Executable) () -> {
            JsonNode r = e.getValue();
            String label = label(e.getKey());
            assertEquals("", r.path("decode_error").asText(), label + ": the reference cannot decode it");
            assertEquals(ours.get(e.getKey()).type(), r.get("type").asText(), label + ": claim type");
            assertEquals(2, r.get("version").asInt(), label + ": version");
            List<String> issues = new ArrayList<>();
            r.get("issues").forEach(i -> issues.add((i.get("blocking").asBoolean() ? "error: "
                    : i.get("time_check").asBoolean() ? "time: " : "warning: ") + i.get("description").asText()));
            assertEquals(expectedIssues.getOrDefault(e.getKey(), List.of()), issues,
                    label + ": issues the reference's Validate reports");
            assertEquals(List.of(), strings(r.get("chain")), label + ": chain of trust as the reference checks it");
        }));
    }

    @Test
    void theReferenceComputesTheSameJti() {
        assertAll(go.entrySet().stream().map(e -> (Executable) () -> assertEquals(
                e.getValue().get("jti_recomputed").asText(), ours.get(e.getKey()).id(),
                label(e.getKey()) + ": jti (SHA-512/256 of the standard claims, as the reference hashes them)")));
    }

    @Test
    void theReferenceReadsEveryClaimValueWeWrote() {
        assertAll(go.entrySet().stream().map(e -> (Executable) () -> {
            Jwt jwt = ours.get(e.getKey());
            JsonNode expected = JSON.readTree(jwt.payloadJson());
            JsonNode actual = JSON.readTree(e.getValue().get("marshal").asText());
            assertEquals(expected, actual, label(e.getKey()) + ": claims as the reference decoded them");
            NatsClaims meant = intended.getOrDefault(e.getKey(), jwt.claims());
            assertEquals(meant, jwt.claims(), label(e.getKey()) + ": our decoder reads back what we encoded");
            checkFacts(jwt, meant, e.getValue().get("facts"));
        }));
    }

    @Test
    void ourPayloadIsByteForByteWhatTheReferenceMarshals() {
        assertAll(go.entrySet().stream().map(e -> (Executable) () -> {
            String payload = ours.get(e.getKey()).payloadJson();
            assertSameBytes(e.getValue().get("marshal").asText(), payload,
                    label(e.getKey()) + ": encoding/json output for the claims the reference decoded");
            if (e.getValue().hasNonNull("encode_marshal")) {
                assertSameBytes(e.getValue().get("encode_marshal").asText(), payload, label(e.getKey())
                        + ": what the reference's Encode writes (exports and imports sorted by subject)");
            }
        }));
    }

    @Test
    void ourCredsFilesParseInTheReferenceLibrary() {
        assertEquals(credsUsers.size(), credsReports.size(), "creds files reported by Go");
        assertAll(java.util.stream.IntStream.range(0, credsUsers.size()).mapToObj(i -> (Executable) () -> {
            UserIdentity u = credsUsers.get(i);
            JsonNode r = credsReports.get(i);
            String label = "creds of " + u.qualifiedName();
            assertEquals("", r.path("error").asText(), label);
            assertEquals(u.jwt(), r.get("jwt").asText(), label + ": JWT found by ParseDecoratedJWT");
            assertEquals("user", r.get("type").asText(), label);
            assertEquals(u.publicKey(), r.get("seed_public_key").asText(), label + ": ParseDecoratedNKey");
            assertTrue(r.get("seed_is_user").asBoolean(), label + ": ParseDecoratedUserNKey accepts the seed");
            assertTrue(r.get("seed_matches_subject").asBoolean(), label + ": seed's public key is the JWT subject");
            assertTrue(r.get("same_as_format_user_config").asBoolean(),
                    label + ": bytes differ from what FormatUserConfig writes for the same JWT and seed");
        }));
    }

    /** Values as the reference interprets them (units, defaults, verdicts), against the claims we meant. */
    private void checkFacts(Jwt jwt, NatsClaims meant, JsonNode facts) {
        String label = label(jwt.token());
        switch (jwt.type()) {
            case AccountClaims.TYPE -> {
                AccountClaims a = (AccountClaims) meant;
                boolean js = a.limits().tieredLimits().isEmpty() ? a.limits().jetStream().isEnabled()
                        : a.limits().tieredLimits().values().stream().anyMatch(JetStreamLimits::isEnabled);
                assertEquals(js, facts.get("js_enabled").asBoolean(), label + ": JetStream enabled");
                assertEquals(a.exports().size(), facts.get("exports").size(), label + ": exports");
                for (Export x : a.exports()) {
                    JsonNode f = facts.get("exports").get(x.subject());
                    String at = label + ": export " + x.subject();
                    assertEquals(x.type().wireName(), f.get("type").asText(), at);
                    String kind = x.type() == ExportType.STREAM ? "" : x.responseType() == null ? "singleton"
                            : x.responseType() == ResponseType.SINGLETON ? "singleton"
                            : x.responseType().wireName().toLowerCase(java.util.Locale.ROOT);
                    assertEquals(kind, f.get("response_kind").asText(), at + ": response type");
                    assertEquals(x.responseThreshold().toNanos(), f.get("response_threshold_ns").asLong(), at);
                    assertEquals(x.latency() == null ? -1 : x.latency().sampling(),
                            f.get("latency_sampling").asInt(), at + ": latency sampling");
                }
                long scoped = a.signingKeys().stream().filter(SigningKey::isScoped).count();
                assertEquals(scoped, facts.get("scopes").size(), label + ": scoped signing keys");
                for (SigningKey k : a.signingKeys()) {
                    if (k.isScoped()) {
                        JsonNode f = facts.get("scopes").get(k.key());
                        assertEquals(k.scope().role(), f.get("role").asText(), label + ": scope role");
                        checkPermissionFacts(k.scope().template().permissions(), f, label + ": scope template");
                        assertEquals(k.scope().template().bearerToken(), f.get("bearer").asBoolean(), label);
                    }
                }
                for (Map.Entry<String, List<WeightedMapping>> m : a.mappings().entrySet()) {
                    assertEquals(m.getValue().stream().map(w -> w.weight() == 0 ? 100 : w.weight()).toList(),
                            JSON.convertValue(facts.get("mapping_weights").get(m.getKey()), List.class),
                            label + ": weights of mapping " + m.getKey());
                }
                checkPermissionFacts(a.defaultPermissions(), facts.get("default_permissions"),
                        label + ": default permissions");
            }
            case UserClaims.TYPE -> {
                UserClaims user = (UserClaims) meant;
                UserPermissionLimits u = user.limits();
                checkPermissionFacts(u.permissions(), facts, label);
                assertEquals(u.bearerToken(), facts.get("bearer").asBoolean(), label + ": bearer");
                assertEquals(u.isEmpty(), facts.get("has_empty_permissions").asBoolean(),
                        label + ": carries no permissions (as a scoped signing key's user must)");
                String accountKey = user.issuerAccount().isEmpty() ? jwt.issuer() : user.issuerAccount();
                String accountToken = ours.values().stream()
                        .filter(j -> j.type().equals(AccountClaims.TYPE) && j.subject().equals(accountKey))
                        .findFirst().orElseThrow().token();
                AccountClaims account = (AccountClaims) intended.get(accountToken);
                assertEquals(account.isRevoked(jwt.subject(), jwt.issuedAt()), facts.get("revoked").asBoolean(),
                        label + ": revoked by its account");
                assertEquals(account.signingKey(jwt.issuer()).map(SigningKey::isScoped).orElse(false),
                        facts.path("scoped_signer").asBoolean(false), label + ": signed by a scoped key");
            }
            case ActivationClaims.TYPE -> {
                ActivationClaims act = (ActivationClaims) meant;
                assertEquals(act.subject(), facts.get("import_subject").asText(), label + ": import subject");
                assertEquals(act.kind().wireName(), facts.get("import_type").asText(), label + ": import type");
            }
            default -> {
            }
        }
    }

    private static void checkPermissionFacts(Permissions p, JsonNode facts, String label) {
        if (p.resp() == null) {
            assertTrue(facts.path("resp_ttl_ns").isMissingNode(), label + ": no response permission");
        } else {
            assertEquals(p.resp().maxMessages(), facts.get("resp_max").asInt(), label + ": resp max");
            assertEquals(p.resp().ttl().toNanos(), facts.get("resp_ttl_ns").asLong(), label + ": resp ttl");
        }
    }

    static void assertSameBytes(String expected, String actual, String message) {
        if (expected.equals(actual)) {
            return;
        }
        int i = 0;
        while (i < Math.min(expected.length(), actual.length()) && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 80);
        throw new org.opentest4j.AssertionFailedError(message + ": first difference at character " + i
                + "\n  reference: …" + expected.substring(from, Math.min(expected.length(), i + 80))
                + "\n  ours:      …" + actual.substring(from, Math.min(actual.length(), i + 80)), expected, actual);
    }

    private String label(String token) {
        Jwt jwt = ours.get(token);
        return jwt.type() + " [" + jwt.name() + "]";
    }
}
