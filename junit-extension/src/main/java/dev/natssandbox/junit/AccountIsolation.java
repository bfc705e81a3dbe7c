package dev.natssandbox.junit;

import dev.natssandbox.model.AccountSpec;
import dev.natssandbox.model.AuthorizationSpec;
import dev.natssandbox.model.CalloutUserSpec;
import dev.natssandbox.model.ImportSpec;
import dev.natssandbox.model.ResolverType;
import dev.natssandbox.model.SandboxSpec;
import dev.natssandbox.provision.UnknownIdentityException;
import dev.natssandbox.sandbox.Sandbox;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link SandboxScope#ACCOUNT_PER_METHOD}: the shared server runs only the operator and the system account; each test method
 * gets copies of the declared accounts under names of its own, and the user names a test asks for are mapped to
 * them.
 */
final class AccountIsolation {
    private AccountIsolation() {
    }

    /**
     * The spec the shared server starts with: the template's operator and system account; a declared NATS-based
     * resolver is kept (accounts are pushed to it), any other becomes the URL resolver (no reload per test). A
     * cluster runs the full NATS-based resolver (its servers cannot share a URL resolver): every test's accounts are
     * pushed to every server.
     */
    static SandboxSpec serverSpec(SandboxSpec template) {
        ResolverType resolver = template.server().clustered() ? ResolverType.FULL
                : template.server().resolver().natsBased() ? template.server().resolver() : ResolverType.URL;
        SandboxSpec.Builder b = SandboxSpec.operator(template.operator()).systemAccount(template.systemAccount())
                .server(template.server().withResolver(resolver));
        b.account(template.systemAccountSpec());
        return b.build();
    }

    /** The accounts a test gets, and the names it knows them by. Closing removes them from the server. */
    @SuppressWarnings("deprecation")
    static final class Accounts implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        private final Sandbox sandbox;
        private final Map<String, String> names;
        private final SandboxSpec template;
        private boolean closed;

        private Accounts(Sandbox sandbox, Map<String, String> names, SandboxSpec template) {
            this.sandbox = sandbox;
            this.names = names;
            this.template = template;
        }

        /** @return template account name to the name this test's copy has */
        Map<String, String> names() {
            return names;
        }

        /**
         * @param ref {@code "User"} or {@code "Account/User"} in the template's terms
         * @return the same user in this test's accounts
         */
        String user(String ref) {
            int slash = ref.indexOf('/');
            if (slash >= 0) {
                String account = names.get(ref.substring(0, slash));
                return account == null ? ref : account + "/" + ref.substring(slash + 1);
            }
            List<String> owners = new ArrayList<>();
            for (AccountSpec a : template.accounts()) {
                if (names.containsKey(a.name()) && a.user(ref).isPresent()) {
                    owners.add(a.name());
                }
            }
            if (owners.size() == 1) {
                return names.get(owners.get(0)) + "/" + ref;
            }
            if (owners.size() > 1) {
                throw new UnknownIdentityException("User name [" + ref + "] is ambiguous; name it with its account: "
                        + owners.stream().map(o -> o + "/" + ref).toList(), owners);
            }
            return ref;
        }

        @Override
        public synchronized void close() {
            if (closed || !sandbox.isRunning()) {
                closed = true;
                return;
            }
            closed = true;
            sandbox.change(b -> names.values().forEach(b::removeAccount));
        }
    }

    /**
     * Adds this test's copies of the template's accounts to the running server.
     *
     * @param counter numbers the copies, so that names never repeat within a run
     */
    static Accounts create(Sandbox sandbox, SandboxSpec template, ExtensionContext test, AtomicLong counter) {
        String suffix = "-" + sanitize(test.getRequiredTestMethod().getName()) + "-" + counter.incrementAndGet();
        Map<String, String> names = new LinkedHashMap<>();
        for (AccountSpec a : template.accounts()) {
            if (!a.name().equals(template.systemAccount())) {
                String base = a.name();
                int room = 100 - suffix.length();
                names.put(a.name(), (base.length() > room ? base.substring(0, Math.max(room, 1)) : base) + suffix);
            }
        }
        List<AccountSpec> copies = new ArrayList<>();
        for (AccountSpec a : template.accounts()) {
            if (names.containsKey(a.name())) {
                copies.add(rename(a, names));
            }
        }
        sandbox.change(b -> copies.forEach(b::account));
        return new Accounts(sandbox, names, template);
    }

    private static AccountSpec rename(AccountSpec a, Map<String, String> names) {
        List<ImportSpec> imports = new ArrayList<>();
        for (ImportSpec i : a.imports()) {
            imports.add(ImportSpec.builder(names.getOrDefault(i.account(), i.account()), i.subject(), i.type())
                    .name(i.name()).localSubject(i.localSubject()).share(i.share()).allowTrace(i.allowTrace())
                    .activationExpires(i.activationExpires()).build());
        }
        AuthorizationSpec auth = a.authorization();
        AuthorizationSpec renamedAuth = AuthorizationSpec.builder().authUsers(auth.authUsers())
                .allowedAccounts(auth.allowedAccounts().stream().map(n -> names.getOrDefault(n, n)).toList())
                .xkey(auth.xkey())
                .users(auth.users().stream().map(u -> u.toBuilder()
                        .account(names.getOrDefault(u.account(), u.account())).build()).toList())
                .build();
        AccountSpec.Builder renamed = AccountSpec.builder(names.get(a.name())).limits(a.limits())
                .exports(a.exports()).imports(imports).signingKeys(a.signingKeys()).revocations(a.revocations())
                .defaultPermissions(a.defaultPermissions()).mappings(a.mappings()).authorization(renamedAuth)
                .description(a.description()).infoUrl(a.infoUrl()).tags(a.tags()).expires(a.expires())
                .users(a.users()).trace(a.trace()).clusterTraffic(a.clusterTraffic()).notBefore(a.notBefore());
        return renamed.build();
    }

    private static String sanitize(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9_-]", "_");
        return clean.length() > 40 ? clean.substring(0, 40) : clean;
    }
}
