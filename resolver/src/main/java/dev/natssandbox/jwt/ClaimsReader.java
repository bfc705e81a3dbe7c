package dev.natssandbox.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code "nats"} section of v1 and v2 tokens as the reference library does: unknown fields ignored,
 * absent numbers are 0 (so a v2 user without {@code subs} may not subscribe), v1 tokens migrated (their
 * {@code type}, {@code tags} and {@code issuer_account} live at the top level; v1 user limits default to -1).
 * A field of the wrong JSON type is an error naming the field.
 */
final class ClaimsReader {
    private ClaimsReader() {
    }

    static NatsClaims read(String type, int version, JsonNode top, JsonNode nats) {
        JsonNode n = nats == null || nats.isNull() ? JsonNodeFactory.instance.objectNode() : nats;
        List<String> tags = version == 1 ? strings(top, "tags", "tags") : strings(n, "tags", "nats.tags");
        return switch (type) {
            case OperatorClaims.TYPE -> OperatorClaims.builder()
                    .signingKeys(strings(n, "signing_keys", "nats.signing_keys"))
                    .accountServerUrl(text(n, "account_server_url", "nats"))
                    .operatorServiceUrls(strings(n, "operator_service_urls", "nats.operator_service_urls"))
                    .systemAccount(text(n, "system_account", "nats"))
                    .assertServerVersion(text(n, "assert_server_version", "nats"))
                    .strictSigningKeyUsage(bool(n, "strict_signing_key_usage", "nats")).tags(tags).build();
            case AccountClaims.TYPE -> readAccount(n, version, tags);
            case UserClaims.TYPE -> UserClaims.builder()
                    .limits(readUserPermissionLimits(n, "nats", version == 1 ? -1 : 0))
                    .issuerAccount(version == 1 ? text(top, "issuer_account", "") : text(n, "issuer_account", "nats"))
                    .tags(tags).build();
            case ActivationClaims.TYPE -> ActivationClaims.builder(text(n, "subject", "nats"),
                            n.has("kind") ? exportType(n, "kind", "nats") : ExportType.STREAM)
                    .issuerAccount(version == 1 ? text(top, "issuer_account", "") : text(n, "issuer_account", "nats"))
                    .tags(tags).build();
            case AuthorizationRequestClaims.TYPE -> CalloutClaimsCodec.readRequest(n, tags);
            case AuthorizationResponseClaims.TYPE -> CalloutClaimsCodec.readResponse(n, tags);
            default -> new OtherClaims(type, n.toString(), tags);
        };
    }

    private static AccountClaims readAccount(JsonNode n, int version, List<String> tags) {
        List<Import> imports = new ArrayList<>();
        int i = 0;
        for (JsonNode imp : array(n, "imports", "nats")) {
            String at = "nats.imports[" + i++ + "]";
            requireObject(imp, at);
            String name = text(imp, "name", at);
            String subject = text(imp, "subject", at);
            imports.add(Import.builder(text(imp, "account", at), subject, exportType(imp, at))
                    .name(name).token(text(imp, "token", at)).to(text(imp, "to", at))
                    .localSubject(text(imp, "local_subject", at)).share(bool(imp, "share", at))
                    .allowTrace(bool(imp, "allow_trace", at)).build());
        }
        List<Export> exports = new ArrayList<>();
        i = 0;
        for (JsonNode exp : array(n, "exports", "nats")) {
            String at = "nats.exports[" + i++ + "]";
            requireObject(exp, at);
            ServiceLatency latency = null;
            JsonNode sl = exp.get("service_latency");
            if (sl != null && !sl.isNull()) {
                requireObject(sl, at + ".service_latency");
                JsonNode sampling = sl.get("sampling");
                int rate = sampling == null || sampling.isNull()
                        || (sampling.isTextual() && sampling.asText().equalsIgnoreCase("headers"))
                        ? 0 : (int) number(sl, "sampling", at + ".service_latency");
                latency = new ServiceLatency(rate, text(sl, "results", at + ".service_latency"));
            }
            String rt = text(exp, "response_type", at);
            String name = text(exp, "name", at);
            exports.add(Export.builder(text(exp, "subject", at), exportType(exp, at)).name(name)
                    .tokenRequired(bool(exp, "token_req", at)).revocations(longMap(exp, "revocations", at))
                    .responseType(rt.isEmpty() ? null : ResponseType.parse(rt).orElseThrow(() -> new JwtException(
                            at + ".response_type [" + rt + "] is not Singleton, Stream or Chunked")))
                    .responseThreshold(Duration.ofNanos(number(exp, "response_threshold", at))).latency(latency)
                    .accountTokenPosition(
                            (int) Math.min(Integer.MAX_VALUE, unsigned(exp, "account_token_position", at, Long.MAX_VALUE)))
                    .advertise(bool(exp, "advertise", at)).description(text(exp, "description", at))
                    .infoUrl(text(exp, "info_url", at)).allowTrace(bool(exp, "allow_trace", at)).build());
        }
        JsonNode l = object(n, "limits", "nats");
        AccountLimits.Builder lb = AccountLimits.builder()
                .subs(number(l, "subs", "nats.limits"))
                .data(number(l, "data", "nats.limits"))
                .payload(number(l, "payload", "nats.limits"))
                .imports(number(l, "imports", "nats.limits"))
                .exports(number(l, "exports", "nats.limits"))
                .wildcards(bool(l, "wildcards", "nats.limits"))
                .disallowBearer(bool(l, "disallow_bearer", "nats.limits"))
                .conn(number(l, "conn", "nats.limits"))
                .leaf(number(l, "leaf", "nats.limits"))
                .jetStream(version == 1 ? JetStreamLimits.DISABLED : jetStream(l, "nats.limits"));
        JsonNode tiers = object(l, "tiered_limits", "nats.limits");
        Iterator<Map.Entry<String, JsonNode>> it = tiers.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            requireObject(e.getValue(), "nats.limits.tiered_limits." + e.getKey());
            lb.tier(e.getKey(), jetStream(e.getValue(), "nats.limits.tiered_limits." + e.getKey()));
        }
        AccountLimits limits = lb.build();
        if (!limits.tieredLimits().isEmpty()) {
            // As the reference does: tiered limits replace the untiered ones.
            limits = limits.toBuilder().jetStream(JetStreamLimits.DISABLED).build();
        }

        List<SigningKey> signingKeys = new ArrayList<>();
        i = 0;
        for (JsonNode k : array(n, "signing_keys", "nats")) {
            String at = "nats.signing_keys[" + i++ + "]";
            if (k.isTextual()) {
                signingKeys.add(new SigningKey(k.asText(), null));
            } else if (k.isObject()) {
                // The reference reads the array as generic JSON first and re-encodes each scope: its numbers went
                // through float64, so 1e3 or 5.0 are integers there, and integers beyond 2^53 are rounded.
                k = throughFloat64(k);
                String kind = text(k, "kind", at);
                if (!"user_scope".equals(kind)) {
                    throw new JwtException(at + ".kind [" + kind + "] is not a known signing key scope "
                            + "(expected user_scope)");
                }
                signingKeys.add(new SigningKey(text(k, "key", at), new UserScope(text(k, "role", at),
                        readUserPermissionLimits(object(k, "template", at), at + ".template", -1),
                        text(k, "description", at))));
            }
            // Anything else (a number, null, an array) the reference skips without a word.
        }
        JsonNode dp = object(n, "default_permissions", "nats");
        Map<String, List<WeightedMapping>> mappings = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> mit = object(n, "mappings", "nats").fields();
        while (mit.hasNext()) {
            Map.Entry<String, JsonNode> e = mit.next();
            String at = "nats.mappings." + e.getKey();
            List<WeightedMapping> dests = new ArrayList<>();
            if (!e.getValue().isArray() && !e.getValue().isNull()) {
                throw new JwtException(at + " must be an array");
            }
            for (JsonNode m : e.getValue()) {
                requireObject(m, at);
                dests.add(new WeightedMapping(text(m, "subject", at), (int) unsigned(m, "weight", at, 255),
                        text(m, "cluster", at)));
            }
            mappings.put(e.getKey(), dests);
        }
        JsonNode auth = object(n, "authorization", "nats");
        ExternalAuthorization authorization = new ExternalAuthorization(
                strings(auth, "auth_users", "nats.authorization.auth_users"),
                strings(auth, "allowed_accounts", "nats.authorization.allowed_accounts"),
                text(auth, "xkey", "nats.authorization"));
        return AccountClaims.builder().imports(imports).exports(exports).limits(limits).signingKeys(signingKeys)
                .revocations(longMap(n, "revocations", "nats"))
                .defaultPermissions(readPermissions(dp, "nats.default_permissions")).mappings(mappings)
                .authorization(authorization).description(text(n, "description", "nats"))
                .infoUrl(text(n, "info_url", "nats")).tags(tags).trace(trace(n))
                .clusterTraffic(text(n, "cluster_traffic", "nats")).build();
    }

    /** A pointer in the reference: absent or null is no tracing, {@code {}} is tracing with nothing set. */
    private static MessageTrace trace(JsonNode n) {
        JsonNode t = n.get("trace");
        if (t == null || t.isNull()) {
            return null;
        }
        JsonNode o = object(n, "trace", "nats");
        long sampling = number(o, "sampling", "nats.trace");
        if (sampling != (int) sampling) {
            throw new JwtException("nats.trace.sampling [" + sampling + "] is not a percentage; expected 1 to 100");
        }
        return new MessageTrace(text(o, "dest", "nats.trace"), (int) sampling);
    }

    private static JetStreamLimits jetStream(JsonNode l, String at) {
        return JetStreamLimits.builder().memoryStorage(number(l, "mem_storage", at))
                .diskStorage(number(l, "disk_storage", at)).streams(number(l, "streams", at))
                .consumers(number(l, "consumer", at)).maxAckPending(number(l, "max_ack_pending", at))
                .memoryMaxStreamBytes(number(l, "mem_max_stream_bytes", at))
                .diskMaxStreamBytes(number(l, "disk_max_stream_bytes", at))
                .maxBytesRequired(bool(l, "max_bytes_required", at)).build();
    }

    static UserPermissionLimits readUserPermissionLimits(JsonNode n, String at, long absentLimit) {
        List<TimeRange> times = new ArrayList<>();
        int i = 0;
        for (JsonNode t : array(n, "times", at)) {
            String tat = at + ".times[" + i++ + "]";
            requireObject(t, tat);
            times.add(new TimeRange(text(t, "start", tat), text(t, "end", tat)));
        }
        return UserPermissionLimits.builder().permissions(readPermissions(n, at)).src(cidrs(n, at)).times(times)
                .timesLocation(text(n, "times_location", at))
                .subs(numberOr(n, "subs", at, absentLimit)).data(numberOr(n, "data", at, absentLimit))
                .payload(numberOr(n, "payload", at, absentLimit)).bearerToken(bool(n, "bearer_token", at))
                .proxyRequired(bool(n, "proxy_required", at))
                .allowedConnectionTypes(strings(n, "allowed_connection_types", at + ".allowed_connection_types"))
                .build();
    }

    static Permissions readPermissions(JsonNode n, String at) {
        ResponsePermission resp = null;
        JsonNode r = n.get("resp");
        if (r != null && !r.isNull()) {
            if (!r.isObject()) {
                // The reference cannot unmarshal it, so it refuses the whole token.
                throw new JwtException(path(at, "resp") + " must be an object like {\"max\": 1, \"ttl\": 0}, got ["
                        + r + "]");
            }
            resp = new ResponsePermission((int) number(r, "max", at + ".resp"),
                    Duration.ofNanos(number(r, "ttl", at + ".resp")));
        }
        return new Permissions(permission(n, "pub", at), permission(n, "sub", at), resp);
    }

    private static Permission permission(JsonNode n, String field, String at) {
        JsonNode p = object(n, field, at);
        return new Permission(strings(p, "allow", at + "." + field + ".allow"),
                strings(p, "deny", at + "." + field + ".deny"));
    }

    /**
     * The reference accepts {@code src} as an array or as a comma-separated string; the string form is split,
     * trimmed and lower-cased, dropping empty entries and duplicates ({@code CIDRList.Set}).
     */
    private static List<String> cidrs(JsonNode n, String at) {
        JsonNode v = n.get("src");
        if (v != null && v.isTextual()) {
            List<String> out = new ArrayList<>();
            for (String s : v.asText().toLowerCase(Locale.ROOT).split(",")) {
                s = s.strip();
                if (!s.isEmpty() && !out.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }
        return strings(n, "src", at + ".src");
    }

    private static ExportType exportType(JsonNode n, String at) {
        return exportType(n, "type", at);
    }

    /** The reference's {@code ExportType}: present (null too) it must be stream or service. */
    private static ExportType exportType(JsonNode n, String field, String at) {
        String t = text(n, field, at);
        return ExportType.parse(t).orElseThrow(() -> new JwtException(
                path(at, field) + " [" + t + "] is not stream or service"));
    }

    // ---- typed field access with messages naming the field ----

    static String text(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new JwtException(path(at, field) + " must be a string, got " + v.getNodeType());
        }
        return v.asText();
    }

    static long number(JsonNode n, String field, String at) {
        return numberOr(n, field, at, 0);
    }

    static long numberOr(JsonNode n, String field, String at, long absent) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new JwtException(path(at, field) + " must be an integer, got [" + v + "]");
        }
        return v.asLong();
    }

    /**
     * An unsigned Go integer ({@code uint8} for mapping weights, {@code uint} for token positions): a negative or
     * larger number is refused as the reference's decoder refuses it; values beyond {@code long} read as
     * {@code max}.
     */
    static long unsigned(JsonNode n, String field, String at, long max) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        java.math.BigInteger limit = max == 255 ? java.math.BigInteger.valueOf(255)
                : java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
        if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0 || v.bigIntegerValue().compareTo(limit) > 0) {
            throw new JwtException(path(at, field) + " must be an integer from 0 to " + limit + ", got [" + v + "]");
        }
        return v.canConvertToLong() ? Math.min(v.asLong(), max) : max;
    }

    /**
     * @return a copy of the JSON with every number as Go's {@code encoding/json} writes it back after reading it into
     *         a {@code float64}: integral values below 1e21 become integers (as the shortest decimal of the double), others stay
     *         fractions
     */
    private static JsonNode throughFloat64(JsonNode n) {
        if (n.isNumber()) {
            double d = n.asDouble();
            if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                // Go writes the shortest decimal that reads back as the same double (2^63 as 9223372036854776000).
                return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(Double.toString(d))
                        .toBigIntegerExact());
            }
            return JsonNodeFactory.instance.numberNode(d);
        }
        if (n.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = JsonNodeFactory.instance.objectNode();
            n.fields().forEachRemaining(e -> copy.set(e.getKey(), throughFloat64(e.getValue())));
            return copy;
        }
        if (n.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            n.forEach(e -> copy.add(throughFloat64(e)));
            return copy;
        }
        return n;
    }

    /** An element of an array of objects: an object, or null (read as empty, as Go does). */
    private static void requireObject(JsonNode v, String at) {
        if (!v.isObject() && !v.isNull()) {
            throw new JwtException(at + " must be an object, got " + v.getNodeType());
        }
    }

    static boolean bool(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new JwtException(path(at, field) + " must be true or false, got [" + v + "]");
        }
        return v.asBoolean();
    }

    static List<String> strings(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new JwtException(at + " must be an array of strings, got " + v.getNodeType());
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (e.isNull()) {
                out.add(""); // Go's encoding/json leaves a string it reads null from empty
                continue;
            }
            if (!e.isTextual()) {
                throw new JwtException(at + " must contain only strings, got [" + e + "]");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static Iterable<JsonNode> array(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new JwtException(path(at, field) + " must be an array, got " + v.getNodeType());
        }
        return v;
    }

    private static JsonNode object(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!v.isObject()) {
            throw new JwtException(path(at, field) + " must be an object, got " + v.getNodeType());
        }
        return v;
    }

    private static Map<String, Long> longMap(JsonNode n, String field, String at) {
        Map<String, Long> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object(n, field, at).fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                out.put(e.getKey(), 0L);
                continue;
            }
            if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToLong()) {
                throw new JwtException(path(at, field) + "." + e.getKey() + " must be an integer");
            }
            out.put(e.getKey(), e.getValue().asLong());
        }
        return out;
    }

    private static String path(String at, String field) {
        return at == null || at.isEmpty() ? field : at + "." + field;
    }
}
