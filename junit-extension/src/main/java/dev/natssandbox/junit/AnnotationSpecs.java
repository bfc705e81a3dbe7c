package dev.natssandbox.junit;

import dev.natssandbox.jwt.ExportType;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.InvalidSpecException;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.internal.spec.Units;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Turns {@link NatsSandbox#accounts()} annotations into the one model every door produces. */
final class AnnotationSpecs {
    private AnnotationSpecs() {
    }

    static SandboxSpec toSpec(NatsSandbox a) {
        refuseDuplicates(a);
        SandboxSpec.Builder b = SandboxSpec.operator(a.operator()).jetStream(a.jetStream());
        for (Account acc : a.accounts()) {
            b.account(acc.name(), ab -> {
                ab.limits(l -> l.conn(acc.maxConnections()).payload(acc.maxPayload()).subs(acc.maxSubscriptions())
                        .data(acc.maxData()));
                if (!acc.traceDestination().isEmpty()) {
                    ab.trace(acc.traceDestination(), acc.traceSampling());
                }
                for (String s : acc.exportServices()) {
                    ab.exportService(s);
                }
                for (String s : acc.exportStreams()) {
                    ab.exportStream(s);
                }
                for (Import i : acc.importServices()) {
                    ab.importing(ImportSpec.builder(i.account(), i.subject(), ExportType.SERVICE)
                            .localSubject(i.localSubject()).allowTrace(i.allowTrace()).build());
                }
                for (Import i : acc.importStreams()) {
                    ab.importing(ImportSpec.builder(i.account(), i.subject(), ExportType.STREAM)
                            .localSubject(i.localSubject()).allowTrace(i.allowTrace()).build());
                }
                for (User u : acc.users()) {
                    ab.user(u.name(), ub -> {
                        ub.allowPub(u.allowPub()).denyPub(u.denyPub()).allowSub(u.allowSub()).denySub(u.denySub())
                                .maxSubscriptions(u.maxSubscriptions()).maxPayload(u.maxPayload())
                                .maxData(u.maxData()).sourceNetwork(u.sourceNetworks()).bearer(u.bearer());
                        if (u.responses() > 0 || !u.responseTtl().isEmpty()) {
                            ub.allowResponses(Math.max(u.responses(), 1), ttl(acc, u));
                        }
                    });
                }
            });
        }
        return b.build();
    }

    /**
     * The builder edits an account or user of a name it already has, so a second {@code @Account} or {@code @User}
     * of one name would silently merge into or replace the first; a spec file refuses the same as a duplicate key.
     */
    private static void refuseDuplicates(NatsSandbox a) {
        Set<String> accounts = new HashSet<>();
        for (Account acc : a.accounts()) {
            if (!accounts.add(acc.name())) {
                throw new InvalidSpecException("accounts", "duplicate @Account name [" + acc.name() + "]; each "
                        + "@Account needs a name of its own. Keep one of them or rename one");
            }
            Set<String> users = new HashSet<>();
            for (User u : acc.users()) {
                if (!users.add(u.name())) {
                    throw new InvalidSpecException("accounts." + acc.name() + ".users", "duplicate @User name ["
                            + u.name() + "] in @Account [" + acc.name() + "]; each @User of an account needs a name "
                            + "of its own. Keep one of them or rename one");
                }
            }
        }
    }

    private static Duration ttl(Account acc, User u) {
        if (u.responseTtl().isEmpty()) {
            return Duration.ZERO;
        }
        try {
            return Units.parseDuration(u.responseTtl());
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("accounts." + acc.name() + ".users." + u.name()
                    + ".responseTtl", e.getMessage());
        }
    }
}
