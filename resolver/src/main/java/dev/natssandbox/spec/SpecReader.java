package dev.natssandbox.spec;

import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.MessageTrace;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.ResponseType;
import dev.natssandbox.jwt.ServiceLatency;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.jwt.WeightedMapping;
import dev.natssandbox.keys.KeyKind;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the {@link Node} tree of a spec file into a {@link SandboxSpec} and its expectations. The schema is
 * README.md, "Spec files".
 */
final class SpecReader {
    static final List<String> TOP_KEYS = List.of("operator", "system_account", "server", "accounts", "expect");
    static final List<String> OPERATOR_KEYS = List.of("name", "signing_keys", "strict_signing_keys",
            "account_server_url", "service_urls", "assert_server_version", "tags", "expires");
    static final List<String> SERVER_KEYS = List.of("host", "port", "jetstream", "resolver", "extra_config",
            "cluster");
    static final List<String> ACCOUNT_KEYS = List.of("description", "info_url", "tags", "expires", "jetstream",
            "limits", "signing_keys", "default_permissions", "exports", "imports", "mappings", "revocations", "users",
            "trace", "cluster_traffic", "not_before", "authorization");
    static final List<String> AUTHORIZATION_KEYS = List.of("auth_users", "allowed_accounts", "xkey",
            "callout_users");
    static final List<String> CALLOUT_USER_KEYS = LimitsReader.concat(LimitsReader.USER_PERMISSION_KEYS,
            List.of("password", "token", "account", "expires"));
    static final List<String> USER_KEYS = LimitsReader.concat(LimitsReader.USER_PERMISSION_KEYS,
            List.of("signing_key", "expires", "not_before", "revoked", "revoked_at", "tags"));
    static final List<String> SIGNING_KEY_KEYS = List.of("name", "scoped", "description", "template");
    static final List<String> EXPORT_KEYS = List.of("name", "subject", "type", "token_req", "revocations",
            "response_type", "response_threshold", "latency", "account_token_position", "advertise", "description",
            "info_url", "allow_trace");
    static final List<String> IMPORT_KEYS = List.of("name", "account", "subject", "type", "local_subject", "share",
            "allow_trace", "activation_expires");
    static final List<String> MAPPING_KEYS = List.of("subject", "weight", "cluster");

    private static final Map<String, String> ACCOUNT_HINTS = hints(LimitsReader.ACCOUNT_LIMIT_KEYS,
            "Account limits go under limits, e.g. limits: {%s: …}");
    private static final Map<String, String> USER_HINTS = hints(LimitsReader.USER_LIMIT_KEYS,
            "User limits go under limits, e.g. limits: {%s: …}");

    private final ReadContext ctx;
    private final LimitsReader limits;

    private SpecReader(ReadContext ctx) {
        this.ctx = ctx;
        this.limits = new LimitsReader(ctx);
    }

    /** @return the spec and the expectations of its {@code expect:} block */
    static SpecDocument read(Node root, ReadContext ctx) {
        if (root == null) {
            throw new SpecFileException(ctx.source(), 0, "", "the spec is empty; it needs at least "
                    + "operator: {name: …}, e.g. operator: {name: Test}", null);
        }
        if (!(root instanceof Node.MapNode)) {
            throw ctx.fail(root, "", "the spec must be a map with the keys " + TOP_KEYS + " but is "
                    + root.describe() + "; start the file with operator: {name: …}");
        }
        Fields top = ctx.fields(root, "", TOP_KEYS, Map.of());
        SandboxSpec spec = new SpecReader(ctx).spec(top);
        return new SpecDocument(spec, ExpectReader.read(top, spec, ctx));
    }

    private SandboxSpec spec(Fields top) {
        Fields op = top.fields("operator", OPERATOR_KEYS);
        if (!top.has("operator")) {
            top.required("operator", "operator: {name: Test}");
        }
        OperatorSpec operator = ctx.build(() -> OperatorSpec.builder(op.requiredString("name", "name: Test"))
                .signingKeys(op.intValue("signing_keys", 0))
                .strictSigningKeyUsage(op.bool("strict_signing_keys", false))
                .accountServerUrl(op.string("account_server_url"))
                .serviceUrls(op.strings("service_urls", "[\"nats://localhost:4222\"]"))
                .assertServerVersion(op.string("assert_server_version")).tags(op.strings("tags", "[dev]"))
                .expires(op.duration("expires")).build(), ReadContext.same());
        String systemAccount = top.string("system_account");
        String sys = systemAccount == null || systemAccount.isBlank() ? SandboxSpec.DEFAULT_SYSTEM_ACCOUNT
                : systemAccount;
        ServerSpec server = server(top.fields("server", SERVER_KEYS));
        Node.MapNode accountNodes = top.map("accounts", "{TestAccount: {users: {TestUser: {}}}}");
        List<AccountSpec> accounts = new ArrayList<>();
        accountNodes.entries().forEach((name, node) -> accounts.add(account(name, node, server.jetStream()
                && !name.equals(sys))));
        return ctx.build(() -> SandboxSpec.builder(operator).systemAccount(systemAccount).server(server)
                        .accounts(accounts).build(),
                ReadContext.same());
    }

    private ServerSpec server(Fields f) {
        String resolver = f.string("resolver");
        ResolverType type = null;
        if (resolver != null) {
            type = switch (resolver.toLowerCase(Locale.ROOT)) {
                case "memory" -> ResolverType.MEMORY;
                case "url" -> ResolverType.URL;
                case "full" -> ResolverType.FULL;
                case "cache" -> ResolverType.CACHE;
                default -> throw ctx.fail(f.get("resolver"), f.at("resolver"), "resolver [" + resolver
                        + "] is unknown; use memory, url, full or cache");
            };
        }
        ResolverType resolverType = type;
        int clusterSize = 0;
        if (f.has("cluster")) {
            Fields cluster = f.fields("cluster", List.of("size"));
            clusterSize = ctx.intValue(cluster.required("size", "size: 3"), cluster.at("size"));
            if (clusterSize < 1) {
                // 0 means "no cluster" in the model; in a file, a cluster block asks for one.
                throw ctx.fail(cluster.get("size"), cluster.at("size"), "cluster size [" + clusterSize
                        + "] must be between 1 and " + ServerSpec.MAX_CLUSTER_SIZE + "; use e.g. size: 3, or remove "
                        + "server.cluster for a single server");
            }
        }
        int size = clusterSize;
        return ctx.build(() -> ServerSpec.builder().host(f.string("host")).port(f.intValue("port", -1))
                .jetStream(f.bool("jetstream", false)).resolver(resolverType).extraConfig(f.string("extra_config"))
                .clusterSize(size).build(), ReadContext.same());
    }

    private AccountSpec account(String name, Node node, boolean jetStreamServer) {
        String at = ReadContext.child("accounts", name);
        Fields f = ctx.fields(node, at, ACCOUNT_KEYS, ACCOUNT_HINTS);
        Boolean jetStream = f.optionalBool("jetstream");
        if (Boolean.FALSE.equals(jetStream) && jetStreamServer) {
            throw ctx.fail(f.at("jetstream"), "jetstream [false] has no effect while server.jetstream is true: the "
                    + "sandbox then gives every account but the system account unlimited JetStream; remove the key");
        }
        AccountLimits accountLimits = limits.accountLimits(
                f.fields("limits", LimitsReader.ACCOUNT_LIMIT_KEYS, LimitsReader.accountLimitHints()),
                jetStream, f.at("jetstream"));
        List<SigningKeySpec> signingKeys = signingKeys(f);
        Permissions defaults = limits.permissions(f.fields("default_permissions", LimitsReader.PERMISSION_KEYS));
        List<Export> exports = exports(f);
        List<ImportSpec> imports = imports(f);
        Map<String, List<WeightedMapping>> mappings = mappings(f);
        Map<String, Long> revocations = revocations(f, "revocations", KeyKind.USER);
        AuthorizationSpec authorization = authorization(f);
        List<UserSpec> users = new ArrayList<>();
        f.map("users", "{TestUser: {}}").entries().forEach((userName, userNode) ->
                users.add(user(at, userName, userNode)));
        return ctx.build(() -> AccountSpec.builder(name).limits(accountLimits).exports(exports).imports(imports)
                .signingKeys(signingKeys).revocations(revocations).defaultPermissions(defaults).mappings(mappings)
                .authorization(authorization).description(f.string("description")).infoUrl(f.string("info_url"))
                .tags(f.strings("tags", "[dev]")).expires(f.duration("expires")).users(users).trace(trace(f))
                .clusterTraffic(f.string("cluster_traffic")).notBefore(f.instant("not_before")).build(),
                ReadContext.relocate(at, "accounts"));
    }

    private AuthorizationSpec authorization(Fields account) {
        Fields a = account.fields("authorization", AUTHORIZATION_KEYS);
        List<CalloutUserSpec> users = new ArrayList<>();
        a.map("callout_users", "{alice: {password: secret, account: APP}}").entries().forEach((name, node) -> {
            String at = ReadContext.child(a.at("callout_users"), name);
            Fields f = ctx.fields(node, at, CALLOUT_USER_KEYS, Map.of());
            UserPermissionLimits upl = limits.userPermissionLimits(f);
            users.add(ctx.build(() -> {
                String password = f.string("password");
                String token = f.string("token");
                return CalloutUserSpec.builder(name, f.string("account")).password(password).token(token)
                        .limits(upl).expires(f.duration("expires")).build();
            },
                    ReadContext.relocate(at, "callout_users", "callout_users." + name)));
        });
        return ctx.build(() -> AuthorizationSpec.builder().authUsers(a.strings("auth_users", "[service]"))
                .allowedAccounts(a.strings("allowed_accounts", "[APP]")).xkey(a.string("xkey")).users(users).build(),
                ReadContext.relocate(account.at("authorization"), "", "authorization"));
    }

    private UserSpec user(String accountPath, String name, Node node) {
        String at = ReadContext.child(accountPath + ".users", name);
        Fields f = ctx.fields(node, at, USER_KEYS, USER_HINTS);
        UserPermissionLimits upl = limits.userPermissionLimits(f);
        return ctx.build(() -> UserSpec.builder(name).limits(upl).signingKey(f.string("signing_key"))
                .expires(f.duration("expires")).notBefore(f.instant("not_before")).revoked(f.bool("revoked", false))
                .tags(f.strings("tags", "[dev]")).revokedAt(f.instant("revoked_at")).build(),
                ReadContext.relocate(at, "users", "users." + name));
    }

    private List<SigningKeySpec> signingKeys(Fields account) {
        List<Node> items = account.list("signing_keys", "[admin, {name: service, scoped: true, template: {…}}]");
        List<SigningKeySpec> keys = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String at = ReadContext.index(account.at("signing_keys"), i);
            if (item instanceof Node.Scalar s && !s.isNull()) {
                keys.add(ctx.build(() -> SigningKeySpec.plain(s.text()), ReadContext.relocate(at, "signing_keys")));
                continue;
            }
            Fields f = ctx.fields(item, at, SIGNING_KEY_KEYS, Map.of());
            String name = f.requiredString("name", "name: service");
            UserPermissionLimits template = f.has("template")
                    ? limits.userPermissionLimits(f.fields("template", LimitsReader.USER_PERMISSION_KEYS)) : null;
            keys.add(ctx.build(() -> SigningKeySpec.builder(name).scoped(f.bool("scoped", false)).template(template)
                    .description(f.string("description")).build(),
                    ReadContext.relocate(at, "signing_keys", "signing_keys." + name)));
        }
        return keys;
    }

    private List<Export> exports(Fields account) {
        List<Node> items = account.list("exports", "[{subject: \"req.>\", type: service}]");
        List<Export> exports = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields f = ctx.fields(items.get(i), ReadContext.index(account.at("exports"), i), EXPORT_KEYS, Map.of());
            String subject = f.requiredString("subject", "subject: \"req.>\"");
            String name = Optional.ofNullable(f.string("name")).orElse(subject);
            ResponseType responseType = null;
            if (f.has("response_type")) {
                String rt = f.string("response_type");
                responseType = ResponseType.parse(rt).orElseThrow(() -> ctx.fail(f.get("response_type"),
                        f.at("response_type"), "response type [" + rt + "] is unknown; use Singleton, Stream or "
                                + "Chunked"));
            }
            int position = f.intValue("account_token_position", 0);
            if (position < 0) {
                throw ctx.fail(f.get("account_token_position"), f.at("account_token_position"), "position ["
                        + position + "] is negative; use the 1-based position of a token, or 0 for none");
            }
            exports.add(Export.builder(subject, type(f)).name(name).tokenRequired(f.bool("token_req", false))
                    .revocations(revocations(f, "revocations", KeyKind.ACCOUNT)).responseType(responseType)
                    .responseThreshold(f.duration("response_threshold")).latency(latency(f))
                    .accountTokenPosition(position).advertise(f.bool("advertise", false))
                    .description(f.string("description")).infoUrl(f.string("info_url"))
                    .allowTrace(f.bool("allow_trace", false)).build());
        }
        return exports;
    }

    private MessageTrace trace(Fields account) {
        if (!account.has("trace")) {
            return null;
        }
        Fields f = account.fields("trace", List.of("dest", "sampling"));
        return new MessageTrace(f.requiredString("dest", "dest: trace.orders"), f.intValue("sampling", 100));
    }

    private ServiceLatency latency(Fields export) {
        if (!export.has("latency")) {
            return null;
        }
        Fields f = export.fields("latency", List.of("sampling", "results"));
        int sampling = 100;
        Node s = f.get("sampling");
        if (s instanceof Node.Scalar sc && sc.kind() == Node.Kind.STRING && sc.text().equals("headers")) {
            sampling = 0;
        } else if (s != null) {
            sampling = ctx.intValue(s, f.at("sampling"));
            if (sampling < 1 || sampling > 100) {
                throw ctx.fail(s, f.at("sampling"), "sampling [" + sampling + "] must be a percentage from 1 to 100,"
                        + " or headers");
            }
        }
        return new ServiceLatency(sampling, f.requiredString("results", "results: latency.req"));
    }

    private List<ImportSpec> imports(Fields account) {
        List<Node> items = account.list("imports", "[{account: Other, subject: \"x.>\", type: stream}]");
        List<ImportSpec> imports = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = ReadContext.index(account.at("imports"), i);
            Fields f = ctx.fields(items.get(i), at, IMPORT_KEYS, Map.of());
            String from = f.requiredString("account", "account: Other");
            String subject = f.requiredString("subject", "subject: \"x.>\"");
            ExportType type = type(f);
            imports.add(ctx.build(() -> ImportSpec.builder(from, subject, type).name(f.string("name"))
                    .localSubject(f.string("local_subject")).share(f.bool("share", false))
                    .allowTrace(f.bool("allow_trace", false)).activationExpires(f.duration("activation_expires"))
                    .build(),
                    ReadContext.relocate(at, "imports", "imports")));
        }
        return imports;
    }

    private ExportType type(Fields f) {
        String type = f.requiredString("type", "type: stream (or service)");
        return ExportType.parse(type).orElseThrow(() -> ctx.fail(f.get("type"), f.at("type"), "type [" + type
                + "] is unknown; use stream or service"));
    }

    private Map<String, List<WeightedMapping>> mappings(Fields account) {
        Map<String, List<WeightedMapping>> mappings = new LinkedHashMap<>();
        Node.MapNode nodes = account.map("mappings", "{\"orders.new\": [{subject: orders.v2, weight: 100}]}");
        nodes.entries().forEach((from, n) -> {
            String at = ReadContext.child(account.at("mappings"), from);
            List<WeightedMapping> to = new ArrayList<>();
            if (n instanceof Node.Scalar s && !s.isNull()) {
                to.add(new WeightedMapping(ctx.string(s, at), 100, ""));
            } else {
                List<Node> items = ctx.list(n, at, "[{subject: orders.v2, weight: 100}]");
                for (int i = 0; i < items.size(); i++) {
                    Fields f = ctx.fields(items.get(i), ReadContext.index(at, i), MAPPING_KEYS, Map.of());
                    to.add(new WeightedMapping(f.requiredString("subject", "subject: orders.v2"),
                            f.intValue("weight", 100), f.string("cluster")));
                }
            }
            mappings.put(from, to);
        });
        return mappings;
    }

    private Map<String, Long> revocations(Fields f, String key, KeyKind kind) {
        Map<String, Long> out = new LinkedHashMap<>();
        f.map(key, "{\"*\": 1700000000}").entries().forEach((k, v) -> {
            String at = ReadContext.child(f.at(key), k);
            if (!k.equals("*") && KeyKind.ofPublicKey(k).filter(kind::equals).isEmpty()) {
                throw ctx.fail(v, at, "revocation key [" + k + "] is not "
                        + (kind == KeyKind.ACCOUNT ? "an " : "a ") + kind.label() + " public key ("
                        + kind.prefix() + "…, 56 characters) or *; write the key the revocation applies to");
            }
            if (v == null || v instanceof Node.Scalar s && s.isNull()) {
                throw ctx.fail(v, at, "revocation has no time; give unix seconds, e.g. 1700000000");
            }
            long seconds = ctx.integer(v, at);
            if (seconds < 0) {
                throw ctx.fail(v, at, "revocation time [" + seconds + "] is negative; give unix seconds");
            }
            out.put(k, seconds);
        });
        return out;
    }

    private static Map<String, String> hints(List<String> keys, String format) {
        Map<String, String> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, String.format(format, k)));
        return m;
    }
}
