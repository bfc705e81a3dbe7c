package dev.natssandbox.spec;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.Subjects;
import dev.natssandbox.model.UserSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code expect:} block of a spec file against the spec read from the same file: user references must
 * name a user of the spec, publish subjects must be literal, and nothing may be expected both ways.
 */
final class ExpectReader {
    static final List<String> USER_KEYS = List.of("pub", "sub");
    static final List<String> RULE_KEYS = List.of("allow", "deny");
    private static final String EXAMPLE = "{TestClient: {pub: {allow: [req.a], deny: [req.b]}}}";

    private final ReadContext ctx;
    private final SandboxSpec spec;

    private ExpectReader(ReadContext ctx, SandboxSpec spec) {
        this.ctx = ctx;
        this.spec = spec;
    }

    static List<Expectation> read(Fields top, SandboxSpec spec, ReadContext ctx) {
        return new ExpectReader(ctx, spec).read(top);
    }

    private List<Expectation> read(Fields top) {
        Node.MapNode users = top.map("expect", EXAMPLE);
        Map<String, Expectation> byProbe = new LinkedHashMap<>();
        users.entries().forEach((ref, node) -> {
            String at = ReadContext.child("expect", ref);
            String[] user = resolve(ref, at);
            Fields f = ctx.fields(node, at, USER_KEYS, Map.of());
            for (Expectation.Action action : Expectation.Action.values()) {
                Fields rules = f.fields(action.key(), RULE_KEYS);
                for (String rule : RULE_KEYS) {
                    List<String> subjects = rules.strings(rule, "[req.a]");
                    for (int i = 0; i < subjects.size(); i++) {
                        String path = ReadContext.index(rules.at(rule), i);
                        Expectation e = expectation(user, action, subjects.get(i), rule.equals("allow"), path);
                        Expectation earlier = byProbe.putIfAbsent(e.userRef() + " " + action + " " + e.subject()
                                + " " + e.queue(), e);
                        if (earlier != null && earlier.allowed() != e.allowed()) {
                            throw ctx.fail(path, "[" + subjects.get(i) + "] is expected both allowed and refused for "
                                    + "user [" + e.userRef() + "] (also at " + earlier.where() + "); keep one");
                        }
                    }
                }
            }
        });
        return new ArrayList<>(byProbe.values());
    }

    private Expectation expectation(String[] user, Expectation.Action action, String entry, boolean allowed,
                                    String path) {
        String subject = entry;
        String queue = "";
        if (action == Expectation.Action.PUB) {
            String problem = Subjects.problem(entry);
            if (problem != null) {
                throw ctx.fail(path, "invalid subject [" + entry + "]: " + problem + "; write a subject such as "
                        + "req.a");
            }
            if (Subjects.hasWildcards(entry)) {
                throw ctx.fail(path, "[" + entry + "] contains wildcards, but a message is published to one literal "
                        + "subject; expect a literal subject the pattern covers, e.g. ["
                        + entry.replace("*", "x").replace(">", "x") + "]");
            }
        } else {
            ctx.build(() -> Subjects.requireSubscription(path, entry), ReadContext.same());
            int space = entry.indexOf(' ');
            if (space > 0) {
                subject = entry.substring(0, space);
                queue = entry.substring(space + 1);
            }
        }
        String where = SpecFileException.location(ctx.source(), ctx.lineOf(path), path);
        return new Expectation(user[0], user[1], action, subject, queue, allowed, where);
    }

    /** @return {account, user} for {@code User} or {@code Account/User} */
    private String[] resolve(String ref, String at) {
        int slash = ref.indexOf('/');
        List<String[]> matches = new ArrayList<>();
        for (AccountSpec a : spec.accounts()) {
            for (UserSpec u : a.users()) {
                boolean match = slash >= 0 ? a.name().equals(ref.substring(0, slash))
                        && u.name().equals(ref.substring(slash + 1)) : u.name().equals(ref);
                if (match) {
                    matches.add(new String[] {a.name(), u.name()});
                }
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw ctx.fail(at, "no user [" + ref + "] in the spec; users are: " + userRefs() + ". Name a user as "
                    + "User, or Account/User when the name is in several accounts");
        }
        throw ctx.fail(at, "user name [" + ref + "] is ambiguous; name it with its account: "
                + matches.stream().map(m -> m[0] + "/" + m[1]).toList());
    }

    /** The users as they are best referred to, the system account's last, as the sandbox lists them. */
    private List<String> userRefs() {
        List<String> names = new ArrayList<>();
        List<String> system = new ArrayList<>();
        for (AccountSpec a : spec.accounts()) {
            for (UserSpec u : a.users()) {
                long same = spec.accounts().stream().flatMap(x -> x.users().stream())
                        .filter(o -> o.name().equals(u.name())).count();
                (a.name().equals(spec.systemAccount()) ? system : names).add(same == 1 ? u.name()
                        : a.name() + "/" + u.name());
            }
        }
        names.addAll(system);
        return names;
    }
}
