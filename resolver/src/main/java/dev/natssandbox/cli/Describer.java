package dev.natssandbox.cli;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.JetStreamLimits;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.OperatorClaims;
import dev.natssandbox.jwt.Permission;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.jwt.UserPermissionLimits;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** Renders decoded tokens as nsc-like tables. */
final class Describer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Describer() {
    }

    static String describe(Jwt jwt, Instant now) {
        return switch (jwt.type()) {
            case OperatorClaims.TYPE -> operator(jwt, now);
            case AccountClaims.TYPE -> account(jwt, now);
            case UserClaims.TYPE -> user(jwt, now);
            case ActivationClaims.TYPE -> activation(jwt, now);
            default -> generic(jwt, now);
        };
    }

    private static Table identity(Table t, Jwt jwt, String idLabel, Instant now) {
        t.row("Name", jwt.name()).row(idLabel, jwt.subject()).row("Issuer ID", jwt.issuer())
                .row("Issued", time(jwt.issuedAt())).row("Expires", jwt.expires() == 0 ? "" : time(jwt.expires()));
        if (jwt.notBefore() != 0) {
            t.row("Not Before", time(jwt.notBefore()));
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

    static String operator(Jwt jwt, Instant now) {
        OperatorClaims o = jwt.operator();
        Table t = identity(new Table("Operator Details"), jwt, "Operator ID", now).section();
        t.row("Account JWT Server", o.accountServerUrl());
        t.row("Operator Service URLs", String.join("\n", o.operatorServiceUrls()));
        t.row("System Account", o.systemAccount());
        t.row("Require Signing Keys", o.strictSigningKeyUsage() ? "true" : "false");
        if (!o.assertServerVersion().isEmpty()) {
            t.row("Minimum Server Version", o.assertServerVersion());
        }
        if (!o.signingKeys().isEmpty()) {
            t.section().row("Signing Keys", String.join("\n", o.signingKeys()));
        }
        tags(t, o.tags());
        return t.render();
    }

    static String account(Jwt jwt, Instant now) {
        AccountClaims a = jwt.account();
        Table t = identity(new Table("Account Details"), jwt, "Account ID", now).section();
        AccountLimits l = a.limits();
        t.row("Max Connections", limit(l.conn()))
                .row("Max Leaf Node Connections", limit(l.leaf()))
                .row("Max Data", bytes(l.data()))
                .row("Max Exports", limit(l.exports()))
                .row("Max Imports", limit(l.imports()))
                .row("Max Msg Payload", bytes(l.payload()))
                .row("Max Subscriptions", limit(l.subs()))
                .row("Exports Allows Wildcards", l.wildcards() ? "True" : "False")
                .row("Disallow Bearer Token", l.disallowBearer() ? "True" : "False");
        t.section();
        if (!l.tieredLimits().isEmpty()) {
            l.tieredLimits().forEach((tier, js) -> t.row("JetStream " + tier, jetStream(js)));
        } else {
            t.row("JetStream", jetStream(l.jetStream()));
        }
        if (!a.signingKeys().isEmpty()) {
            t.section();
            for (SigningKey k : a.signingKeys()) {
                t.row(k.isScoped() ? "Scoped Signing Key" : "Signing Key", k.key() + (k.isScoped()
                        ? "\nrole: " + k.scope().role() + "\n" + permissions(k.scope().template()) : ""));
            }
        }
        if (!a.revocations().isEmpty()) {
            t.section();
            a.revocations().forEach((key, at) -> t.row("Revoked", key + " (issued before " + time(at) + ")"));
        }
        if (!a.defaultPermissions().isEmpty()) {
            t.section().row("Default Permissions", permissionText(a.defaultPermissions().pub(),
                    a.defaultPermissions().sub()));
        }
        if (!a.mappings().isEmpty()) {
            t.section();
            a.mappings().forEach((from, to) -> t.row("Mapping " + from, to.stream()
                    .map(m -> m.subject() + (m.weight() == 0 ? "" : " (" + m.weight() + "%)"))
                    .collect(Collectors.joining("\n"))));
        }
        t.section();
        t.row("Imports", a.imports().isEmpty() ? "None" : a.imports().stream().map(Describer::importText)
                .collect(Collectors.joining("\n")));
        t.row("Exports", a.exports().isEmpty() ? "None" : a.exports().stream().map(Describer::exportText)
                .collect(Collectors.joining("\n")));
        if (!a.description().isEmpty() || !a.infoUrl().isEmpty()) {
            t.section().row("Description", a.description()).row("Info URL", a.infoUrl());
        }
        tags(t, a.tags());
        return t.render();
    }

    static String user(Jwt jwt, Instant now) {
        UserClaims u = jwt.user();
        Table t = identity(new Table("User"), jwt, "User ID", now);
        if (!u.issuerAccount().isEmpty()) {
            t.row("Issuer Account", u.issuerAccount());
        }
        t.section();
        UserPermissionLimits l = u.limits();
        if (l.bearerToken()) {
            t.row("Bearer Token", "Yes");
        }
        Permission pub = l.pub();
        Permission sub = l.sub();
        if (!pub.allow().isEmpty()) {
            t.row("Pub Allow", String.join("\n", pub.allow()));
        }
        if (!pub.deny().isEmpty()) {
            t.row("Pub Deny", String.join("\n", pub.deny()));
        }
        if (!sub.allow().isEmpty()) {
            t.row("Sub Allow", String.join("\n", sub.allow()));
        }
        if (!sub.deny().isEmpty()) {
            t.row("Sub Deny", String.join("\n", sub.deny()));
        }
        if (l.resp() != null) {
            t.row("Response Permissions", "max " + l.resp().maxMessages() + ", ttl "
                    + (l.resp().ttl().isZero() ? "none" : duration(l.resp().ttl())));
        }
        if (l.isEmpty() && !u.issuerAccount().isEmpty()) {
            t.row("Permissions", "from the scoped signing key's template");
        } else {
            t.row("Max Subscriptions", limit(l.subs())).row("Max Data", bytes(l.data()))
                    .row("Max Msg Payload", bytes(l.payload()));
        }
        t.row("Network Src", l.src().isEmpty() ? "Any" : String.join("\n", l.src()));
        t.row("Time", l.times().isEmpty() ? "Any" : l.times().stream().map(r -> r.start() + "-" + r.end())
                .collect(Collectors.joining("\n")));
        if (!l.timesLocation().isEmpty()) {
            t.row("Time Location", l.timesLocation());
        }
        if (!l.allowedConnectionTypes().isEmpty()) {
            t.row("Allowed Connection Types", String.join("\n", l.allowedConnectionTypes()));
        }
        tags(t, u.tags());
        return t.render();
    }

    static String activation(Jwt jwt, Instant now) {
        ActivationClaims a = (ActivationClaims) jwt.claims();
        Table t = identity(new Table("Activation"), jwt, "Importer Account ID", now).section();
        t.row("Import Type", a.kind().wireName()).row("Import Subject", a.subject());
        if (!a.issuerAccount().isEmpty()) {
            t.row("Issuer Account", a.issuerAccount());
        }
        return t.render();
    }

    static String generic(Jwt jwt, Instant now) {
        return identity(new Table(jwt.type() + " token"), jwt, "Subject", now).render();
    }

    private static void tags(Table t, List<String> tags) {
        if (!tags.isEmpty()) {
            t.section().row("Tags", String.join(", ", tags));
        }
    }

    static String permissions(UserPermissionLimits l) {
        return permissionText(l.pub(), l.sub());
    }

    static String permissionText(Permission pub, Permission sub) {
        StringBuilder sb = new StringBuilder();
        if (!pub.allow().isEmpty()) {
            sb.append("pub allow: ").append(pub.allow()).append('\n');
        }
        if (!pub.deny().isEmpty()) {
            sb.append("pub deny: ").append(pub.deny()).append('\n');
        }
        if (!sub.allow().isEmpty()) {
            sb.append("sub allow: ").append(sub.allow()).append('\n');
        }
        if (!sub.deny().isEmpty()) {
            sb.append("sub deny: ").append(sub.deny()).append('\n');
        }
        return sb.length() == 0 ? "everything" : sb.substring(0, sb.length() - 1);
    }

    private static String importText(Import i) {
        return i.type().wireName() + " " + i.subject() + (i.localSubject().isEmpty() ? "" : " -> " + i.localSubject())
                + " from " + i.account() + (i.token().isEmpty() ? "" : " (activated)");
    }

    private static String exportText(Export e) {
        return e.type().wireName() + " " + e.subject() + (e.tokenRequired() ? " (private)" : " (public)")
                + (e.responseType() == null ? "" : " " + e.responseType().wireName());
    }

    private static String jetStream(JetStreamLimits js) {
        if (!js.isEnabled()) {
            return "Disabled";
        }
        return "memory " + bytes(js.memoryStorage()) + ", disk " + bytes(js.diskStorage()) + ", streams "
                + limit(js.streams()) + ", consumers " + limit(js.consumers());
    }

    /** A table of every user with its account and publish/subscribe rules. */
    static String userTable(dev.natssandbox.provision.Hierarchy h) {
        Table t = new Table("Users").header("User", "Account", "Pub allow", "Pub deny", "Sub allow", "Sub deny");
        for (dev.natssandbox.provision.UserIdentity u : h.users()) {
            UserPermissionLimits l = u.claims().limits();
            boolean scoped = l.isEmpty() && !u.claims().issuerAccount().isEmpty();
            if (scoped) {
                t.row(u.name(), u.account(), "(scoped key)", "", "", "");
                continue;
            }
            t.row(u.name(), u.account(), rule(l.pub().allow(), l.pub().deny()), String.join("\n", l.pub().deny()),
                    rule(l.sub().allow(), l.sub().deny()), String.join("\n", l.sub().deny()));
        }
        return t.render();
    }

    private static String rule(java.util.List<String> allow, java.util.List<String> deny) {
        return allow.isEmpty() ? (deny.isEmpty() ? "everything" : "everything else") : String.join("\n", allow);
    }

    static String limit(long v) {
        return v < 0 ? "Unlimited" : Long.toString(v);
    }

    static String bytes(long v) {
        if (v < 0) {
            return "Unlimited";
        }
        if (v >= 1024 * 1024 && v % (1024 * 1024) == 0) {
            return v / (1024 * 1024) + " MiB";
        }
        if (v >= 1024 && v % 1024 == 0) {
            return v / 1024 + " KiB";
        }
        return v + " B";
    }

    static String time(long epochSeconds) {
        return TIME.format(Instant.ofEpochSecond(epochSeconds));
    }

    static String duration(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
