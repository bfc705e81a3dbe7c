package dev.natssandbox.nscimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.natssandbox.NatsSandboxException;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.Jwts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the claims of a token that the claim records do not hold: fields of newer reference versions (auth callout's
 * {@code authorization}, {@code trace}, {@code allow_trace} …) or anything else the reader skips. It compares the
 * token's payload with what the decoded claims encode to again; every non-empty value whose path is missing from
 * the re-encoding is reported. Paths look through arrays ({@code nats.exports.allow_trace}) so that the order the
 * encoder sorts lists into does not matter; empty values ({@code null}, {@code false}, {@code 0}, {@code ""}, empty
 * arrays and objects) are ignored, since the reference omits them too.
 */
final class ClaimCoverage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STANDARD = Set.of("jti", "iat", "iss", "name", "sub", "exp", "nbf", "aud",
            "nats");
    private static final int MAX_VALUE_LENGTH = 80;

    private ClaimCoverage() {
    }

    /**
     * @param jwt a decoded token
     * @return one description per claim the claim records leave out, e.g.
     *         {@code claim [nats.authorization.auth_users] = ["UABC…"] is not supported and is left out}
     */
    static List<String> unsupported(Jwt jwt) {
        if (jwt.version() == 1) {
            return List.of("is a v1 JWT (nsc before 2.0); its claims are read as the reference library migrates "
                    + "them to v2, and fields that migration drops are not checked");
        }
        JsonNode payload = parse(jwt.payloadJson());
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> top = payload.fields();
        while (top.hasNext()) {
            Map.Entry<String, JsonNode> e = top.next();
            if (!STANDARD.contains(e.getKey()) && !isEmpty(e.getValue())) {
                out.add(describe(e.getKey(), List.of(e.getValue())));
            }
        }
        Map<String, List<JsonNode>> original = new LinkedHashMap<>();
        leaves(payload.path("nats"), "nats", original);
        Map<String, List<JsonNode>> understood = new LinkedHashMap<>();
        leaves(parse(Jwts.natsJson(jwt.claims())), "nats", understood);
        original.forEach((path, values) -> {
            if (!understood.containsKey(path)) {
                out.add(describe(path, values));
            }
        });
        return out;
    }

    private static String describe(String path, List<JsonNode> values) {
        String shown = values.size() == 1 ? values.get(0).toString() : values.toString();
        if (shown.length() > MAX_VALUE_LENGTH) {
            shown = shown.substring(0, MAX_VALUE_LENGTH) + "…";
        }
        return "claim [" + path + "] = " + shown + " is not supported by nats-sandbox and is left out";
    }

    private static void leaves(JsonNode n, String path, Map<String, List<JsonNode>> out) {
        if (n == null || isEmpty(n)) {
            return;
        }
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> leaves(e.getValue(), path + "." + e.getKey(), out));
        } else if (n.isArray()) {
            n.forEach(e -> leaves(e, path, out));
        } else {
            out.computeIfAbsent(path, p -> new ArrayList<>()).add(n);
        }
    }

    private static boolean isEmpty(JsonNode n) {
        if (n.isNull() || n.isMissingNode()) {
            return true;
        }
        if (n.isBoolean()) {
            return !n.asBoolean();
        }
        if (n.isNumber()) {
            return n.asDouble() == 0;
        }
        if (n.isTextual()) {
            return n.asText().isEmpty();
        }
        if (n.isContainerNode()) {
            for (JsonNode child : n) {
                if (!isEmpty(child)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new NatsSandboxException("cannot re-read a decoded JWT payload: " + e.getMessage(), e);
        }
    }
}
