package dev.natssandbox.spec;

import dev.natssandbox.internal.spec.Units;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Permission;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.ResponsePermission;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.jwt.WeightedMapping;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.AuthorizationSpec;
import dev.natssandbox.model.CalloutUserSpec;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.OperatorSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.ServerSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.model.UserSpec;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a {@link SandboxSpec}, and the expectations of its document as an {@code expect:} block, in the spec file
 * schema, leaving out every value that equals its default, so that reading the text back gives an equal spec and the
 * same expectations.
 */
final class SpecWriter {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .stringQuotingChecker(new PlainOnlyWhenObvious())
            .build());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SpecWriter() {
    }

    static String write(SpecDocument document, SpecFormat format) {
        Map<String, Object> root = spec(document.spec());
        putIf(root, "expect", expect(document), !document.expectations().isEmpty());
        try {
            return (format == SpecFormat.JSON ? JSON : YAML).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> spec(SandboxSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operator", operator(spec.operator()));
        if (!spec.systemAccount().equals(SandboxSpec.DEFAULT_SYSTEM_ACCOUNT)) {
            m.put("system_account", spec.systemAccount());
        }
        Map<String, Object> server = server(spec.server());
        if (!server.isEmpty()) {
            m.put("server", server);
        }
        List<AccountSpec> accounts = new ArrayList<>(spec.accounts());
        AccountSpec last = accounts.get(accounts.size() - 1);
        // The system account the model adds by itself would be added again on reading; leave it out.
        if (last.equals(AccountSpec.builder(spec.systemAccount()).user(SandboxSpec.DEFAULT_SYSTEM_USER).build())) {
            accounts.remove(accounts.size() - 1);
        }
        if (!accounts.isEmpty()) {
            Map<String, Object> byName = new LinkedHashMap<>();
            accounts.forEach(a -> byName.put(a.name(), account(a)));
            m.put("accounts", byName);
        }
        return m;
    }

    /** Groups the expectations by user, action and allow/deny, in their order; users by their shortest name. */
    private static Map<String, Object> expect(SpecDocument document) {
        Map<String, Object> byUser = new LinkedHashMap<>();
        for (Expectation e : document.expectations()) {
            long same = document.spec().accounts().stream().flatMap(a -> a.users().stream())
                    .filter(u -> u.name().equals(e.user())).count();
            String ref = same == 1 ? e.user() : e.userRef();
            @SuppressWarnings("unchecked")
            Map<String, Object> actions = (Map<String, Object>) byUser.computeIfAbsent(ref,
                    k -> new LinkedHashMap<String, Object>());
            @SuppressWarnings("unchecked")
            Map<String, Object> rules = (Map<String, Object>) actions.computeIfAbsent(e.action().key(),
                    k -> new LinkedHashMap<String, Object>());
            @SuppressWarnings("unchecked")
            List<String> subjects = (List<String>) rules.computeIfAbsent(e.allowed() ? "allow" : "deny",
                    k -> new ArrayList<String>());
            subjects.add(e.queue().isEmpty() ? e.subject() : e.subject() + " " + e.queue());
        }
        return byUser;
    }

    private static Map<String, Object> operator(OperatorSpec o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        putIf(m, "signing_keys", o.signingKeys(), o.signingKeys() != 0);
        putIf(m, "strict_signing_keys", true, o.strictSigningKeyUsage());
        putIf(m, "account_server_url", o.accountServerUrl(), !o.accountServerUrl().isEmpty());
        putIf(m, "service_urls", o.serviceUrls(), !o.serviceUrls().isEmpty());
        putIf(m, "assert_server_version", o.assertServerVersion(), !o.assertServerVersion().isEmpty());
        putIf(m, "tags", o.tags(), !o.tags().isEmpty());
        putIf(m, "expires", o.expires() == null ? null : Units.formatDuration(o.expires()), o.expires() != null);
        return m;
    }

    private static Map<String, Object> server(ServerSpec s) {
        ServerSpec d = ServerSpec.DEFAULT;
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "host", s.host(), !s.host().equals(d.host()));
        putIf(m, "port", s.port(), s.port() != d.port());
        putIf(m, "jetstream", true, s.jetStream());
        putIf(m, "resolver", s.resolver().name().toLowerCase(Locale.ROOT), s.resolver() != ResolverType.MEMORY);
        putIf(m, "extra_config", s.extraConfig(), !s.extraConfig().isEmpty());
        putIf(m, "cluster", Map.of("size", s.clusterSize()), s.clustered());
        return m;
    }

    private static Map<String, Object> account(AccountSpec a) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "description", a.description(), !a.description().isEmpty());
        putIf(m, "info_url", a.infoUrl(), !a.infoUrl().isEmpty());
        putIf(m, "tags", a.tags(), !a.tags().isEmpty());
        putIf(m, "expires", a.expires() == null ? null : Units.formatDuration(a.expires()), a.expires() != null);
        putIf(m, "not_before", a.notBefore() == null ? null : a.notBefore().toString(), a.notBefore() != null);
        if (a.trace() != null) {
            Map<String, Object> trace = new LinkedHashMap<>();
            trace.put("dest", a.trace().destination());
            putIf(trace, "sampling", a.trace().sampling(), a.trace().sampling() != 100);
            m.put("trace", trace);
        }
        putIf(m, "cluster_traffic", a.clusterTraffic(), !a.clusterTraffic().isEmpty());
        putIf(m, "jetstream", true, a.limits().jetStream().equals(JetStreamLimits.UNLIMITED));
        Map<String, Object> limits = accountLimits(a.limits());
        putIf(m, "limits", limits, !limits.isEmpty());
        List<Object> keys = new ArrayList<>();
        a.signingKeys().forEach(k -> keys.add(signingKey(k)));
        putIf(m, "signing_keys", keys, !keys.isEmpty());
        Map<String, Object> defaults = permissions(a.defaultPermissions(), new LinkedHashMap<>());
        putIf(m, "default_permissions", defaults, !defaults.isEmpty());
        putIf(m, "exports", a.exports().stream().map(SpecWriter::export).toList(), !a.exports().isEmpty());
        putIf(m, "imports", a.imports().stream().map(SpecWriter::importing).toList(), !a.imports().isEmpty());
        Map<String, Object> mappings = new LinkedHashMap<>();
        a.mappings().forEach((from, to) -> mappings.put(from, mapping(to)));
        putIf(m, "mappings", mappings, !mappings.isEmpty());
        putIf(m, "revocations", a.revocations(), !a.revocations().isEmpty());
        putIf(m, "authorization", authorization(a.authorization()), a.authorization().isEnabled());
        Map<String, Object> users = new LinkedHashMap<>();
        a.users().forEach(u -> users.put(u.name(), user(u)));
        putIf(m, "users", users, !users.isEmpty());
        return m;
    }

    private static Map<String, Object> authorization(AuthorizationSpec a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auth_users", a.authUsers());
        putIf(m, "allowed_accounts", a.allowedAccounts(), !a.allowedAccounts().isEmpty());
        putIf(m, "xkey", a.xkey(), !a.xkey().isEmpty());
        Map<String, Object> users = new LinkedHashMap<>();
        for (CalloutUserSpec u : a.users()) {
            Map<String, Object> row = new LinkedHashMap<>();
            putIf(row, "password", u.password(), !u.usesToken());
            putIf(row, "token", u.token(), u.usesToken());
            row.put("account", u.account());
            putIf(row, "expires", u.expires() == null ? null : Units.formatDuration(u.expires()), u.expires() != null);
            userPermissionLimits(u.limits(), row);
            users.put(u.name(), row);
        }
        putIf(m, "callout_users", users, !users.isEmpty());
        return m;
    }

    private static Map<String, Object> accountLimits(AccountLimits l) {
        AccountLimits d = AccountLimits.DEFAULT;
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "conn", l.conn(), l.conn() != d.conn());
        putIf(m, "leaf", l.leaf(), l.leaf() != d.leaf());
        putIf(m, "subs", l.subs(), l.subs() != d.subs());
        putIf(m, "data", Units.formatSize(l.data()), l.data() != d.data());
        putIf(m, "payload", Units.formatSize(l.payload()), l.payload() != d.payload());
        putIf(m, "imports", l.imports(), l.imports() != d.imports());
        putIf(m, "exports", l.exports(), l.exports() != d.exports());
        putIf(m, "wildcards", false, !l.wildcards());
        putIf(m, "disallow_bearer", true, l.disallowBearer());
        JetStreamLimits js = l.jetStream();
        if (!js.equals(JetStreamLimits.DISABLED) && !js.equals(JetStreamLimits.UNLIMITED)) {
            m.putAll(jetStream(js));
        }
        Map<String, Object> tiers = new LinkedHashMap<>();
        l.tieredLimits().forEach((tier, limits) -> tiers.put(tier, jetStream(limits)));
        putIf(m, "tiered_limits", tiers, !tiers.isEmpty());
        return m;
    }

    /** The keys that differ from {@link JetStreamLimits#UNLIMITED}, which the reader starts from. */
    private static Map<String, Object> jetStream(JetStreamLimits js) {
        JetStreamLimits u = JetStreamLimits.UNLIMITED;
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "mem_storage", Units.formatSize(js.memoryStorage()), js.memoryStorage() != u.memoryStorage());
        putIf(m, "disk_storage", Units.formatSize(js.diskStorage()), js.diskStorage() != u.diskStorage());
        putIf(m, "streams", js.streams(), js.streams() != u.streams());
        putIf(m, "consumer", js.consumers(), js.consumers() != u.consumers());
        putIf(m, "max_ack_pending", js.maxAckPending(), js.maxAckPending() != u.maxAckPending());
        putIf(m, "mem_max_stream_bytes", Units.formatSize(js.memoryMaxStreamBytes()),
                js.memoryMaxStreamBytes() != u.memoryMaxStreamBytes());
        putIf(m, "disk_max_stream_bytes", Units.formatSize(js.diskMaxStreamBytes()),
                js.diskMaxStreamBytes() != u.diskMaxStreamBytes());
        putIf(m, "max_bytes_required", true, js.maxBytesRequired());
        return m;
    }

    private static Object signingKey(SigningKeySpec k) {
        if (!k.scoped()) {
            return k.name();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", k.name());
        m.put("scoped", true);
        putIf(m, "description", k.description(), !k.description().isEmpty());
        Map<String, Object> template = userPermissionLimits(k.template(), new LinkedHashMap<>());
        putIf(m, "template", template, !template.isEmpty());
        return m;
    }

    private static Map<String, Object> permissions(Permissions p, Map<String, Object> m) {
        permission(m, "pub", p.pub());
        permission(m, "sub", p.sub());
        ResponsePermission r = p.resp();
        if (r != null) {
            Map<String, Object> resp = new LinkedHashMap<>();
            resp.put("max", r.maxMessages());
            putIf(resp, "ttl", Units.formatDuration(r.ttl()), !r.ttl().isZero());
            m.put("resp", resp);
        }
        return m;
    }

    private static void permission(Map<String, Object> m, String key, Permission p) {
        Map<String, Object> rules = new LinkedHashMap<>();
        putIf(rules, "allow", p.allow(), !p.allow().isEmpty());
        putIf(rules, "deny", p.deny(), !p.deny().isEmpty());
        putIf(m, key, rules, !rules.isEmpty());
    }

    private static Map<String, Object> userPermissionLimits(UserPermissionLimits u, Map<String, Object> m) {
        permissions(u.permissions(), m);
        putIf(m, "src", u.src(), !u.src().isEmpty());
        List<Object> times = new ArrayList<>();
        u.times().forEach(t -> {
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("start", t.start());
            window.put("end", t.end());
            times.add(window);
        });
        putIf(m, "times", times, !times.isEmpty());
        putIf(m, "times_location", u.timesLocation(), !u.timesLocation().isEmpty());
        putIf(m, "allowed_connection_types", u.allowedConnectionTypes(), !u.allowedConnectionTypes().isEmpty());
        putIf(m, "bearer", true, u.bearerToken());
        putIf(m, "proxy_required", true, u.proxyRequired());
        Map<String, Object> limits = new LinkedHashMap<>();
        putIf(limits, "subs", u.subs(), u.subs() != -1);
        putIf(limits, "data", Units.formatSize(u.data()), u.data() != -1);
        putIf(limits, "payload", Units.formatSize(u.payload()), u.payload() != -1);
        putIf(m, "limits", limits, !limits.isEmpty());
        return m;
    }

    private static Map<String, Object> user(UserSpec u) {
        Map<String, Object> m = userPermissionLimits(u.limits(), new LinkedHashMap<>());
        putIf(m, "signing_key", u.signingKey(), u.signingKey() != null);
        putIf(m, "expires", u.expires() == null ? null : Units.formatDuration(u.expires()), u.expires() != null);
        putIf(m, "not_before", u.notBefore() == null ? null : u.notBefore().toString(), u.notBefore() != null);
        putIf(m, "revoked", true, u.revoked());
        putIf(m, "revoked_at", u.revokedAt() == null ? null : u.revokedAt().toString(), u.revokedAt() != null);
        putIf(m, "tags", u.tags(), !u.tags().isEmpty());
        return m;
    }

    private static Map<String, Object> export(Export e) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "name", e.name(), !e.name().equals(e.subject()));
        m.put("subject", e.subject());
        m.put("type", e.type().wireName());
        putIf(m, "token_req", true, e.tokenRequired());
        putIf(m, "revocations", e.revocations(), !e.revocations().isEmpty());
        putIf(m, "response_type", e.responseType() == null ? null : e.responseType().wireName(),
                e.responseType() != null);
        putIf(m, "response_threshold", Units.formatDuration(e.responseThreshold()), !e.responseThreshold().isZero());
        if (e.latency() != null) {
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("sampling", e.latency().sampling() == 0 ? "headers" : e.latency().sampling());
            latency.put("results", e.latency().results());
            m.put("latency", latency);
        }
        putIf(m, "account_token_position", e.accountTokenPosition(), e.accountTokenPosition() != 0);
        putIf(m, "advertise", true, e.advertise());
        putIf(m, "allow_trace", true, e.allowTrace());
        putIf(m, "description", e.description(), !e.description().isEmpty());
        putIf(m, "info_url", e.infoUrl(), !e.infoUrl().isEmpty());
        return m;
    }

    private static Map<String, Object> importing(ImportSpec i) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "name", i.name(), !i.name().equals(i.subject()));
        m.put("account", i.account());
        m.put("subject", i.subject());
        m.put("type", i.type().wireName());
        putIf(m, "local_subject", i.localSubject(), !i.localSubject().isEmpty());
        putIf(m, "share", true, i.share());
        putIf(m, "allow_trace", true, i.allowTrace());
        putIf(m, "activation_expires", i.activationExpires() == null ? null
                : Units.formatDuration(i.activationExpires()), i.activationExpires() != null);
        return m;
    }

    private static Object mapping(List<WeightedMapping> to) {
        if (to.size() == 1 && to.get(0).weight() == 100 && to.get(0).cluster().isEmpty()) {
            return to.get(0).subject();
        }
        List<Object> out = new ArrayList<>();
        for (WeightedMapping w : to) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", w.subject());
            m.put("weight", w.weight());
            putIf(m, "cluster", w.cluster(), !w.cluster().isEmpty());
            out.add(m);
        }
        return out;
    }

    private static void putIf(Map<String, Object> m, String key, Object value, boolean condition) {
        if (condition) {
            m.put(key, value);
        }
    }

    /**
     * Leaves a string unquoted only when every YAML reader takes it as that same string: names, subjects,
     * durations and sizes. Anything that some reader could take for a number, time, boolean, null, alias or
     * indicator is quoted.
     */
    private static final class PlainOnlyWhenObvious extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-/>*]*"
                + "|(\\d+(d|h|m|s|ms|us|ns))+|\\d+(B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

        @Override
        public boolean needToQuoteName(String name) {
            return !PLAIN.matcher(name).matches() || super.needToQuoteName(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return !PLAIN.matcher(value).matches() || super.needToQuoteValue(value);
        }
    }
}
