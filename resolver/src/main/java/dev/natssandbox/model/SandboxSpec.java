package dev.natssandbox.model;

import dev.natssandbox.jwt.Export;
import dev.natssandbox.jwt.ExportType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Everything a sandbox is made of: the operator, the system account, the accounts with their users, and how the
 * server runs. The fluent builder, spec files and the JUnit annotations all produce this one immutable value.
 *
 * <pre>{@code
 * SandboxSpec spec = SandboxSpec.operator("Test")
 *         .account("TestAccount", a -> a
 *                 .user("TestUser")
 *                 .user("TestService", u -> u.allowPub("_INBOX.>").allowSub("req.a"))
 *                 .user("TestClient", u -> u.allowPub("req.a").allowSub("_INBOX.>")))
 *         .build();
 * }</pre>
 *
 * <p>As {@code nsc add operator --sys} does, a system account (default {@code SYS}) with a user {@code sys} is
 * added when the spec does not declare one. Construction checks every cross reference: unique account names,
 * imports of existing accounts and of subjects those accounts export with the same type.
 *
 * <p>Built with {@link #operator(String)} (or {@link #builder}); {@link #toBuilder()} starts from a copy of a value.
 */
public final class SandboxSpec {
    private final OperatorSpec operator;
    private final String systemAccount;
    private final ServerSpec server;
    private final List<AccountSpec> accounts;
    /** Default name of the system account. */
    public static final String DEFAULT_SYSTEM_ACCOUNT = "SYS";
    /** Name of the user created in a system account that declares none. */
    public static final String DEFAULT_SYSTEM_USER = "sys";

    /** Adds the system account when missing and checks cross references. */
    private SandboxSpec(OperatorSpec operator, String systemAccount, ServerSpec server, List<AccountSpec> accounts) {
        Objects.requireNonNull(operator, "operator");
        systemAccount = systemAccount == null || systemAccount.isBlank() ? DEFAULT_SYSTEM_ACCOUNT : systemAccount;
        Checks.name("system_account", "system account", systemAccount);
        server = Objects.requireNonNullElse(server, ServerSpec.DEFAULT);
        List<AccountSpec> all = new ArrayList<>(accounts == null ? List.of() : accounts);
        Set<String> seen = new HashSet<>();
        for (AccountSpec a : all) {
            if (!seen.add(a.name())) {
                throw new InvalidSpecException("accounts", "duplicate account name [" + a.name()
                        + "]; account names must be unique");
            }
        }
        String sys = systemAccount;
        Optional<AccountSpec> declared = all.stream().filter(a -> a.name().equals(sys)).findFirst();
        if (declared.isEmpty()) {
            all.add(AccountSpec.builder(sys).user(DEFAULT_SYSTEM_USER).build());
        } else if (declared.get().users().isEmpty()) {
            all.set(all.indexOf(declared.get()), declared.get().toBuilder().user(DEFAULT_SYSTEM_USER).build());
        }
        accounts = List.copyOf(all);
        validateImports(accounts);
        Map<String, AccountSpec> byName = new LinkedHashMap<>();
        accounts.forEach(a -> byName.put(a.name(), a));
        accounts.forEach(a -> AuthorizationSpec.checkAccounts("accounts." + a.name(), a.authorization(), byName));
        this.operator = operator;
        this.systemAccount = systemAccount;
        this.server = server;
        this.accounts = accounts;
    }

    private static void validateImports(List<AccountSpec> accounts) {
        Map<String, AccountSpec> byName = new LinkedHashMap<>();
        accounts.forEach(a -> byName.put(a.name(), a));
        for (AccountSpec a : accounts) {
            for (int i = 0; i < a.imports().size(); i++) {
                ImportSpec imp = a.imports().get(i);
                String at = "accounts." + a.name() + ".imports[" + i + "]";
                AccountSpec exporter = byName.get(imp.account());
                if (exporter == null) {
                    throw new InvalidSpecException(at + ".account", "no account [" + imp.account()
                            + "] to import from; accounts are: " + byName.keySet());
                }
                boolean found = exporter.exports().stream().anyMatch(e -> e.type() == imp.type()
                        && Subjects.isContainedIn(imp.subject(), e.subject()));
                if (!found) {
                    String offered = exporter.exports().isEmpty() ? "none"
                            : exporter.exports().stream().map(e -> e.type().wireName() + " " + e.subject())
                            .collect(Collectors.joining(", ", "[", "]"));
                    throw new InvalidSpecException(at, "account [" + imp.account() + "] exports no "
                            + imp.type().wireName() + " containing [" + imp.subject()
                            + "]; its exports are: " + offered + ". Add the export or fix the subject or type");
                }
            }
        }
    }

    /**
     * @param name an account name
     * @return the account
     * @throws InvalidSpecException listing the known accounts when there is none by that name
     */
    public AccountSpec account(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(
                () -> new InvalidSpecException("accounts", "no account [" + name + "] in sandbox; accounts are: "
                        + accounts.stream().map(AccountSpec::name).toList()));
    }

    /**
     * @return the system account
     */
    public AccountSpec systemAccountSpec() {
        return account(systemAccount);
    }

    /**
     * @param operatorName the operator's name ({@code nsc add operator -n})
     * @return a builder
     */
    public static Builder operator(String operatorName) {
        return new Builder(OperatorSpec.named(operatorName));
    }

    /**
     * @param operator the operator
     * @return a builder
     */
    public static Builder operator(OperatorSpec operator) {
        return new Builder(operator);
    }

    /**
     * Same as {@link #operator(OperatorSpec)}.
     *
     * @param operator the operator
     * @return a builder
     */
    public static Builder builder(OperatorSpec operator) {
        return new Builder(operator);
    }

    /**
     * @return a builder initialised with this spec
     */
    public Builder toBuilder() {
        Builder b = new Builder(operator);
        b.systemAccount = systemAccount;
        b.server = server;
        b.accounts.addAll(accounts);
        return b;
    }

    /**
     * @param changed the account to put in place of the one with the same name (or to add)
     * @return a copy with the account replaced or added
     */
    public SandboxSpec withAccount(AccountSpec changed) {
        return toBuilder().account(changed).build();
    }

    /** Builds a spec the way the nsc walkthrough reads. Mutable; not thread-safe. */
    public static final class Builder {
        private OperatorSpec operator;
        private String systemAccount = DEFAULT_SYSTEM_ACCOUNT;
        private ServerSpec server = ServerSpec.DEFAULT;
        private final List<AccountSpec> accounts = new ArrayList<>();

        private Builder(OperatorSpec operator) {
            this.operator = operator;
        }

        /**
         * @param count operator signing keys to generate; accounts are signed by the first
         * @return this
         */
        public Builder operatorSigningKeys(int count) {
            operator = operator.toBuilder().signingKeys(count).build();
            return this;
        }

        /**
         * @param name the system account's name (default {@code SYS})
         * @return this
         */
        public Builder systemAccount(String name) {
            this.systemAccount = name;
            return this;
        }

        /**
         * @param server how the server runs
         * @return this
         */
        public Builder server(ServerSpec server) {
            this.server = server;
            return this;
        }

        /**
         * @param port the listen port, -1 for any free one
         * @return this
         */
        public Builder port(int port) {
            this.server = server.withPort(port);
            return this;
        }

        /**
         * @param enabled whether JetStream is enabled
         * @return this
         */
        public Builder jetStream(boolean enabled) {
            this.server = server.toBuilder().jetStream(enabled).build();
            return this;
        }

        /**
         * @param size how many servers run routed to each other, 1 to {@value ServerSpec#MAX_CLUSTER_SIZE}; {@code 0}
         *             for a single server without a cluster
         * @return this
         */
        public Builder clusterSize(int size) {
            this.server = server.toBuilder().clusterSize(size).build();
            return this;
        }

        /**
         * @param resolver how the server finds accounts
         * @return this
         */
        public Builder resolver(ResolverType resolver) {
            this.server = server.withResolver(resolver);
            return this;
        }

        /**
         * @param name an account with default limits and no users ({@code nsc add account -n})
         * @return this
         */
        public Builder account(String name) {
            return account(name, a -> { });
        }

        /**
         * @param name      the account's name
         * @param configure adds users, exports, imports, limits
         * @return this
         */
        public Builder account(String name, Consumer<AccountSpec.Builder> configure) {
            AccountSpec.Builder b = accounts.stream().filter(a -> a.name().equals(name)).findFirst()
                    .map(AccountSpec::toBuilder).orElseGet(() -> AccountSpec.builder(name));
            configure.accept(b);
            return account(b.build());
        }

        /**
         * @param account an account; replaces one of the same name
         * @return this
         */
        public Builder account(AccountSpec account) {
            for (int i = 0; i < accounts.size(); i++) {
                if (accounts.get(i).name().equals(account.name())) {
                    accounts.set(i, account);
                    return this;
                }
            }
            accounts.add(account);
            return this;
        }

        /**
         * @param values the sandbox's accounts as they are, replacing any added before; {@link #build()} refuses
         *               two accounts of the same name
         * @return this
         */
        public Builder accounts(List<AccountSpec> values) {
            List<AccountSpec> copy = new ArrayList<>(values);
            accounts.clear();
            accounts.addAll(copy);
            return this;
        }

        /**
         * @param value replaces the operator
         * @return this
         */
        public Builder operator(OperatorSpec value) {
            this.operator = value;
            return this;
        }

        /**
         * @param name an account to remove
         * @return this
         */
        public Builder removeAccount(String name) {
            accounts.removeIf(a -> a.name().equals(name));
            return this;
        }

        /**
         * @return the spec, with every cross reference checked
         */
        public SandboxSpec build() {
            return new SandboxSpec(operator, systemAccount, server, accounts);
        }
    }

    /**
     * @param exporter an account
     * @param subject  a subject
     * @param type     stream or service
     * @return the export of {@code exporter} that contains {@code subject} with that type
     */
    public static Optional<Export> findExport(AccountSpec exporter, String subject, ExportType type) {
        return exporter.exports().stream().filter(e -> e.type() == type
                && Subjects.isContainedIn(subject, e.subject())).findFirst();
    }

    /**
     * @return the operator
     */
    public OperatorSpec operator() {
        return operator;
    }

    /**
     * @return the name of the system account
     */
    public String systemAccount() {
        return systemAccount;
    }

    /**
     * @return how the server listens and what it enables
     */
    public ServerSpec server() {
        return server;
    }

    /**
     * @return every account, the system account included
     */
    public List<AccountSpec> accounts() {
        return accounts;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SandboxSpec other)) {
            return false;
        }
        return Objects.equals(operator, other.operator)
                && Objects.equals(systemAccount, other.systemAccount)
                && Objects.equals(server, other.server)
                && Objects.equals(accounts, other.accounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operator, systemAccount, server, accounts);
    }

    @Override
    public String toString() {
        return "SandboxSpec[operator=" + operator + ", systemAccount=" + systemAccount + ", server=" + server
                + ", accounts=" + accounts + "]";
    }
}
