package dev.natssandbox.spec;

import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Permission;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.ResponsePermission;
import dev.natssandbox.jwt.TimeRange;
import dev.natssandbox.jwt.UserPermissionLimits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads account limits (JetStream included), permissions and a user's permissions and limits. */
final class LimitsReader {
    static final List<String> JETSTREAM_KEYS = List.of("mem_storage", "disk_storage", "streams", "consumer",
            "max_ack_pending", "mem_max_stream_bytes", "disk_max_stream_bytes", "max_bytes_required");
    static final List<String> ACCOUNT_LIMIT_KEYS = concat(List.of("conn", "leaf", "subs", "data", "payload",
            "imports", "exports", "wildcards", "disallow_bearer"), JETSTREAM_KEYS, List.of("tiered_limits"));
    static final List<String> PERMISSION_KEYS = List.of("pub", "sub", "resp");
    /** The keys of a user that a scoped signing key's template also has. */
    static final List<String> USER_PERMISSION_KEYS = List.of("pub", "sub", "resp", "src", "times", "times_location",
            "allowed_connection_types", "bearer", "proxy_required", "limits");
    static final List<String> USER_LIMIT_KEYS = List.of("subs", "data", "payload");

    private static final Map<String, String> ACCOUNT_LIMIT_HINTS = Map.of("jetstream",
            "The key jetstream belongs to the account itself, next to limits");

    private final ReadContext ctx;

    LimitsReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param f         the account's {@code limits}
     * @param jetStream the account's {@code jetstream} key, or {@code null} when absent
     * @param flagPath  path of that key, for errors
     */
    AccountLimits accountLimits(Fields f, Boolean jetStream, String flagPath) {
        AccountLimits.Builder b = AccountLimits.builder()
                .conn(f.integer("conn", -1))
                .leaf(f.integer("leaf", -1))
                .subs(f.integer("subs", -1))
                .data(f.size("data", -1))
                .payload(f.size("payload", -1))
                .imports(f.integer("imports", -1))
                .exports(f.integer("exports", -1))
                .wildcards(f.bool("wildcards", true))
                .disallowBearer(f.bool("disallow_bearer", false));
        List<String> jsKeys = JETSTREAM_KEYS.stream().filter(f::has).toList();
        if (Boolean.FALSE.equals(jetStream) && !jsKeys.isEmpty()) {
            throw ctx.fail(flagPath, "jetstream [false] contradicts the JetStream limits " + jsKeys
                    + " set in limits; remove jetstream: false or those limits");
        }
        if (Boolean.TRUE.equals(jetStream) || !jsKeys.isEmpty()) {
            b.jetStream(jetStream(f, JetStreamLimits.UNLIMITED));
        }
        Node.MapNode tiers = f.map("tiered_limits", "{R1: {mem_storage: 1GiB}}");
        tiers.entries().forEach((tier, limits) -> b.tier(tier, jetStream(
                ctx.fields(limits, ReadContext.child(f.at("tiered_limits"), tier), JETSTREAM_KEYS, Map.of()),
                JetStreamLimits.UNLIMITED)));
        return b.build();
    }

    /** JetStream keys override {@code base}: keys not given keep its value. */
    static JetStreamLimits jetStream(Fields f, JetStreamLimits base) {
        return JetStreamLimits.builder().memoryStorage(f.size("mem_storage", base.memoryStorage()))
                .diskStorage(f.size("disk_storage", base.diskStorage()))
                .streams(f.integer("streams", base.streams())).consumers(f.integer("consumer", base.consumers()))
                .maxAckPending(f.integer("max_ack_pending", base.maxAckPending()))
                .memoryMaxStreamBytes(f.size("mem_max_stream_bytes", base.memoryMaxStreamBytes()))
                .diskMaxStreamBytes(f.size("disk_max_stream_bytes", base.diskMaxStreamBytes()))
                .maxBytesRequired(f.bool("max_bytes_required", base.maxBytesRequired())).build();
    }

    static Map<String, String> accountLimitHints() {
        return ACCOUNT_LIMIT_HINTS;
    }

    /** Reads {@code pub}, {@code sub} and {@code resp} of a user, a template or default permissions. */
    Permissions permissions(Fields f) {
        return new Permissions(permission(f, "pub"), permission(f, "sub"), response(f));
    }

    private Permission permission(Fields f, String key) {
        Fields p = f.fields(key, List.of("allow", "deny"));
        String example = key.equals("pub") ? "[\"req.a\"]" : "[\"_INBOX.>\"]";
        return new Permission(p.strings("allow", example), p.strings("deny", example));
    }

    private ResponsePermission response(Fields f) {
        if (!f.has("resp")) {
            return null;
        }
        Fields r = f.fields("resp", List.of("max", "ttl"));
        Duration ttl = r.duration("ttl");
        return new ResponsePermission(r.intValue("max", 1), ttl == null ? Duration.ZERO : ttl);
    }

    /** Reads the keys of {@link #USER_PERMISSION_KEYS} from a user or a signing key template. */
    UserPermissionLimits userPermissionLimits(Fields f) {
        List<TimeRange> times = new ArrayList<>();
        List<Node> items = f.list("times", "[{start: \"08:00:00\", end: \"17:00:00\"}]");
        for (int i = 0; i < items.size(); i++) {
            Fields t = ctx.fields(items.get(i), ReadContext.index(f.at("times"), i), List.of("start", "end"),
                    Map.of());
            times.add(new TimeRange(t.requiredString("start", "start: \"08:00:00\""),
                    t.requiredString("end", "end: \"17:00:00\"")));
        }
        Fields limits = f.fields("limits", USER_LIMIT_KEYS);
        return UserPermissionLimits.builder()
                .permissions(permissions(f))
                .src(f.strings("src", "[\"127.0.0.1/32\"]"))
                .times(times)
                .timesLocation(f.string("times_location"))
                .subs(limits.integer("subs", -1))
                .data(limits.size("data", -1))
                .payload(limits.size("payload", -1))
                .bearerToken(f.bool("bearer", false))
                .proxyRequired(f.bool("proxy_required", false))
                .allowedConnectionTypes(f.strings("allowed_connection_types", "[STANDARD, WEBSOCKET]"))
                .build();
    }

    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return List.copyOf(all);
    }
}
