package dev.natssandbox.cli;

import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.Permission;
import dev.natssandbox.jwt.Permissions;
import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.model.SigningKeySpec;
import dev.natssandbox.model.UserSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The subjects a spec names, which {@code check} probes when no subjects are given. */
final class SpecSubjects {
    private SpecSubjects() {
    }

    /**
     * @param spec a spec
     * @return in spec order, without repeats: every subject of the users' publish and subscribe rules (a queue
     *         group dropped), of the accounts' default permissions and scoped signing key templates, of the exports
     *         and of the imports (as exported and as seen locally)
     */
    static List<String> of(SandboxSpec spec) {
        Set<String> subjects = new LinkedHashSet<>();
        for (AccountSpec a : spec.accounts()) {
            for (UserSpec u : a.users()) {
                add(subjects, u.limits().permissions());
            }
            add(subjects, a.defaultPermissions());
            for (SigningKeySpec k : a.signingKeys()) {
                if (k.template() != null) {
                    add(subjects, k.template().permissions());
                }
            }
            for (Export e : a.exports()) {
                subjects.add(e.subject());
            }
            for (ImportSpec i : a.imports()) {
                subjects.add(i.subject());
                if (i.localSubject() != null && !i.localSubject().isEmpty()) {
                    subjects.add(i.localSubject());
                }
            }
        }
        return new ArrayList<>(subjects);
    }

    private static void add(Set<String> subjects, Permissions p) {
        add(subjects, p.pub());
        add(subjects, p.sub());
    }

    private static void add(Set<String> subjects, Permission p) {
        p.allow().forEach(s -> subjects.add(withoutQueue(s)));
        p.deny().forEach(s -> subjects.add(withoutQueue(s)));
    }

    /** @return the subject of a subscribe rule written {@code "subject queue"} */
    static String withoutQueue(String entry) {
        int space = entry.indexOf(' ');
        return space < 0 ? entry : entry.substring(0, space);
    }
}
