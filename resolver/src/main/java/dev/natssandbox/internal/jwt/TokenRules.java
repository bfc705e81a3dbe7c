package dev.natssandbox.internal.jwt;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.ActivationClaims;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.Jwt;
import dev.natssandbox.jwt.JwtException;
import dev.natssandbox.jwt.Jwts;
import dev.natssandbox.jwt.MessageTrace;
import dev.natssandbox.jwt.NatsClaims;
import dev.natssandbox.jwt.OperatorClaims;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.jwt.SigningKey;
import dev.natssandbox.jwt.TimeRange;
import dev.natssandbox.jwt.UserClaims;
import dev.natssandbox.jwt.UserPermissionLimits;
import dev.natssandbox.keys.KeyKind;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The reference library's verdict on a decoded token: the blocking problems its {@code Validate} reports for the
 * token's claim type (operator, account, user, activation), plus a type it does not know. {@code describe} shows
 * them; a token with any problem is refused by nats-server.
 */
public final class TokenRules {
    private static final Set<String> REFERENCE_TYPES = Set.of(OperatorClaims.TYPE, AccountClaims.TYPE,
            UserClaims.TYPE, ActivationClaims.TYPE, "authorization_request", "authorization_response");

    private TokenRules() {
    }

    /**
     * @param jwt a decoded token
     * @return every blocking problem, empty when the reference accepts the token (time checks aside)
     */
    public static List<ClaimRules.Problem> problems(Jwt jwt) {
        List<ClaimRules.Problem> out = new ArrayList<>();
        NatsClaims claims = jwt.claims();
        if (!REFERENCE_TYPES.contains(jwt.type())) {
            out.add(new ClaimRules.Problem("nats.type", "claim type [" + jwt.type() + "] is unknown to the "
                    + "reference, which then checks the signature as of a v1 token and refuses this one; use "
                    + "operator, account, user or activation"));
        }
        if (claims instanceof OperatorClaims o) {
            operator(o, out);
        } else if (claims instanceof AccountClaims a) {
            account(a, out);
            activations(jwt.subject(), a.imports(), out);
        } else if (claims instanceof UserClaims u) {
            userLimits("nats", u.limits(), out);
            issuerAccount(u.issuerAccount(), out);
        } else if (claims instanceof ActivationClaims act) {
            issuerAccount(act.issuerAccount(), out);
        }
        return out;
    }

    private static void operator(OperatorClaims o, List<ClaimRules.Problem> out) {
        for (String k : o.signingKeys()) {
            key("nats.signing_keys", k, KeyKind.OPERATOR, out);
        }
        if (!o.systemAccount().isEmpty()) {
            key("nats.system_account", o.systemAccount(), KeyKind.ACCOUNT, out);
        }
        if (!o.accountServerUrl().isEmpty() && !o.accountServerUrl().matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            out.add(new ClaimRules.Problem("nats.account_server_url", "account server URL ["
                    + o.accountServerUrl() + "] has no scheme; write it like http://host:9090/jwt/v1"));
        }
        for (String u : o.operatorServiceUrls()) {
            String p = serviceUrlProblem(u);
            if (p != null) {
                out.add(new ClaimRules.Problem("nats.operator_service_urls", "service URL [" + u + "] " + p
                        + "; write it like nats://host:4222"));
            }
        }
        String v = o.assertServerVersion();
        if (!v.isEmpty() && !v.matches("\\+?\\d{1,9}\\.\\+?\\d{1,9}\\.\\+?\\d{1,9}")) {
            out.add(new ClaimRules.Problem("nats.assert_server_version", "version [" + v + "] is not "
                    + "<major>.<minor>.<update> with non-negative numbers; write it like 2.10.0"));
        }
    }

    private static void account(AccountClaims a, List<ClaimRules.Problem> out) {
        for (ClaimRules.Problem p : ClaimRules.account(a)) {
            out.add(new ClaimRules.Problem(p.where().isEmpty() ? "nats" : "nats." + p.where(), p.message()));
        }
        for (SigningKey k : a.signingKeys()) {
            key("nats.signing_keys", k.key(), KeyKind.ACCOUNT, out);
        }
        permissions("nats.default_permissions", a.defaultPermissions(), out);
        for (int i = 0; i < a.exports().size(); i++) {
            String subject = a.exports().get(i).subject();
            String p = ClaimRules.subjectProblem(subject);
            if (p != null) {
                out.add(new ClaimRules.Problem("nats.exports[" + i + "].subject", "exported subject [" + subject + "] "
                        + p));
            }
        }
        String traffic = a.clusterTraffic();
        if (!traffic.isEmpty() && !traffic.equals("system") && !traffic.equals("owner")) {
            out.add(new ClaimRules.Problem("nats.cluster_traffic", "cluster traffic [" + traffic + "] is not system "
                    + "or owner"));
        }
        MessageTrace trace = a.trace();
        if (trace != null) {
            String dest = trace.destination();
            String p = ClaimRules.subjectProblem(dest);
            if (p != null) {
                out.add(new ClaimRules.Problem("nats.trace.dest", "trace destination [" + dest + "] " + p
                        + "; name a subject to publish traces to"));
            } else if (ClaimRules.hasWildCards(dest)) {
                out.add(new ClaimRules.Problem("nats.trace.dest", "trace destination [" + dest + "] has wildcards; "
                        + "traces are published to it, so it must be a literal subject"));
            }
            if (trace.sampling() < 0 || trace.sampling() > 100) {
                out.add(new ClaimRules.Problem("nats.trace.sampling", "trace sampling [" + trace.sampling()
                        + "] is not a percentage from 1 to 100 (0 means 100)"));
            }
        }
    }

    /**
     * The reference's {@code Import.Validate} on an import's activation token: it must decode as an activation,
     * issued by the exporting account (or one of its signing keys, naming it), for this account, of the import's type
     * and covering the imported subject.
     */
    private static void activations(String account, List<Import> imports, List<ClaimRules.Problem> out) {
        for (int i = 0; i < imports.size(); i++) {
            Import imp = imports.get(i);
            String subjectProblem = ClaimRules.subjectProblem(imp.subject());
            if (subjectProblem != null) {
                out.add(new ClaimRules.Problem("nats.imports[" + i + "].subject", "imported subject ["
                        + imp.subject() + "] " + subjectProblem));
            }
            if (imp.account().isEmpty()) {
                out.add(new ClaimRules.Problem("nats.imports[" + i + "].account", "import [" + imp.subject()
                        + "] does not name the account to import from; give its public key"));
            }
            if (imp.token().isEmpty()) {
                continue;
            }
            String at = "nats.imports[" + i + "].token";
            Jwt act;
            try {
                act = Jwts.decode(imp.token());
            } catch (JwtException e) {
                out.add(new ClaimRules.Problem(at, "the activation token of import [" + imp.subject() + "] cannot be "
                        + "decoded: " + e.getMessage()));
                continue;
            }
            if (!(act.claims() instanceof ActivationClaims a)) {
                out.add(new ClaimRules.Problem(at, "the token of import [" + imp.subject() + "] is a " + act.type()
                        + " token, not an activation"));
                continue;
            }
            if (!act.issuer().equals(imp.account()) && !a.issuerAccount().equals(imp.account())) {
                out.add(new ClaimRules.Problem(at, "the activation of import [" + imp.subject() + "] was not issued "
                        + "by the exporting account [" + imp.account() + "]"));
            }
            if (!act.subject().equals(account)) {
                out.add(new ClaimRules.Problem(at, "the activation of import [" + imp.subject() + "] is for account ["
                        + act.subject() + "], not this one"));
            }
            if (a.kind() != imp.type()) {
                out.add(new ClaimRules.Problem(at, "the activation of import [" + imp.subject() + "] is for a "
                        + a.kind().name().toLowerCase(Locale.ROOT) + " import"));
            }
            String subject = imp.type() == ExportType.SERVICE && !imp.to().isEmpty() ? imp.to() : imp.subject();
            if (!ClaimRules.isContainedIn(subject, a.subject())) {
                out.add(new ClaimRules.Problem(at, "the activation's subject [" + a.subject() + "] does not cover "
                        + "import [" + imp.subject() + "]"));
            }
        }
    }

    private static void userLimits(String at, UserPermissionLimits l, List<ClaimRules.Problem> out) {
        permissions(at, l.permissions(), out);
        for (String cidr : l.src()) {
            if (!GoNet.isCidr(cidr)) {
                out.add(new ClaimRules.Problem(at + ".src", "[" + cidr + "] is not a CIDR block; write an address "
                        + "and a prefix length like 10.0.0.0/8 or ::1/128 (no leading zeros in IPv4 numbers)"));
            }
        }
        for (TimeRange t : l.times()) {
            for (String value : new String[]{t.start(), t.end()}) {
                if (!ClaimRules.isTime(value)) {
                    out.add(new ClaimRules.Problem(at + ".times", "time [" + value + "] is not HH:mm:ss "
                            + "(00:00:00 to 23:59:59)"));
                }
            }
        }
        if (!l.timesLocation().isEmpty() && !l.timesLocation().equals("Local")) {
            // Go's time.LoadLocation knows zone names only (UTC, Europe/Berlin), not offsets like +01:00 or GMT+1.
            if (!ZoneId.getAvailableZoneIds().contains(l.timesLocation())) {
                out.add(new ClaimRules.Problem(at + ".times_location", "time zone [" + l.timesLocation()
                        + "] is not an IANA zone name; use e.g. UTC or Europe/Berlin"));
            }
        }
    }

    private static void permissions(String at, Permissions p, List<ClaimRules.Problem> out) {
        for (String s : p.pub().allow()) {
            entry(at + ".pub.allow", s, false, out);
        }
        for (String s : p.pub().deny()) {
            entry(at + ".pub.deny", s, false, out);
        }
        for (String s : p.sub().allow()) {
            entry(at + ".sub.allow", s, true, out);
        }
        for (String s : p.sub().deny()) {
            entry(at + ".sub.deny", s, true, out);
        }
    }

    /** The reference's {@code checkPermission}: a subject, or for subscriptions "subject queue". */
    private static void entry(String at, String value, boolean queues, List<ClaimRules.Problem> out) {
        String[] parts = value.split(" ", -1);
        if (parts.length > 2) {
            out.add(new ClaimRules.Problem(at, "permission [" + value + "] has more than one space; use \"subject\""
                    + (queues ? " or \"subject queue\"" : "")));
            return;
        }
        for (String part : parts) {
            String p = ClaimRules.subjectProblem(part);
            if (p != null) {
                out.add(new ClaimRules.Problem(at, "permission [" + value + "]: subject [" + part + "] " + p));
            }
        }
        if (parts.length == 2 && !queues) {
            out.add(new ClaimRules.Problem(at, "publish permission [" + value + "] names a queue group; queues "
                    + "apply to subscriptions only"));
        }
    }

    private static void issuerAccount(String issuerAccount, List<ClaimRules.Problem> out) {
        if (!issuerAccount.isEmpty()) {
            key("nats.issuer_account", issuerAccount, KeyKind.ACCOUNT, out);
        }
    }

    private static void key(String at, String key, KeyKind kind, List<ClaimRules.Problem> out) {
        if (KeyKind.ofPublicKey(key).orElse(null) != kind) {
            out.add(new ClaimRules.Problem(at, "[" + key + "] is not " + (kind == KeyKind.ACCOUNT ? "an " : "a ")
                    + kind.label() + " public key; use the public key (" + kind.label() + " keys start with "
                    + kind.name().charAt(0) + ")"));
        }
    }

    /** The reference's {@code ValidateOperatorServiceURL}: nats, tls, ws or wss; no user, no path. */
    private static String serviceUrlProblem(String url) {
        if (url.isEmpty()) {
            return null;
        }
        String p = ClaimRules.urlProblem(url);
        if (p != null && !p.equals("has no host")) {
            return p;
        }
        int colon = url.indexOf(':');
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!Set.of("nats", "tls", "ws", "wss").contains(scheme)) {
            return "must use nats://, tls://, ws:// or wss://";
        }
        String rest = url.substring(colon + 1);
        String authority = rest.startsWith("//") ? rest.substring(2).split("[/?#]", 2)[0] : "";
        if (authority.contains("@")) {
            return "must not carry a user or password";
        }
        String afterAuthority = rest.startsWith("//") ? rest.substring(2 + authority.length()) : rest;
        String path = afterAuthority.split("[?#]", 2)[0];
        return path.isEmpty() ? null : "must not have a path";
    }
}
