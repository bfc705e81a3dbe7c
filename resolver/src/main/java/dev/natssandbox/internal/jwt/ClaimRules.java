package dev.natssandbox.internal.jwt;

import dev.natssandbox.jwt.AccountClaims;
import dev.natssandbox.jwt.AccountLimits;
import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.jwt.Import;
import dev.natssandbox.jwt.WeightedMapping;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocking rules of the reference library's {@code Validate} (nats-io/jwt v2.8) for account claims, in one
 * place: the model refuses a spec that breaks one before anything is written, and {@code describe} reports them for
 * any decoded token. Each problem names the value in brackets, the rule, and how to fix it.
 *
 * <p>Checks the model makes more strictly anyway (subject syntax, limits below -1, CIDRs) are not repeated here.
 */
public final class ClaimRules {
    /** The reference's {@code MaxInfoLength}: description and info URL, in UTF-8 bytes. */
    public static final int MAX_INFO_BYTES = 8 * 1024;
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})([.,]\\d+)?");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(.*)", Pattern.DOTALL);

    private ClaimRules() {
    }

    /**
     * A broken rule.
     *
     * @param where   path of the bad value in spec-file terms, relative to the checked object (e.g.
     *                {@code exports[1].info_url})
     * @param message what is wrong, the value in brackets, and how to fix it
     */
    public record Problem(String where, String message) {
        /** @return {@code where: message} */
        @Override
        public String toString() {
            return where.isEmpty() ? message : where + ": " + message;
        }
    }

    /**
     * Every blocking problem of decoded account claims.
     *
     * @param a account claims
     * @return the problems, empty when the reference accepts the claims
     */
    public static List<Problem> account(AccountClaims a) {
        List<Problem> out = new ArrayList<>();
        exports("exports", a.exports(), out);
        imports("imports", a.imports(), out);
        mappings("mappings", a.mappings(), out);
        counts(a.limits(), a.imports().size(), a.exports(), out);
        info("", a.description(), a.infoUrl(), out);
        for (Map.Entry<String, List<Import>> e : byAccount(a.imports()).entrySet()) {
            serviceOverlaps("imports", e.getKey(), e.getValue(), out);
        }
        return out;
    }

    /**
     * Exports: each export's rules, then no export subject of one type inside another of the same type.
     *
     * @param where   path of the exports
     * @param exports the exports
     * @param out     where problems go
     */
    public static void exports(String where, List<Export> exports, List<Problem> out) {
        for (int i = 0; i < exports.size(); i++) {
            export(where + "[" + i + "]", exports.get(i), out);
        }
        for (ExportType type : ExportType.values()) {
            List<String> subjects = exports.stream().filter(e -> e.type() == type).map(Export::subject).toList();
            Map<String, String> contained = new LinkedHashMap<>();
            for (int i = 0; i < subjects.size(); i++) {
                for (int j = 0; j < subjects.size(); j++) {
                    if (i != j && isContainedIn(subjects.get(i), subjects.get(j))) {
                        contained.putIfAbsent(subjects.get(j), subjects.get(i));
                    }
                }
            }
            contained.forEach((outer, inner) -> out.add(new Problem(where, type.wireName() + " export [" + outer
                    + "] already exports [" + inner + "]; the reference refuses overlapping exports of one type: "
                    + "remove one or make the subjects disjoint")));
        }
    }

    private static void export(String where, Export e, List<Problem> out) {
        if (e.latency() != null) {
            int s = e.latency().sampling();
            if (s != 0 && (s < 1 || s > 100)) {
                out.add(new Problem(where + ".latency.sampling", "sampling [" + s + "] must be 1-100 percent, "
                        + "or 0 (headers) to sample requests that carry tracing headers"));
            }
            String results = e.latency().results();
            String p = subjectProblem(results);
            if (p != null || hasWildCards(results)) {
                out.add(new Problem(where + ".latency.results", "latency results subject [" + results + "] "
                        + (p != null ? p : "contains wildcards") + "; measurements are published there, so use a "
                        + "literal subject such as latency.svc"));
            }
        }
        if (e.responseThreshold().isNegative()) {
            out.add(new Problem(where + ".response_threshold", "response threshold [" + e.responseThreshold()
                    + "] is negative; use a positive duration such as 5s or leave it out"));
        }
        int pos = e.accountTokenPosition();
        if (pos > 0) {
            String[] tokens = e.subject().split("\\.", -1);
            if (!hasWildCards(e.subject())) {
                out.add(new Problem(where + ".account_token_position", "account_token_position [" + pos
                        + "] is set but subject [" + e.subject() + "] has no wildcard; put a * where the importer's "
                        + "account key goes (e.g. svc.*.req) or drop account_token_position"));
            } else if (pos > tokens.length) {
                out.add(new Problem(where + ".account_token_position", "account_token_position [" + pos
                        + "] exceeds the " + tokens.length + " tokens of subject [" + e.subject() + "]; use the "
                        + "1-based position of a * token"));
            } else if (!tokens[pos - 1].equals("*")) {
                out.add(new Problem(where + ".account_token_position", "account_token_position [" + pos
                        + "] points at token [" + tokens[pos - 1] + "] of subject [" + e.subject() + "], which is "
                        + "not a *; use the 1-based position of a * token"));
            }
        }
        info(where, e.description(), e.infoUrl(), out);
    }

    /**
     * Imports: local subjects that rename consistently, and share only on services.
     *
     * @param where   path of the imports
     * @param imports the imports
     * @param out     where problems go
     */
    public static void imports(String where, List<Import> imports, List<Problem> out) {
        for (int i = 0; i < imports.size(); i++) {
            Import imp = imports.get(i);
            importRules(where + "[" + i + "]", imp.subject(), imp.localSubject(), imp.type(), imp.share(), out);
        }
    }

    /**
     * The rules of one import that do not depend on other accounts.
     *
     * @param where        path of the import
     * @param subject      the imported subject
     * @param localSubject its local name, or empty
     * @param type         stream or service
     * @param share        whether latency information is shared
     * @param out          where problems go
     */
    public static void importRules(String where, String subject, String localSubject, ExportType type,
                                   boolean share, List<Problem> out) {
        if (share && type != ExportType.SERVICE) {
            out.add(new Problem(where + ".share", "share [true] on stream import [" + subject + "]: sharing "
                    + "requester information (for latency tracking) applies to service imports only; remove share"));
        }
        if (!localSubject.isEmpty()) {
            if (endsInTail(localSubject) != endsInTail(subject)) {
                out.add(new Problem(where + ".local_subject", "local subject [" + localSubject + "] and subject ["
                        + subject + "] must both end in > or neither; a subject ending in > takes a local subject ending in >"));
            }
            int from = starCount(subject);
            int refs = 0;
            for (String tk : localSubject.split("\\.", -1)) {
                if (tk.equals("*")) {
                    refs++;
                } else if (isReference(tk)) {
                    long idx = Long.parseLong(tk.substring(1));
                    if (idx > from) {
                        out.add(new Problem(where + ".local_subject", "local subject [" + localSubject
                                + "] references [" + tk + "] but subject [" + subject + "] has only " + from
                                + " * token(s); use $1 to $" + from));
                        continue;
                    }
                    refs++;
                }
            }
            if (refs != from) {
                out.add(new Problem(where + ".local_subject", "local subject [" + localSubject + "] has " + refs
                        + " * or $N token(s) but subject [" + subject + "] has " + from + "; use one * (or $N "
                        + "reference) per * of the subject"));
            }
        }
    }

    /**
     * Service imports from one account must not overlap in the importing account (the reference's check on the
     * local subject, with $N references read as *).
     *
     * @param where   path of the imports
     * @param account the exporting account (as the importer names it)
     * @param imports the imports from that account, in order
     * @param out     where problems go
     */
    public static void serviceOverlaps(String where, String account, List<Import> imports, List<Problem> out) {
        List<String> seen = new ArrayList<>();
        for (Import imp : imports) {
            if (imp.type() != ExportType.SERVICE) {
                continue;
            }
            String sub = !imp.to().isEmpty() ? imp.to()
                    : !imp.localSubject().isEmpty() ? refsAsStars(imp.localSubject()) : imp.subject();
            for (String other : new LinkedHashSet<>(seen)) {
                if (isContainedIn(sub, other) || isContainedIn(other, sub)) {
                    out.add(new Problem(where, "service imports [" + sub + "] and [" + other + "] from account ["
                            + account + "] overlap; a requester could not tell which one answers: import each "
                            + "subject once or give them disjoint local subjects"));
                }
            }
            seen.add(sub);
        }
    }

    /**
     * Mapping weights per source: together at most 100 (per cluster), a weight of 0 counting as 100.
     *
     * @param where    path of the mappings
     * @param mappings source subject to weighted destinations
     * @param out      where problems go
     */
    public static void mappings(String where, Map<String, List<WeightedMapping>> mappings, List<Problem> out) {
        mappings.forEach((from, to) -> {
            long total = 0;
            Map<String, Long> perCluster = new HashMap<>();
            String fromProblem = subjectProblem(from);
            if (fromProblem != null) {
                out.add(new Problem(where + "." + from, "mapping source [" + from + "] " + fromProblem));
            }
            for (WeightedMapping m : to) {
                String toProblem = subjectProblem(m.subject());
                if (toProblem != null) {
                    out.add(new Problem(where + "." + from, "mapping destination [" + m.subject() + "] " + toProblem
                            + "; name the subject to map to"));
                }
                long w = m.weight() == 0 ? 100 : m.weight();
                if (m.cluster() == null || m.cluster().isEmpty()) {
                    total += w;
                } else {
                    perCluster.merge(m.cluster(), w, Long::sum);
                }
            }
            if (total > 100) {
                out.add(new Problem(where + "." + from, "weights of mapping [" + from + "] add up to [" + total
                        + "]% (a weight left out or 0 counts as 100); the reference refuses more than 100: lower the "
                        + "weights so they add up to 100 at most"));
            }
            perCluster.forEach((cluster, sum) -> {
                if (sum > 100) {
                    out.add(new Problem(where + "." + from, "weights of mapping [" + from + "] in cluster ["
                            + cluster + "] add up to [" + sum + "]% (0 counts as 100); lower them to 100 at most"));
                }
            });
        });
    }

    /**
     * Import and export counts within the account's limits; no wildcard export when limits forbid them (which the
     * reference checks only when the export count is limited).
     *
     * @param l       the account limits
     * @param imports how many imports the account has
     * @param exports the account's exports
     * @param out     where problems go
     */
    public static void counts(AccountLimits l, int imports, List<Export> exports, List<Problem> out) {
        if (l.imports() != -1 && imports > l.imports()) {
            out.add(new Problem("limits.imports", "the account has " + imports + " imports but limits.imports is ["
                    + l.imports() + "]; raise the limit or remove imports"));
        }
        if (l.exports() != -1 && exports.size() > l.exports()) {
            out.add(new Problem("limits.exports", "the account has " + exports.size() + " exports but "
                    + "limits.exports is [" + l.exports() + "]; raise the limit or remove exports"));
        }
        if (l.exports() != -1 && !l.wildcards()
                && exports.stream().anyMatch(e -> hasWildCards(e.subject()))) {
            out.add(new Problem("limits.wildcards", "wildcard exports are refused by limits wildcards: false; "
                    + "allow wildcards or export literal subjects"));
        }
    }

    /**
     * Description and info URL: at most {@value #MAX_INFO_BYTES} UTF-8 bytes each; an info URL needs a scheme and a
     * host.
     *
     * @param where       path of the object carrying them ({@code ""} for the top)
     * @param description the description
     * @param infoUrl     the info URL, or empty
     * @param out         where problems go
     */
    public static void info(String where, String description, String infoUrl, List<Problem> out) {
        String at = where.isEmpty() ? "" : where + ".";
        int d = description.getBytes(StandardCharsets.UTF_8).length;
        if (d > MAX_INFO_BYTES) {
            out.add(new Problem(at + "description", "description of [" + d + "] bytes is longer than the "
                    + MAX_INFO_BYTES + " the reference allows; shorten it"));
        }
        if (infoUrl.isEmpty()) {
            return;
        }
        int u = infoUrl.getBytes(StandardCharsets.UTF_8).length;
        if (u > MAX_INFO_BYTES) {
            out.add(new Problem(at + "info_url", "info URL of [" + u + "] bytes is longer than the "
                    + MAX_INFO_BYTES + " the reference allows; shorten it"));
        }
        String p = urlProblem(infoUrl);
        if (p != null) {
            String shown = infoUrl.length() > 64 ? infoUrl.substring(0, 64) + "…" : infoUrl;
            out.add(new Problem(at + "info_url", "info URL [" + shown + "] " + p
                    + "; write it like https://example.com/docs"));
        }
    }

    /**
     * As the reference parses a time of a user's time window (Go layout {@code 15:04:05}): hour 0-23 with one or two
     * digits, minutes and seconds with two, an optional fraction.
     *
     * @param value the time
     * @return whether the reference accepts it
     */
    public static boolean isTime(String value) {
        Matcher m = TIME.matcher(value == null ? "" : value);
        return m.matches() && Integer.parseInt(m.group(1)) <= 23 && Integer.parseInt(m.group(2)) <= 59
                && Integer.parseInt(m.group(3)) <= 59;
    }

    /** Go's url.Parse, as far as the reference's info URL check depends on it; null when acceptable. */
    static String urlProblem(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character";
            }
        }
        if (url.startsWith(":")) {
            return "is missing a scheme";
        }
        for (int i = url.indexOf('%'); i >= 0; i = url.indexOf('%', i + 1)) {
            if (i + 2 >= url.length() || Character.digit(url.charAt(i + 1), 16) < 0
                    || Character.digit(url.charAt(i + 2), 16) < 0) {
                return "has a % that is not followed by two hex digits";
            }
        }
        Matcher m = SCHEME.matcher(url);
        if (!m.matches()) {
            return "has no scheme and host";
        }
        String rest = m.group(2);
        if (!rest.startsWith("//")) {
            return "has no host";
        }
        String authority = rest.substring(2).split("[/?#]", 2)[0];
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return "has an unclosed [ in its host";
            }
            String port = host.substring(close + 1);
            return port.isEmpty() || port.matches(":\\d*") ? (close == 1 ? "has no host" : null)
                    : "has an invalid port";
        }
        int colon = host.lastIndexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        if (colon >= 0 && !host.substring(colon + 1).matches("\\d*")) {
            return "has an invalid port [" + host.substring(colon + 1) + "]";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80 && !Character.isLetterOrDigit(c) && "-._~!$&'()*+,;=:[]<>\"%".indexOf(c) < 0) {
                return "has an invalid character [" + c + "] in its host";
            }
        }
        return name.isEmpty() ? "has no host" : null;
    }

    /** The reference's {@code Subject.Validate}: null when acceptable. */
    static String subjectProblem(String v) {
        if (v.isEmpty()) {
            return "is empty";
        }
        if (v.contains(" ")) {
            return "contains a space";
        }
        if (v.startsWith(".") || v.endsWith(".")) {
            return "starts or ends with a dot";
        }
        return v.contains("..") ? "contains two dots in a row" : null;
    }

    /** The reference's {@code Subject.HasWildCards}. */
    static boolean hasWildCards(String v) {
        return v.endsWith(".>") || v.contains(".*.") || v.endsWith(".*") || v.startsWith("*.") || v.equals("*")
                || v.equals(">");
    }

    /** The reference's {@code Subject.IsContainedIn}, token by token (not the server's subset semantics). */
    static boolean isContainedIn(String subject, String other) {
        String[] o = other.split("\\.", -1);
        String[] s = subject.split("\\.", -1);
        if ((s.length > o.length && !o[o.length - 1].equals(">")) || s.length < o.length) {
            return false;
        }
        for (int i = 0; i < o.length; i++) {
            if (i == o.length - 1 && o[i].equals(">")) {
                return true;
            }
            if (!o[i].equals(s[i]) && !o[i].equals("*")) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsInTail(String subject) {
        return subject.equals(">") || subject.endsWith(".>");
    }

    private static int starCount(String subject) {
        int n = 0;
        for (String t : subject.split("\\.", -1)) {
            n += t.equals("*") ? 1 : 0;
        }
        return n;
    }

    /** A {@code $N} token as Go's strconv.Atoi reads it (overflow is no number). */
    private static boolean isReference(String tk) {
        return tk.length() > 1 && tk.charAt(0) == '$' && tk.substring(1).matches("[+-]?\\d{1,18}");
    }

    private static String refsAsStars(String local) {
        List<String> tokens = new ArrayList<>();
        for (String tk : local.split("\\.", -1)) {
            tokens.add(isReference(tk) ? "*" : tk);
        }
        return String.join(".", tokens);
    }

    private static Map<String, List<Import>> byAccount(List<Import> imports) {
        Map<String, List<Import>> out = new LinkedHashMap<>();
        imports.forEach(i -> out.computeIfAbsent(i.account(), k -> new ArrayList<>()).add(i));
        return out;
    }
}
