package dev.natssandbox.cli;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.OperatorClaims;
import dev.natssandbox.jwt.Permission;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.ResponsePermission;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.provision.Hierarchy;
import dev.natssandbox.provision.UserIdentity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders decoded tokens as the tables {@code nsc describe} prints (same rows, labels and value wording as nsc's
 * {@code describer.go}); exports, imports, mappings and scoped signing keys of an account follow in tables of their
 * own, as nsc prints them.
 */
final class Describer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Describer() {
    }

    static String describe(Jwt jwt, Instant now) {
        return describe(jwt, now, Map.of());
    }

    /**
     * @param accountNames account names by public key, where known (a server configuration names them), to
     *                     decorate the operator's system account as nsc does
     */
    static String describe(Jwt jwt, Instant now, Map<String, String> accountNames) {
        return switch (jwt.type()) {
            case OperatorClaims.TYPE -> operator(jwt, now, accountNames);
            case AccountClaims.TYPE -> account(jwt, now);
            case UserClaims.TYPE -> user(jwt, now);
            case ActivationClaims.TYPE -> activation(jwt, now);
            default -> generic(jwt, now);
        };
    }

    private static Table identity(Table t, Jwt jwt, String idLabel, String issuerAccount, List<String> tags,
                                  Instant now) {
        if (!jwt.name().isEmpty()) {
            t.row("Name", jwt.name());
        }
        t.row(idLabel, jwt.subject()).row("Issuer ID", jwt.issuer());
        if (!issuerAccount.isEmpty()) {
            t.row("Issuer Account", issuerAccount);
        }
        t.row("Issued", time(jwt.issuedAt())).row("Expires", jwt.expires() == 0 ? "" : time(jwt.expires()));
        if (jwt.notBefore() != 0) {
            t.row("Not Before", time(jwt.notBefore()));
        }
        if (!tags.isEmpty()) {
            t.row("Tags", String.join("\n", tags));
        }
        if (jwt.isExpired(now)) {
            t.row("Status", "EXPIRED");
        } else if (jwt.isNotYetValid(now)) {
            t.row("Status", "NOT YET VALID");
        }
        if (jwt.version() == 1) {
            t.row("Version", "1 (legacy token)");
        }
        return t;
    }

    static String operator(Jwt jwt, Instant now, Map<String, String> accountNames) {
        OperatorClaims o = jwt.operator();
        Table t = identity(new Table("Operator Details"), jwt, "Operator ID", "", o.tags(), now);
        if (!o.accountServerUrl().isEmpty()) {
            t.row("Account JWT Server", o.accountServerUrl());
        }
        if (!o.operatorServiceUrls().isEmpty()) {
            t.row("Operator Service URLs", String.join("\n", o.operatorServiceUrls()));
        }
        if (!o.systemAccount().isEmpty()) {
            String name = accountNames.get(o.systemAccount());
            t.row("System Account", o.systemAccount() + (name == null || name.isEmpty() ? "" : " / " + name));
        }
        t.row("Require Signing Keys", Boolean.toString(o.strictSigningKeyUsage()));
        if (!o.assertServerVersion().isEmpty()) {
            t.row("Minimum Server Version", o.assertServerVersion());
        }
        if (!o.signingKeys().isEmpty()) {
            t.section().row("Signing Keys", String.join("\n", o.signingKeys()));
        }
        return t.render();
    }

    static String account(Jwt jwt, Instant now) {
        AccountClaims a = jwt.account();
        Table t = identity(new Table("Account Details"), jwt, "Account ID", "", a.tags(), now).section();
        if (!a.description().isEmpty() || !a.infoUrl().isEmpty()) {
            t.row("Description", a.description()).row("Info URL", a.infoUrl()).section();
        }
        List<String> plainKeys = a.signingKeys().stream().map(SigningKey::key).toList();
        if (!plainKeys.isEmpty()) {
            t.row("Signing Keys", String.join("\n", plainKeys)).section();
        }
        AccountLimits l = a.limits();
        t.row("Max Connections", limit(l.conn()))
                .row("Max Leaf Node Connections", l.leaf() == 0 ? "Not Allowed" : limit(l.leaf()))
                .row("Max Data", bytesLimit(l.data()))
                .row("Max Exports", limit(l.exports()))
                .row("Max Imports", limit(l.imports()))
                .row("Max Msg Payload", bytesLimit(l.payload()))
                .row("Max Subscriptions", limit(l.subs()))
                .row("Exports Allows Wildcards", l.wildcards() ? "True" : "False")
                .row("Disallow Bearer Token", l.disallowBearer() ? "True" : "False");
        if (a.trace() != null) {
            t.row("Trace Context Subject", a.trace().destination())
                    .row("Trace Context Sampling", a.trace().sampling() + "%");
        }
        if (!a.clusterTraffic().isEmpty()) {
            t.row("Cluster Traffic", a.clusterTraffic());
        }
        if (!a.defaultPermissions().isEmpty()) {
            permissions(t, a.defaultPermissions());
        }
        t.section();
        if (!l.tieredLimits().isEmpty()) {
            boolean first = true;
            for (Map.Entry<String, JetStreamLimits> tier : l.tieredLimits().entrySet()) {
                if (!first) {
                    t.section();
                }
                first = false;
                t.row("Jetstream Tier", tier.getKey());
                jetStream(t, tier.getValue());
            }
        } else if (l.jetStream().isEnabled()) {
            t.row("Jetstream", "Enabled");
            jetStream(t, l.jetStream());
        } else {
            t.row("Jetstream", "Disabled");
        }
        t.section();
        t.row("Imports", a.imports().isEmpty() ? "None" : a.imports().size() + ", see Imports below");
        t.row("Exports", a.exports().isEmpty() ? "None" : a.exports().size() + ", see Exports below");
        if (!a.revocations().isEmpty()) {
            t.section().row("Revocations", Integer.toString(a.revocations().size()));
        }
        if (a.authorization().isEnabled()) {
            // Auth callout: who the service connects as, where it may place users, whether requests are encrypted.
            t.section().row("Auth Callout Users", String.join(", ", a.authorization().authUsers()))
                    .row("Auth Callout Accounts", a.authorization().allowedAccounts().isEmpty() ? "This account"
                            : String.join(", ", a.authorization().allowedAccounts()))
                    .row("Auth Callout XKey", a.authorization().xkey().isEmpty() ? "None (not encrypted)"
                            : a.authorization().xkey());
        }
        StringBuilder out = new StringBuilder(t.render());
        AccountTables.append(out, a);
        return out.toString();
    }

    static String user(Jwt jwt, Instant now) {
        UserClaims u = jwt.user();
        Table t = identity(new Table("User"), jwt, "User ID", u.issuerAccount(), u.tags(), now);
        UserPermissionLimits l = u.limits();
        if (l.isEmpty() && !u.issuerAccount().isEmpty()) {
            // nsc's wording for a user whose permissions and limits come from a scoped signing key's template.
            t.row("Issuer Scoped", "Yes");
            return t.render();
        }
        t.row("Bearer Token", l.bearerToken() ? "Yes" : "No");
        permissions(t, l.permissions());
        t.section();
        limits(t, l);
        return t.render();
    }

    /** Permission rows as nsc's {@code AddPermissions}: the rules (when any) and the response permission. */
    static void permissions(Table t, Permissions p) {
        if (!p.pub().isEmpty() || !p.sub().isEmpty()) {
            t.section();
            list(t, "Pub Allow", p.pub().allow());
            list(t, "Pub Deny", p.pub().deny());
            list(t, "Sub Allow", p.sub().allow());
            list(t, "Sub Deny", p.sub().deny());
        }
        ResponsePermission r = p.resp();
        if (r == null) {
            t.row("Response Permissions", "Not Set");
        } else {
            t.row("Max Responses", Integer.toString(r.maxMessages()))
                    .row("Response Permission TTL", goDuration(r.ttl()));
        }
    }

    /** Limit rows as nsc's {@code AddLimits}, plus the connection restrictions a user JWT may carry. */
    static void limits(Table t, UserPermissionLimits l) {
        t.row("Max Msg Payload", l.payload() > 0 ? l.payload() + " bytes (≈" + humanBytes(l.payload()) + ")"
                : "Unlimited");
        t.row("Max Data", l.data() > 0 ? l.data() + " bytes (≈" + humanBytes(l.data()) + ")" : "Unlimited");
        t.row("Max Subs", l.subs() > 0 ? Long.toString(l.subs()) : "Unlimited");
        t.row("Network Src", l.src().isEmpty() ? "Any" : String.join("\n", l.src()));
        t.row("Time", l.times().isEmpty() ? "Any" : l.times().stream().map(r -> r.start() + "-" + r.end())
                .collect(Collectors.joining("\n")));
        if (!l.timesLocation().isEmpty()) {
            t.row("Time Location", l.timesLocation());
        }
        if (l.proxyRequired()) {
            t.row("Proxy Required", "Yes");
        }
        if (!l.allowedConnectionTypes().isEmpty()) {
            t.section().row("Allowed Connection Types", String.join("\n", l.allowedConnectionTypes()));
        }
    }

    static String activation(Jwt jwt, Instant now) {
        ActivationClaims a = (ActivationClaims) jwt.claims();
        Table t = identity(new Table("Activation"), jwt, "Account ID", a.issuerAccount(), a.tags(), now)
                .section();
        t.row("Import Type", titleCase(a.kind().wireName())).row("Import Subject", a.subject());
        return t.render();
    }

    static String generic(Jwt jwt, Instant now) {
        return identity(new Table(jwt.type() + " token"), jwt, "Subject", "", List.of(), now).render();
    }

    private static void jetStream(Table t, JetStreamLimits js) {
        t.row("Max Disk Storage", storage(js.diskStorage()));
        t.row("Max Mem Storage", storage(js.memoryStorage()));
        t.row("Max Streams", js.streams() > 0 ? Long.toString(js.streams()) : "Unlimited");
        t.row("Max Consumers", js.consumers() > 0 ? Long.toString(js.consumers()) : "Unlimited");
        t.row("Max Ack Pending", js.maxAckPending() > 0 ? Long.toString(js.maxAckPending()) : "Consumer Setting");
        t.row("Max Bytes", js.maxBytesRequired() ? "required (Stream setting)" : "optional (Stream setting)");
        t.row("Max Memory Stream", js.memoryMaxStreamBytes() > 0 ? bytesLimit(js.memoryMaxStreamBytes())
                : "Unlimited");
        t.row("Max Disk Stream", js.diskMaxStreamBytes() > 0 ? bytesLimit(js.diskMaxStreamBytes()) : "Unlimited");
    }

    private static String storage(long v) {
        return v > 0 ? humanBytes(v) : v == 0 ? "Disabled" : "Unlimited";
    }

    private static void list(Table t, String label, List<String> values) {
        if (!values.isEmpty()) {
            t.row(label, String.join("\n", values));
        }
    }

    /** A table of every user with its account and publish/subscribe rules. */
    static String userTable(Hierarchy h) {
        Table t = new Table("Users").header("User", "Account", "Pub allow", "Pub deny", "Sub allow", "Sub deny");
        for (UserIdentity u : h.users()) {
            UserPermissionLimits l = u.claims().limits();
            boolean scoped = l.isEmpty() && !u.claims().issuerAccount().isEmpty();
            if (scoped) {
                t.row(u.name(), u.account(), "(scoped key)", "", "", "");
                continue;
            }
            t.row(u.name(), u.account(), rule(l.pub()), String.join("\n", l.pub().deny()), rule(l.sub()),
                    String.join("\n", l.sub().deny()));
        }
        return t.render();
    }

    private static String rule(Permission p) {
        return p.allow().isEmpty() ? (p.deny().isEmpty() ? "everything" : "everything else")
                : String.join("\n", p.allow());
    }

    static String limit(long v) {
        return v < 0 ? "Unlimited" : Long.toString(v);
    }

    /** An account byte limit as nsc prints it: {@code 1.0 MB (1000000 bytes)} or {@code Unlimited}. */
    static String bytesLimit(long v) {
        return v < 0 ? "Unlimited" : humanBytes(v) + " (" + v + " bytes)";
    }

    /** Bytes in SI units as Go's {@code humanize.Bytes} (which nsc uses) writes them: {@code 512 B}, {@code 1.0 MB}. */
    static String humanBytes(long v) {
        if (v < 10) {
            return v + " B";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int e = (int) Math.floor(Math.log(v) / Math.log(1000));
        double value = Math.floor(v / Math.pow(1000, e) * 10 + 0.5) / 10;
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[e]);
    }

    static String time(long epochSeconds) {
        try {
            return TIME.format(Instant.ofEpochSecond(epochSeconds));
        } catch (java.time.DateTimeException e) {
            // Valid for the reference (any 64-bit number), beyond what a calendar shows.
            return "unix time " + epochSeconds;
        }
    }

    /** A duration as Go's {@code time.Duration.String()} writes it: {@code 0s}, {@code 5s}, {@code 1m30s}. */
    static String goDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.getSeconds() == 0) {
            long n = d.getNano();
            return n < 1_000 ? n + "ns" : n < 1_000_000 ? fraction(n, 1_000) + "µs" : fraction(n, 1_000_000) + "ms";
        }
        StringBuilder sb = new StringBuilder();
        if (d.toHours() > 0) {
            sb.append(d.toHours()).append('h');
        }
        if (d.toHours() > 0 || d.toMinutesPart() > 0) {
            sb.append(d.toMinutesPart()).append('m');
        }
        long nanos = d.toNanosPart();
        sb.append(d.toSecondsPart());
        if (nanos > 0) {
            sb.append('.').append(String.format(Locale.ROOT, "%09d", nanos).replaceAll("0+$", ""));
        }
        return sb.append('s').toString();
    }

    private static String fraction(long value, long unit) {
        String decimals = String.format(Locale.ROOT, "%0" + Long.toString(unit - 1).length() + "d", value % unit)
                .replaceAll("0+$", "");
        return value / unit + (decimals.isEmpty() ? "" : "." + decimals);
    }

    static String titleCase(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
