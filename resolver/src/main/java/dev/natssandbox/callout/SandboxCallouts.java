package dev.natssandbox.callout;

import dev.natssandbox.provision.AccountIdentity;
import dev.natssandbox.sandbox.Sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in authorization services of a running sandbox: one {@link CalloutService} per callout account whose
 * spec has a static table ({@code authorization.callout_users}). {@code up} starts them after the server; close
 * them before the sandbox.
 */
public final class SandboxCallouts implements AutoCloseable {
    private final List<CalloutService> services;
    private final List<String> accounts;

    private SandboxCallouts(List<CalloutService> services, List<String> accounts) {
        this.services = List.copyOf(services);
        this.accounts = List.copyOf(accounts);
    }

    /**
     * @param sandbox a running sandbox
     * @return the started services (none when no account declares a table)
     * @throws CalloutUnsupportedException when a table is declared and the server is older than 2.10
     */
    public static SandboxCallouts start(Sandbox sandbox) {
        List<CalloutService> started = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        try {
            for (AccountIdentity a : sandbox.hierarchy().accounts()) {
                if (!a.spec().authorization().users().isEmpty()) {
                    started.add(CalloutService.start(CalloutEnvironment.of(sandbox, a.name()),
                            CalloutTable.of(a.spec().authorization())));
                    accounts.add(a.name());
                }
            }
        } catch (RuntimeException e) {
            started.forEach(CalloutService::close);
            throw e;
        }
        return new SandboxCallouts(started, accounts);
    }

    /** @return the running services, one per callout account with a table */
    public List<CalloutService> services() {
        return services;
    }

    /** @return the callout accounts served, in the order of the spec */
    public List<String> accounts() {
        return accounts;
    }

    /** Stops every service. */
    @Override
    public void close() {
        services.forEach(CalloutService::close);
    }
}
