package dev.natssandbox.cli;

import dev.natssandbox.callout.CalloutClients;
import dev.natssandbox.callout.CalloutEnvironment;
import dev.natssandbox.callout.CalloutRefusedException;
import dev.natssandbox.callout.SandboxCallouts;
import dev.natssandbox.cli.PermissionMatrix.Cell;
import dev.natssandbox.cli.PermissionMatrix.Column;
import dev.natssandbox.cli.PermissionMatrix.Row;
import dev.natssandbox.cli.PermissionMatrix.Verdict;
import dev.natssandbox.model.AuthorizationSpec;
import dev.natssandbox.model.CalloutUserSpec;
import dev.natssandbox.model.UserSpec;
import dev.natssandbox.probe.PermissionProbe;
import dev.natssandbox.probe.ProbeResult;
import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.sandbox.Sandbox;
import io.nats.client.Connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code check} rows for the users of callout tables ({@code authorization.callout_users}): the built-in service runs,
 * each row's client connects with its password or token (presenting a non-auth user of the callout account in
 * operator mode), and the server decides its publishes and subscriptions like any user's.
 */
final class CalloutProbes implements AutoCloseable {
    private final Sandbox sandbox;
    private final SandboxCallouts callouts;
    private final List<CalloutClients> clients = new ArrayList<>();
    private final PermissionProbe probe = PermissionProbe.forConnections();

    private CalloutProbes(Sandbox sandbox, SandboxCallouts callouts) {
        this.sandbox = sandbox;
        this.callouts = callouts;
    }

    /**
     * A sandbox on a server before 2.10 refuses a spec with callout accounts at start (ServerTooOldException), so
     * this meets only servers with auth callout.
     *
     * @throws dev.natssandbox.callout.CalloutUnsupportedException when the server is older than 2.10 all the same
     */
    static CalloutProbes start(Sandbox sandbox) {
        return new CalloutProbes(sandbox, SandboxCallouts.start(sandbox));
    }

    /** @return one row per callout user, named {@code user (callout ACCOUNT)}, in the decided account */
    List<Row> rows(List<Column> columns, Progress progress) {
        List<Row> rows = new ArrayList<>();
        for (AccountIdentity a : sandbox.hierarchy().accounts()) {
            AuthorizationSpec auth = a.spec().authorization();
            if (auth.users().isEmpty()) {
                continue;
            }
            Optional<String> sentinel = a.spec().users().stream().map(UserSpec::name)
                    .filter(n -> !auth.authUsers().contains(n)).findFirst();
            for (CalloutUserSpec u : auth.users()) {
                String label = u.name() + " (callout " + a.name() + ")";
                progress.say("  " + label);
                if (sentinel.isEmpty()) {
                    rows.add(Row.refused(label, u.account(), "callout account [" + a.name() + "] has no user "
                            + "besides its auth users for clients to present; add one, e.g. sentinel: {}"));
                    continue;
                }
                rows.add(row(label, u, clients(a, sentinel.get()), columns));
            }
        }
        return rows;
    }

    private CalloutClients clients(AccountIdentity account, String sentinel) {
        CalloutClients c = CalloutClients.of(sandbox, CalloutEnvironment.of(sandbox, account.name()),
                account.name() + "/" + sentinel);
        clients.add(c);
        return c;
    }

    private Row row(String label, CalloutUserSpec u, CalloutClients c, List<Column> columns) {
        Connection connection;
        try {
            connection = u.usesToken() ? c.connectWithToken(u.token()) : c.connect(u.name(), u.password());
        } catch (CalloutRefusedException e) {
            return Row.refused(label, u.account(), e.reason());
        }
        List<Cell> cells = new ArrayList<>();
        for (Column col : columns) {
            cells.add(new Cell(verdict(probe.publish(connection, col.publishSubject())),
                    verdict(probe.subscribe(connection, col.subject()))));
        }
        return new Row(label, u.account(), "", cells);
    }

    private static Verdict verdict(ProbeResult r) {
        return new Verdict(r.allowed(), r.refusal().orElse(r.outcome()));
    }

    @Override
    public void close() {
        clients.forEach(CalloutClients::close);
        callouts.close();
    }
}
